// @vitest-environment happy-dom
// The object form of `dom` (Sentry's): attributes shown in the click selector, and its length.
// A file of its own: the DOM listeners of an integration stay for the page.
import { beforeAll, expect, test } from 'vitest';
import { captureMessage } from '@faultline/core';
import { breadcrumbsIntegration } from '../../src/integrations/breadcrumbs';
import { initForTest, settle, type BrowserTestSdk } from '../helpers';

let sdk: BrowserTestSdk;

beforeAll(() => {
  const only = { console: false, fetch: false, xhr: false, history: false, sentry: false };
  sdk = initForTest({ defaultIntegrations: false, integrations: [breadcrumbsIntegration({ ...only, dom: { serializeAttribute: ['data-test', 'title'], maxStringLength: 40 } })] });
});

test('dom: { serializeAttribute, maxStringLength } names the clicked element by those attributes and cuts the selector', async () => {
  document.body.innerHTML =
    '<button id="pay" class="primary" data-test="pay-now">Pay</button><div id="cart"><span title="remove the second line of the cart">x</span></div>';
  document.querySelector<HTMLElement>('#pay')!.click();
  document.querySelector<HTMLElement>('span')!.click();
  captureMessage('probe');
  await settle();
  expect(sdk.events().at(-1)?.breadcrumbs?.values?.map((crumb) => [crumb.category, crumb.message])).toEqual([
    ['ui.click', 'button#pay.primary[data-test="pay-now"]'],
    ['ui.click', 'div#cart > span[title="remove the secon…'],
  ]);
});
