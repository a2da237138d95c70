// Sends an accepted envelope to the server of its allowed DSN. The URL and auth come from
// that DSN alone; of the browser's request only the (decoded) body goes on.

import { dsnToString, envelopeUrl, logger } from '@faultline/core';
import type { Dsn, TransportRequestExecutor } from '@faultline/core';
import { createHttpRequestExecutor } from '../transports/http';
import { TunnelRefusal } from './refusal';

/** How the tunnel reaches the upstream server; the Node transport's options of the same names. */
export interface TunnelUpstreamOptions {
  /** A proxy URL, or `false` to ignore HTTPS_PROXY / HTTP_PROXY. Default: the environment. */
  proxy?: string | false;
  /** Extra trusted CA certificates (PEM), e.g. for a self-hosted server. */
  caCerts?: string | Buffer | Array<string | Buffer>;
  /** Milliseconds an upstream request may take. Default 15 000. */
  timeout?: number;
  /** Most sockets open to one upstream server. Default 8. */
  maxSockets?: number;
}

/** What the tunnel answers the browser. */
export interface TunnelAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The upstream headers the browser SDK needs to back off: passed through as they came. */
const RATE_LIMIT_HEADERS = ['x-sentry-rate-limits', 'retry-after'];

/**
 * A sender with one keep-alive executor per allowed DSN, created on first use.
 *
 * @example
 * const forward = createUpstream({ timeout: 5000 });
 * const answer = await forward(allowedDsn, envelopeBytes);
 */
export function createUpstream(options: TunnelUpstreamOptions): (dsn: Dsn, body: Uint8Array) => Promise<TunnelAnswer> {
  const executors = new Map<string, TransportRequestExecutor>();
  const executorFor = (dsn: Dsn): TransportRequestExecutor => {
    const key = dsnToString(dsn);
    let executor = executors.get(key);
    if (!executor) {
      executor = createHttpRequestExecutor({ ...options, url: envelopeUrl(dsn), recordDroppedEvent: () => undefined });
      executors.set(key, executor);
    }
    return executor;
  };

  return async (dsn, body) => {
    let response;
    try {
      response = await executorFor(dsn)({ body });
    } catch (error) {
      logger.warn('Tunnel: the upstream server could not be reached.', error);
      throw new TunnelRefusal(502, 'the upstream server could not be reached');
    }
    const status = response.statusCode;
    if (status === undefined || status < 200 || status > 599) throw new TunnelRefusal(502, 'the upstream server sent no valid status');
    const headers: Record<string, string> = {};
    for (const name of RATE_LIMIT_HEADERS) {
      const value = response.headers?.[name];
      if (value) headers[name] = value;
    }
    return { status, headers, body: '' };
  };
}
