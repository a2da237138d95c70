// Hono: a middleware that reads `c.error`, which Hono sets when a handler threw and its
// error handler answered; the app's own `onError` stays in charge of the response.

import { captureFrameworkError } from './servererror';
import type { ErrorHandlerOptions } from './servererror';

type HonoMiddleware = (c: { error?: unknown }, next: () => Promise<void>) => Promise<void>;

/** The part of a Hono app (4) the helper uses. */
export interface HonoLike {
  use(path: string, middleware: HonoMiddleware): unknown;
}

/**
 * Reports errors thrown by Hono handlers (no status or 5xx; an `HTTPException` carries its
 * status). Call it before registering routes.
 *
 * @example
 * const app = new Hono();
 * setupHonoErrorHandler(app);
 * app.get('/', () => { throw new Error('boom'); });
 */
export function setupHonoErrorHandler(app: HonoLike, options: ErrorHandlerOptions = {}): void {
  app.use('*', async (c, next) => {
    await next();
    if (c.error !== undefined) captureFrameworkError('auto.http.hono.context_error', c.error, options);
  });
}
