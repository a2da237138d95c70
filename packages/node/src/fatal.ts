// The end of a process that hit a fatal error: send what is queued, then leave exactly as
// Node would have (its stderr output and exit code 1).

import { logger } from '@faultline/core';
import type { ClientLike } from '@faultline/core';
import { builtin } from './builtin';
import { formatUncaught } from './crashprint';
import { endProcessSession } from './integrations/processsession';

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 2000;

/** The SDK's `uncaughtException` listeners: none of them is the app's. */
export const sdkUncaughtListeners = new Set<unknown>();

/**
 * Flushes within `shutdownTimeout`, marks the process session crashed, prints `error`
 * like Node and exits with code 1; or, given `onFatalError`, calls it instead of printing
 * and exiting (it decides; should it throw, the process ends as without it). In a worker
 * thread, ends it as Node does there: the error goes to the parent's `Worker` 'error' event.
 */
export async function flushAndExit(client: ClientLike, error: unknown, onFatalError?: (error: Error) => void): Promise<void> {
  const timeout = client.getOptions().shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const deadline = Date.now() + timeout;
  try {
    const sent = await client.flush(timeout);
    endProcessSession('crashed');
    const left = deadline - Date.now();
    if (left > 0) await client.flush(left);
    if (!sent) logger.warn(`Not everything was sent within shutdownTimeout (${timeout} ms).`);
  } catch (flushError) {
    logger.warn('Flush before exit failed:', flushError);
  }
  if (onFatalError) {
    try {
      onFatalError(error as Error);
      return;
    } catch (callbackError) {
      logger.error('onFatalError threw; exiting:', callbackError);
    }
  }
  if (!builtin('node:worker_threads').isMainThread) {
    // Node prints nothing in a worker: it ends the thread with code 1 and hands the error
    // to the parent. Thrown again with our listeners gone, the error takes that same path.
    for (const listener of sdkUncaughtListeners) process.off('uncaughtException', listener as NodeJS.UncaughtExceptionListener);
    setImmediate(() => {
      throw error;
    });
    return;
  }
  try {
    process.stderr.write(formatUncaught(error));
  } finally {
    process.exit(1);
  }
}
