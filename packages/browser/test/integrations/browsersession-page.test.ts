// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import type { SessionJSON } from '@faultline/core';
import { browserSessionIntegration } from '../../src/integrations/browsersession';
import { initForTest, type BrowserTestSdk } from '../helpers';

let sdk: BrowserTestSdk;
beforeAll(() => {
  sdk = initForTest({ release: 'shop@1.4.2', defaultIntegrations: false, integrations: [browserSessionIntegration({ lifecycle: 'page' })] });
});

describe("BrowserSession with lifecycle: 'page'", () => {
  test('a navigation keeps the session: one per page load, as @sentry/browser 11 counts them', () => {
    sdk.reset();
    history.pushState({}, '', '/orders');
    expect(sdk.items<SessionJSON>('session')).toEqual([]);
  });
});
