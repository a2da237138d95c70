// @vitest-environment happy-dom
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SessionJSON } from '@faultline/core';
import { browserSessionIntegration } from '../../src/integrations/browsersession';
import { globalHandlersIntegration } from '../../src/integrations/globalhandlers';
import { initForTest, settle, type BrowserTestSdk } from '../helpers';

let sdk: BrowserTestSdk;
beforeAll(() => {
  sdk = initForTest({
    release: 'shop@1.4.2',
    environment: 'staging',
    defaultIntegrations: false,
    integrations: [browserSessionIntegration(), globalHandlersIntegration()],
  });
});

describe('BrowserSession', () => {
  test('a session starts with the page load, with release, environment and user agent', () => {
    const [session] = sdk.items<SessionJSON>('session');
    expect(session).toMatchObject({
      init: true,
      status: 'ok',
      errors: 0,
      attrs: { release: 'shop@1.4.2', environment: 'staging', user_agent: navigator.userAgent },
    });
    expect(session.sid).toMatch(/^[0-9a-f]{32}$/);
  });

  describe('afterwards', () => {
    beforeEach(() => sdk.reset());

    test('a navigation ends the session and starts the next', () => {
      history.pushState({}, '', '/orders');
      const [ended, next] = sdk.items<SessionJSON>('session');
      expect(ended).toMatchObject({ status: 'exited', init: false });
      expect(next).toMatchObject({ status: 'ok', init: true });
      expect(next.sid).not.toBe(ended.sid);
    });

    test('an unhandled error marks the current session crashed', async () => {
      window.dispatchEvent(new ErrorEvent('error', { error: new Error('fatal'), message: 'Uncaught Error: fatal' }));
      await settle();
      const sessions = sdk.items<SessionJSON>('session');
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ status: 'crashed', errors: 1 });
      expect(sdk.events()).toHaveLength(1);
    });
  });
});
