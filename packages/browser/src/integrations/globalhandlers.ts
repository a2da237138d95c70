// Reports what nothing else caught: uncaught errors ("error" on the window or the worker's
// global scope) and unhandled promise rejections. Listeners, not `onerror =`, so the app's
// own handlers, set before or after init, keep working and cannot switch ours off.
import { eventFromException, getClient } from '@faultline/core';
import type { Event, Integration, Mechanism } from '@faultline/core';
import { wasCaptured } from '../instrument/captured';
import { safely } from '../instrument/fill';

export interface GlobalHandlersOptions {
  onerror?: boolean;
  onunhandledrejection?: boolean;
}

/**
 * @example
 * init({ dsn, integrations: [globalHandlersIntegration({ onunhandledrejection: false })] });
 */
export function globalHandlersIntegration(options: GlobalHandlersOptions = {}): Integration {
  return {
    name: 'GlobalHandlers',
    setupOnce() {
      // A page or a worker; a server rendering the page has no global listeners.
      if (typeof addEventListener !== 'function') return;
      if (options.onerror !== false) addEventListener('error', (event) => safely(() => onError(event)));
      if (options.onunhandledrejection !== false) {
        addEventListener('unhandledrejection', (event) => safely(() => onRejection(event)));
      }
    },
  };
}

function onError(event: ErrorEvent): void {
  const client = getClient();
  // Resource load failures are plain Events, and wrapped callbacks already reported theirs.
  if (!client || !('message' in event) || wasCaptured(event.error)) return;
  const mechanism: Mechanism = { type: 'auto.browser.global_handlers.onerror', handled: false };
  // No Error object ("Script error." from another origin, `throw undefined`): the message.
  const thrown = event.error ?? event.message;
  const built = eventFromException(client.getOptions(), thrown, { mechanism });
  addLocationFrame(built, event);
  client.captureEvent(built, { originalException: thrown, mechanism });
}

function onRejection(event: PromiseRejectionEvent): void {
  const client = getClient();
  if (!client) return;
  // Promise libraries that dispatch their own CustomEvent put the reason in `detail`.
  const reason: unknown = 'reason' in event ? event.reason : (event as CustomEvent).detail?.reason;
  const mechanism: Mechanism = { type: 'auto.browser.global_handlers.onunhandledrejection', handled: false };
  const built: Event =
    typeof reason === 'object' && reason !== null
      ? eventFromException(client.getOptions(), reason, { mechanism }, true)
      : {
          level: 'error',
          exception: {
            values: [{ type: 'UnhandledRejection', value: `Non-Error promise rejection captured with value: ${String(reason)}`, mechanism }],
          },
        };
  client.captureEvent(built, { originalException: reason, mechanism });
}

/** Without a parsed stack, the ErrorEvent still knows where it happened. */
function addLocationFrame(event: Event, errorEvent: ErrorEvent): void {
  const exception = event.exception?.values?.[0];
  if (!exception || exception.stacktrace?.frames?.length) return;
  exception.stacktrace = {
    frames: [
      {
        filename: errorEvent.filename || location.href,
        function: '?',
        lineno: errorEvent.lineno || undefined,
        colno: errorEvent.colno || undefined,
        in_app: true,
      },
    ],
  };
}
