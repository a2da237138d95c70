// Release health: a session per page load, as @sentry/browser counts them, or also one per
// same-document navigation with `lifecycle: 'route'`. The client marks it crashed when an
// unhandled error is captured while it is current.
import { captureSession, startSession } from '@faultline/core';
import type { Integration } from '@faultline/core';
import { onHistoryChange } from '../instrument/history';

export interface BrowserSessionOptions {
  /** `'page'` (default): one session per page load. `'route'`: a new one at each navigation too. */
  lifecycle?: 'page' | 'route';
}

/**
 * Sessions need `release`; without it none is sent.
 *
 * @example
 * init({ dsn, release: 'shop@1.4.2' }); // on by default
 * init({ dsn, release: 'shop@1.4.2', integrations: [browserSessionIntegration({ lifecycle: 'route' })] });
 */
export function browserSessionIntegration(options: BrowserSessionOptions = {}): Integration {
  return {
    name: 'BrowserSession',
    setupOnce() {
      if (typeof document === 'undefined') return;
      startAndSend();
      if (options.lifecycle === 'route') onHistoryChange(startAndSend);
    },
  };
}

function startAndSend(): void {
  startSession();
  captureSession();
}
