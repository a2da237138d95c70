// Release health: a session per page load and per same-document navigation (issue 4's
// rule; @sentry/browser 11 defaults to one per page load: `lifecycle: 'page'`). The client
// marks it crashed when an unhandled error is captured while it is current. Pages only, as
// in @sentry/browser: a worker's session would count its page's visit twice.
import { captureSession, startSession } from '@faultline/core';
import type { Integration } from '@faultline/core';
import { onHistoryChange } from '../instrument/history';

export interface BrowserSessionOptions {
  /** `'route'` (default): a new session at each navigation too. `'page'`: one per page load. */
  lifecycle?: 'page' | 'route';
}

/**
 * Sessions need `release`; without it none is sent.
 *
 * @example
 * init({ dsn, release: 'shop@1.4.2' }); // on by default
 * init({ dsn, release: 'shop@1.4.2', integrations: [browserSessionIntegration({ lifecycle: 'page' })] });
 */
export function browserSessionIntegration(options: BrowserSessionOptions = {}): Integration {
  return {
    name: 'BrowserSession',
    setupOnce() {
      // Not in a worker, nor on a server rendering the page.
      if (typeof document === 'undefined') return;
      startAndSend();
      if (options.lifecycle !== 'page') onHistoryChange(startAndSend);
    },
  };
}

function startAndSend(): void {
  startSession();
  captureSession();
}
