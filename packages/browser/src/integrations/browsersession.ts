// Release health: a session per page load and per same-document navigation (issue 4's
// rule; @sentry/browser 11 defaults to one per page load: `lifecycle: 'page'`). The client
// marks it crashed when an unhandled error is captured while it is current. A worker has
// no navigations: one session per worker start (@sentry/browser tracks none there).
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
      // A page or a worker; a server rendering the page has no location and no sessions.
      if (typeof location === 'undefined') return;
      startAndSend();
      if (options.lifecycle !== 'page') onHistoryChange(startAndSend);
    },
  };
}

function startAndSend(): void {
  startSession();
  captureSession();
}
