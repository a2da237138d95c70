// Release health: a session per page load and per same-document navigation. The client
// marks it crashed when an unhandled error is captured while it is current.
import { captureSession, startSession } from '@faultline/core';
import type { Integration } from '@faultline/core';
import { onHistoryChange } from '../instrument/history';

/**
 * Sessions need `release`; without it none is sent.
 *
 * @example
 * init({ dsn, release: 'shop@1.4.2' }); // on by default
 */
export function browserSessionIntegration(): Integration {
  return {
    name: 'BrowserSession',
    setupOnce() {
      if (typeof document === 'undefined') return;
      startAndSend();
      onHistoryChange(startAndSend);
    },
  };
}

function startAndSend(): void {
  startSession();
  captureSession();
}
