// Fastify: an `onError` hook, which sees errors after Fastify chose their status code, and
// an `onRequest` hook that names the request's events after its route, as Sentry does.

import { getDefaultIsolationScope, getIsolationScope, logger } from '@faultline/core';
import { captureFrameworkError } from './servererror';
import type { ErrorHandlerOptions } from './servererror';

/** The part of a Fastify request the helper reads: `routeOptions.url` is Fastify 4.10+, `routerPath` older. */
interface FastifyRequestLike {
  method?: string;
  routeOptions?: { url?: string };
  routerPath?: string;
}

/** The part of a Fastify instance (4 and 5) the helper uses. */
export interface FastifyLike {
  addHook(name: 'onRequest', hook: (request: FastifyRequestLike, reply: unknown) => Promise<void>): unknown;
  addHook(name: 'onError', hook: (request: unknown, reply: unknown, error: unknown) => Promise<void>): unknown;
}

/**
 * Reports errors thrown by Fastify routes and hooks (no status or 5xx), and names each
 * request's events `GET /items/:id` after its route. Call it on the root instance before
 * registering routes.
 *
 * @example
 * const app = Fastify();
 * setupFastifyErrorHandler(app);
 * app.get('/', async () => { throw new Error('boom'); });
 */
export function setupFastifyErrorHandler(app: FastifyLike, options: ErrorHandlerOptions = {}): void {
  app.addHook('onRequest', async (request) => nameAfterRoute(request));
  app.addHook('onError', async (_request, _reply, error) => {
    captureFrameworkError('auto.function.fastify', error, options);
  });
}

function nameAfterRoute(request: FastifyRequestLike): void {
  try {
    const route = request.routeOptions?.url ?? request.routerPath;
    const scope = getIsolationScope();
    // Only a request's own scope: naming the process-wide one would name every event.
    if (typeof route === 'string' && scope !== getDefaultIsolationScope()) {
      scope.setTransactionName(`${request.method ?? 'GET'} ${route}`);
    }
  } catch (error) {
    logger.warn('Could not name a Fastify request after its route:', error);
  }
}
