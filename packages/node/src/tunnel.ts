// The tunnel endpoint: a same-origin URL that passes browser envelopes on to the server of
// an allowed DSN (ad blockers often block requests to ingest hosts). Closed by design: it
// forwards only envelopes whose header names an allowed DSN, only to the URL built from that
// DSN, only the body; everything else gets a 4xx and nothing is sent anywhere.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAllowedDsns } from './tunnel/allowed';
import { createFastifyPlugin } from './tunnel/fastify';
import type { FastifyRouteLike, TunnelFastifyOptions } from './tunnel/fastify';
import { fromNodeRequest, sendNodeAnswer } from './tunnel/node';
import { handleTunnelRequest } from './tunnel/request';
import type { TunnelSettings } from './tunnel/request';
import { createUpstream } from './tunnel/upstream';
import type { TunnelUpstreamOptions } from './tunnel/upstream';
import { fromWebRequest, toWebResponse } from './tunnel/web';

export type { FastifyRouteLike, TunnelFastifyOptions, TunnelUpstreamOptions };

/** Envelopes larger than this (after decompression) are refused with 413. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface TunnelOptions {
  /** The DSN the browser uses; the only one forwarded to. */
  dsn?: string;
  /** Several DSNs (e.g. one per frontend app); combined with `dsn`. */
  allowedDsns?: string[];
  /** Largest accepted envelope in bytes, compressed or decompressed. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Proxy, CA certificates, timeout and sockets for the requests to the upstream server. */
  upstream?: TunnelUpstreamOptions;
}

/** A node:http / Express handler, with the same tunnel for Fastify, Hono and `fetch`-style servers. */
export interface TunnelHandler {
  (req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** A Fastify plugin: `app.register(tunnel.fastify, { path: '/tunnel' })`. */
  fastify: (instance: FastifyRouteLike, options?: TunnelFastifyOptions) => Promise<void>;
  /** A Hono handler: `app.post('/tunnel', tunnel.hono)`. */
  hono: (c: { req: { raw: Request } }) => Promise<Response>;
  /** A web-standard handler: `Request` in, `Response` out. */
  fetch: (request: Request) => Promise<Response>;
}

/**
 * Creates the tunnel endpoint for `init({ dsn, tunnel: '/tunnel' })` in the browser. It
 * answers 405 to anything but POST, 413 past `maxBodyBytes`, 400 to a malformed envelope
 * header or DSN, 403 to a DSN that is not allowed, 502 when the upstream is unreachable,
 * and otherwise the upstream's status with its `X-Sentry-Rate-Limits` and `Retry-After`.
 * Mount it before any body parser. Never throws; an invalid configured DSN is skipped with
 * a warning (and a tunnel left with none answers 500).
 *
 * @example
 * // node:http or Express
 * const tunnel = createTunnelHandler({ dsn: process.env.SENTRY_DSN });
 * app.post('/tunnel', tunnel);
 *
 * @example
 * // Fastify
 * app.register(createTunnelHandler({ dsn }).fastify, { path: '/tunnel' });
 *
 * @example
 * // Hono
 * app.post('/tunnel', createTunnelHandler({ allowedDsns: [shopDsn, adminDsn] }).hono);
 */
export function createTunnelHandler(options: TunnelOptions = {}): TunnelHandler {
  const { maxBodyBytes, upstream } = readOptions(options);
  const settings: TunnelSettings = {
    allowed: parseAllowedDsns(options ?? {}),
    maxBodyBytes: typeof maxBodyBytes === 'number' && maxBodyBytes > 0 ? maxBodyBytes : DEFAULT_MAX_BODY_BYTES,
    forward: createUpstream(typeof upstream === 'object' && upstream !== null ? upstream : {}),
  };
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      sendNodeAnswer(req, res, await handleTunnelRequest(fromNodeRequest(req), settings));
    } catch {
      // The client went away before the answer could be written.
      res.destroy();
    }
  };
  const fetch = async (request: Request): Promise<Response> => toWebResponse(await handleTunnelRequest(fromWebRequest(request), settings));
  return Object.assign(serve, {
    fastify: createFastifyPlugin(serve),
    hono: (c: { req: { raw: Request } }) => fetch(c.req.raw),
    fetch,
  });
}

/** The size and upstream options; unreadable ones fall back to the defaults. */
function readOptions(options: TunnelOptions | undefined): Pick<TunnelOptions, 'maxBodyBytes' | 'upstream'> {
  try {
    return { maxBodyBytes: options?.maxBodyBytes, upstream: options?.upstream };
  } catch {
    return {};
  }
}
