// Sends envelopes with the browser's own fetch: a "simple" CORS request (no custom
// headers, a safelisted Content-Type) so no preflight, and `keepalive` so a request
// started while the page unloads still completes.
import { createTransport, utf8Length } from '@faultline/core';
import type { BaseTransportOptions, Transport, TransportRequestExecutor } from '@faultline/core';
import { getNativeFetch } from './nativefetch';

// Browsers refuse keepalive requests once the keepalive bodies in flight pass 64 KiB
// in total, and Chromium also caps how many may be pending; stay clearly below both.
const KEEPALIVE_MAX_PENDING_BYTES = 60_000;
const KEEPALIVE_MAX_PENDING_REQUESTS = 15;

export interface FetchTransportOptions extends BaseTransportOptions {
  /** Extra `fetch` init options, e.g. `{ credentials: 'include' }` for a tunnel. */
  fetchOptions?: RequestInit;
}

/**
 * The default browser transport. `url` already holds the auth query (or the tunnel).
 *
 * @example
 * init({ dsn, transport: makeFetchTransport });
 */
export function makeFetchTransport(options: FetchTransportOptions, fetchImpl: typeof fetch = getNativeFetch()): Transport {
  let pendingBytes = 0;
  let pendingRequests = 0;

  const executor: TransportRequestExecutor = (request) => {
    const size = byteLength(request.body);
    pendingBytes += size;
    pendingRequests++;
    const done = (): void => {
      pendingBytes -= size;
      pendingRequests--;
    };
    let sending: Promise<Response>;
    try {
      sending = fetchImpl(options.url, {
        method: 'POST',
        body: request.body as BodyInit,
        // A CORS-safelisted type: the server reads the envelope format from the body.
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        referrerPolicy: 'strict-origin',
        keepalive: pendingBytes < KEEPALIVE_MAX_PENDING_BYTES && pendingRequests < KEEPALIVE_MAX_PENDING_REQUESTS,
        ...options.fetchOptions,
      });
    } catch (error) {
      sending = Promise.reject(error);
    }
    return sending.finally(done).then((response) => ({
      statusCode: response.status,
      headers: {
        'x-sentry-rate-limits': response.headers.get('x-sentry-rate-limits'),
        'retry-after': response.headers.get('retry-after'),
      },
    }));
  };

  const transport = createTransport(options, executor);
  flushWhenHidden(transport);
  return transport;
}

/** Pushes out what is queued when the tab is hidden: it may never become visible again. */
function flushWhenHidden(transport: Transport): void {
  if (typeof document === 'undefined') return;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void transport.flush();
  });
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? utf8Length(body) : body.byteLength;
}
