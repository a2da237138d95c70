// The tunnel as a Fastify plugin. Its route takes the request over in `onRequest`, before
// Fastify parses the body: the tunnel needs the raw bytes, whatever the Content-Type.

import type { IncomingMessage, ServerResponse } from 'node:http';

type OnRequest = (request: { raw: IncomingMessage }, reply: { raw: ServerResponse; hijack(): void }) => void;

/** The part of a Fastify instance (4 and 5) the plugin uses. */
export interface FastifyRouteLike {
  route(route: { method: string[]; url: string; onRequest: OnRequest; handler: () => void }): unknown;
}

export interface TunnelFastifyOptions {
  /** Default `/tunnel`. */
  path?: string;
}

// Every method goes to the tunnel, so a GET gets its 405 from the tunnel, not a 404.
const METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];

/**
 * Builds the plugin around a node:http tunnel handler.
 *
 * @example
 * app.register(createTunnelHandler({ dsn }).fastify, { path: '/tunnel' });
 */
export function createFastifyPlugin(
  serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (instance: FastifyRouteLike, options?: TunnelFastifyOptions) => Promise<void> {
  return async (instance, { path = '/tunnel' } = {}) => {
    instance.route({
      method: METHODS,
      url: path,
      // The lifecycle is never resumed: the tunnel answers on the raw response.
      onRequest: (request, reply) => {
        reply.hijack();
        void serve(request.raw, reply.raw);
      },
      handler: () => undefined,
    });
  };
}
