// Release health for a process: one session per run, `exited` when the event loop runs
// dry, `crashed` on a fatal error, `abnormal` when a signal ends it.

import { closeSession, getIsolationScope, makeSession, updateSession } from '@faultline/core';
import type { Client, Integration, Session, SessionStatus } from '@faultline/core';

let active: { session: Session; client: Client } | undefined;

/**
 * Starts the process session at `init` (only with a `release`: the server needs one) and
 * sends it when the process ends. Off with `autoSessionTracking: false`.
 *
 * @example
 * init({ dsn, release: 'api@1.4.0' }); // one session per process run
 */
export function processSessionIntegration(): Integration {
  return {
    name: 'ProcessSession',
    setup(client) {
      const { release, environment, autoSessionTracking } = client.getOptions();
      if (autoSessionTracking === false || !release) return;
      const session = makeSession({ release, environment: environment ?? 'production' });
      // Requests fork this isolation scope and share the session, so their errors count.
      getIsolationScope().setSession(session);
      active = { session, client: client as Client };
      // `beforeExit` fires when the loop is empty; the send keeps it alive until done.
      process.once('beforeExit', () => endProcessSession('exited'));
    },
  };
}

/**
 * Ends the process session with `status` and sends it, unless it ended already (a crash
 * is sent by the client as soon as the crashing event is). Never throws.
 */
export function endProcessSession(status: Exclude<SessionStatus, 'ok'>): void {
  if (!active) return;
  const { session, client } = active;
  active = undefined;
  try {
    if (session.status !== 'ok') return;
    if (status === 'crashed') updateSession(session, { errors: session.errors + 1 });
    closeSession(session, status);
    client.captureSession(session);
  } catch {
    // Release health must never break the exit path.
  }
}
