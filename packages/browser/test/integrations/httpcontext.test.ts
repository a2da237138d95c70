// @vitest-environment happy-dom
import { beforeAll, expect, test } from 'vitest';
import { captureMessage } from '@faultline/core';
import { httpContextIntegration } from '../../src/integrations/httpcontext';
import { initForTest, settle, type BrowserTestSdk } from '../helpers';

let sdk: BrowserTestSdk;
beforeAll(() => {
  sdk = initForTest({ defaultIntegrations: false, integrations: [httpContextIntegration()] });
});

test('events carry the page URL, the user agent and the referrer', async () => {
  history.replaceState({}, '', '/checkout?step=2');
  Object.defineProperty(document, 'referrer', { value: 'https://shop.example.com/cart', configurable: true });
  captureMessage('paid');
  await settle();
  expect(sdk.events()[0].request).toEqual({
    url: `${location.origin}/checkout?step=2`,
    headers: { 'User-Agent': navigator.userAgent, Referer: 'https://shop.example.com/cart' },
  });
});
