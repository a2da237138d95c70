// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import type { SessionJSON } from '@faultline/core';
import { browserSessionIntegration } from '../../src/integrations/browsersession';
import { initForTest, type BrowserTestSdk } from '../helpers';

let sdk: BrowserTestSdk;
beforeAll(() => {
  sdk = initForTest({ release: 'shop@1.4.2', defaultIntegrations: false, integrations: [browserSessionIntegration({ lifecycle: 'route' })] });
});

describe("BrowserSession with lifecycle: 'route'", () => {
  test('a navigation ends the session and starts the next', () => {
    sdk.reset();
    history.pushState({}, '', '/orders');
    const [ended, next] = sdk.items<SessionJSON>('session');
    expect(ended).toMatchObject({ status: 'exited', init: false });
    expect(next).toMatchObject({ status: 'ok', init: true });
    expect(next.sid).not.toBe(ended.sid);
  });
});
