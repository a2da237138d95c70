// Uncaught exceptions: captured as fatal, flushed, then the process ends the way Node
// would have ended it. An app with its own `uncaughtException` listener decides itself.

import { getClient, logger } from '@faultline/core';
import type { ClientLike, Integration } from '@faultline/core';
import { flushAndExit, sdkUncaughtListeners } from '../fatal';

export interface OnUncaughtExceptionOptions {
  /** Exit even when the app has its own `uncaughtException` listener. Default false. */
  exitEvenIfOtherHandlersAreRegistered?: boolean;
  /**
   * Called once the fatal event was flushed, instead of printing the error and exiting:
   * the app decides what happens next. An uncaught error after it was called ends the
   * process as by default, as in Sentry.
   */
  onFatalError?(this: void, error: Error): void;
}

/**
 * Captures uncaught exceptions (`level: 'fatal'`, `mechanism.handled: false`), flushes
 * within `shutdownTimeout`, prints the error as Node does and exits with code 1.
 *
 * @example
 * init({ dsn, shutdownTimeout: 5000 }); // on by default
 * init({ dsn, integrations: [onUncaughtExceptionIntegration({ onFatalError: (error) => server.close(() => process.exit(1)) })] });
 */
export function onUncaughtExceptionIntegration(options: OnUncaughtExceptionOptions = {}): Integration {
  return {
    name: 'OnUncaughtException',
    setup(client) {
      let fatal: 'no' | 'flushing' | 'handedOver' = 'no';
      const handler = (error: unknown): void => {
        try {
          if (getClient() !== client) return;
          const appDecides = !options.exitEvenIfOtherHandlersAreRegistered && hasAppListeners();
          capture(client, error, appDecides ? 'error' : 'fatal');
          // A second error while flushing is captured; the first one decides the exit.
          if (appDecides || fatal === 'flushing') return;
          const onFatalError = fatal === 'no' ? options.onFatalError : undefined;
          fatal = 'flushing';
          void flushAndExit(client, error, onFatalError).then(() => (fatal = 'handedOver'));
        } catch (sdkError) {
          logger.error('Handling an uncaught exception failed:', sdkError);
        }
      };
      sdkUncaughtListeners.add(handler);
      process.on('uncaughtException', handler);
    },
  };
}

function capture(client: ClientLike, error: unknown, level: 'error' | 'fatal'): void {
  client.captureException(error, {
    originalException: error,
    // Sentry's name for this mechanism since v8: issues from either SDK read the same.
    mechanism: { type: 'auto.node.onuncaughtexception', handled: false },
    captureContext: { level },
  });
}

function hasAppListeners(): boolean {
  return process.listeners('uncaughtException').some((listener) => !sdkUncaughtListeners.has(listener));
}
