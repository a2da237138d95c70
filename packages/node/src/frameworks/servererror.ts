// Which errors a framework error handler reports: server faults, not a client's 4xx.

import { captureException } from '@faultline/core';

/** `true` for errors without an HTTP status or with a 5xx one (`status` or `statusCode`). */
export function isServerError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = Number(status ?? statusCode);
  return !Number.isInteger(code) || code >= 500;
}

export interface ErrorHandlerOptions {
  /** Which errors to report. Default: no HTTP status, or a 5xx one. */
  shouldHandleError?: (error: unknown) => boolean;
}

/**
 * Reports `error` from a framework's error path when the options say it is worth it.
 * `mechanismType` is the name Sentry's own handler for that framework uses, so issues and
 * the `mechanism` tag read the same whichever SDK sent them.
 */
export function captureFrameworkError(mechanismType: string, error: unknown, options: ErrorHandlerOptions): void {
  let report = true;
  try {
    report = (options.shouldHandleError ?? isServerError)(error);
  } catch {
    // A throwing filter reports: losing an error is worse than one too many.
  }
  if (report) captureException(error, { mechanism: { type: mechanismType, handled: false } });
}
