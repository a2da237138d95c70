// Express: an error middleware that reports and passes the error on unchanged.

import { captureFrameworkError } from './servererror';
import type { ErrorHandlerOptions } from './servererror';

type Next = (error?: unknown) => void;

/** The part of an Express app (4 and 5) the helper uses. */
export interface ExpressLike {
  use(handler: (error: unknown, req: unknown, res: unknown, next: Next) => void): unknown;
}

/**
 * Reports errors that reach Express's error path (no status or 5xx), then hands them to the
 * next error handler. Call it after your routes, before your own error handlers.
 *
 * @example
 * const app = express();
 * app.get('/', () => { throw new Error('boom'); });
 * setupExpressErrorHandler(app);
 * app.listen(3000);
 */
export function setupExpressErrorHandler(app: ExpressLike, options: ErrorHandlerOptions = {}): void {
  // Four parameters: that is how Express tells an error handler from a middleware.
  app.use(function faultlineErrorHandler(error: unknown, _req: unknown, _res: unknown, next: Next): void {
    captureFrameworkError('auto.http.express', error, options);
    next(error);
  });
}
