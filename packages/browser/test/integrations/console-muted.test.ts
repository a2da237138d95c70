// @vitest-environment happy-dom
// Sentry 8 apps turn console breadcrumbs off with breadcrumbsIntegration({ console: false }):
// that still works now that console lines come from the Console integration.
import { expect, test } from 'vitest';
import { captureMessage } from '@faultline/core';
import { breadcrumbsIntegration } from '../../src/integrations/breadcrumbs';
import { consoleIntegration } from '../../src/integrations/console';
import { initForTest, settle } from '../helpers';

test('breadcrumbsIntegration({ console: false }) silences the Console integration', async () => {
  const sdk = initForTest({ defaultIntegrations: false, integrations: [breadcrumbsIntegration({ console: false }), consoleIntegration()] });
  console.error('not recorded');
  captureMessage('probe');
  await settle();
  expect(sdk.events().at(-1)?.breadcrumbs?.values ?? []).toEqual([]);
});
