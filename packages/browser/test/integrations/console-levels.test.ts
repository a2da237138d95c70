// @vitest-environment happy-dom
// consoleIntegration({ levels }), as in Sentry: only those console methods make breadcrumbs.
import { expect, test } from 'vitest';
import { captureMessage } from '@faultline/core';
import { consoleIntegration } from '../../src/integrations/console';
import { initForTest, settle } from '../helpers';

test('only the listed console methods make breadcrumbs', async () => {
  const sdk = initForTest({ defaultIntegrations: false, integrations: [consoleIntegration({ levels: ['warn', 'error'] })] });
  console.log('not recorded');
  console.info('not recorded');
  console.warn('low stock');
  console.error('payment failed');
  captureMessage('probe');
  await settle();
  expect(sdk.events().at(-1)?.breadcrumbs?.values?.map((crumb) => [crumb.level, crumb.message])).toEqual([
    ['warning', 'low stock'],
    ['error', 'payment failed'],
  ]);
});
