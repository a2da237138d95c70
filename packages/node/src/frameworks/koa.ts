// Koa: a middleware at the front of the chain that reports what the rest throws.

import { captureFrameworkError } from './servererror';
import type { ErrorHandlerOptions } from './servererror';

type KoaMiddleware = (ctx: unknown, next: () => Promise<unknown>) => Promise<unknown>;

/** The part of a Koa app (2 and 3) the helper uses. */
export interface KoaLike {
  use(middleware: KoaMiddleware): unknown;
  middleware?: KoaMiddleware[];
}

/**
 * Reports errors thrown by any Koa middleware (no status or 5xx) and rethrows them, so Koa
 * answers and logs as before. Works wherever it is called: it puts itself first.
 *
 * @example
 * const app = new Koa();
 * setupKoaErrorHandler(app);
 * app.use(async () => { throw new Error('boom'); });
 */
export function setupKoaErrorHandler(app: KoaLike, options: ErrorHandlerOptions = {}): void {
  const reporter: KoaMiddleware = async (_ctx, next) => {
    try {
      return await next();
    } catch (error) {
      captureFrameworkError('auto.middleware.koa', error, options);
      throw error;
    }
  };
  // Koa composes `app.middleware` when the server starts; first place sees every error.
  if (Array.isArray(app.middleware)) app.middleware.unshift(reporter);
  else app.use(reporter);
}
