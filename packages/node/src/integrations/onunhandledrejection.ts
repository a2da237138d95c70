// Unhandled promise rejections. Registering a listener turns off Node's own handling, so
// each mode states what happens instead: `warn` prints Node's warning and keeps running,
// `strict` ends the process like Node's --unhandled-rejections=strict, `none` only captures.

import { getClient, logger } from '@faultline/core';
import type { Integration } from '@faultline/core';
import { flushAndExit } from '../fatal';

export type UnhandledRejectionMode = 'warn' | 'strict' | 'none';

export interface OnUnhandledRejectionOptions {
  /** Default `warn`. */
  mode?: UnhandledRejectionMode;
}

const WARNING_TYPE = 'UnhandledPromiseRejectionWarning';
const EXPLANATION =
  'This error originated either by throwing inside of an async function without a catch block, ' +
  'or by rejecting a promise which was not handled with .catch().';

/** Our listeners, one per client: none of them is the app's. */
const sdkListeners = new Set<unknown>();

/**
 * Captures unhandled rejections (`mechanism.handled: false`) and then warns, exits or
 * does nothing more, by `mode`. With its own `unhandledRejection` listener the app decides.
 *
 * @example
 * init({ dsn, integrations: [onUnhandledRejectionIntegration({ mode: 'strict' })] });
 */
export function onUnhandledRejectionIntegration(options: OnUnhandledRejectionOptions = {}): Integration {
  const mode = options.mode ?? 'warn';
  let rejectionId = 0;
  return {
    name: 'OnUnhandledRejection',
    setup(client) {
      let exiting = false;
      const handler = (reason: unknown): void => {
        try {
          if (getClient() !== client) return;
          client.captureException(reason, {
            originalException: reason,
            // Type and extra as Sentry's own handler sends them, so issues read the same.
            mechanism: { type: 'auto.node.onunhandledrejection', handled: false },
            captureContext: { level: mode === 'strict' ? 'fatal' : 'error', extra: { unhandledPromiseRejection: true } },
          });
          if (process.listeners('unhandledRejection').some((listener) => !sdkListeners.has(listener))) return;
          rejectionId++;
          if (mode === 'warn') warnLikeNode(reason, rejectionId);
          if (mode === 'strict' && !exiting) {
            exiting = true;
            void flushAndExit(client, asThrowable(reason));
          }
        } catch (sdkError) {
          logger.error('Handling an unhandled rejection failed:', sdkError);
        }
      };
      sdkListeners.add(handler);
      process.on('unhandledRejection', handler);
    },
  };
}

/** The two warnings `node --unhandled-rejections=warn` prints. */
function warnLikeNode(reason: unknown, id: number): void {
  const stack = (reason as Error | undefined)?.stack;
  process.emitWarning(typeof stack === 'string' ? stack : safeString(reason), WARNING_TYPE);
  process.emitWarning(
    `Unhandled promise rejection. ${EXPLANATION} To terminate the node process on unhandled promise rejection, ` +
      'use the CLI flag `--unhandled-rejections=strict` (see https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). ' +
      `(rejection id: ${id})`,
    WARNING_TYPE,
  );
}

/** What Node throws for a rejection with a non-error reason. */
function asThrowable(reason: unknown): unknown {
  if (reason instanceof Error) return reason;
  const error = new Error(`${EXPLANATION} The promise rejected with the reason "${safeString(reason)}".`);
  error.name = 'UnhandledPromiseRejection';
  // No frames: they would point into the SDK, not at the app.
  error.stack = `${error.name}: ${error.message}`;
  (error as Error & { code?: string }).code = 'ERR_UNHANDLED_REJECTION';
  return error;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[unprintable value]';
  }
}
