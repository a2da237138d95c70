// SIGTERM / SIGINT: when the app has no handler of its own, Node would die on the spot.
// We close the client first (the session ends `abnormal`), then let the signal kill the
// process, so the parent sees the same signal exit it would have seen without us.

import { getClient, logger } from '@faultline/core';
import type { Client, Integration } from '@faultline/core';
import { endProcessSession } from './processsession';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 2000;

/**
 * Sends what is queued (within `shutdownTimeout`) before a SIGTERM or SIGINT ends the
 * process; does nothing when the app listens to the signal itself.
 *
 * @example
 * init({ dsn }); // on by default; `kill <pid>` now flushes before the process dies
 */
export function onSignalIntegration(): Integration {
  return {
    name: 'OnSignal',
    setup(client) {
      for (const signal of SIGNALS) {
        const handler = (): void => {
          process.removeListener(signal, handler);
          // The app listens itself: it decides when to exit; Node will not kill the process.
          if (process.listenerCount(signal) > 0 || getClient() !== client) return;
          void closeAndDie(client as Client, signal);
        };
        process.on(signal, handler);
      }
    },
  };
}

async function closeAndDie(client: Client, signal: NodeJS.Signals): Promise<void> {
  try {
    endProcessSession('abnormal');
    await client.close(client.getOptions().shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
  } catch (error) {
    logger.warn(`Closing on ${signal} failed:`, error);
  }
  // With no listener left, the default action applies: the process ends by this signal.
  process.kill(process.pid, signal);
}
