// Fastify: an `onError` hook, which sees errors after Fastify chose their status code.

import { captureFrameworkError } from './servererror';
import type { ErrorHandlerOptions } from './servererror';

/** The part of a Fastify instance (4 and 5) the helper uses. */
export interface FastifyLike {
  addHook(name: 'onError', hook: (request: unknown, reply: unknown, error: unknown) => Promise<void>): unknown;
}

/**
 * Reports errors thrown by Fastify routes and hooks (no status or 5xx). Call it on the root
 * instance before registering routes.
 *
 * @example
 * const app = Fastify();
 * setupFastifyErrorHandler(app);
 * app.get('/', async () => { throw new Error('boom'); });
 */
export function setupFastifyErrorHandler(app: FastifyLike, options: ErrorHandlerOptions = {}): void {
  app.addHook('onError', async (_request, _reply, error) => {
    captureFrameworkError('auto.function.fastify', error, options);
  });
}
