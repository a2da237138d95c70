// The Node transport: envelopes POSTed with node:http / node:https on a keep-alive agent,
// gzip above 32 KiB, an optional proxy. Node's network modules load on the first send,
// so an app that never reports an error never pays for them.

import { createTransport, logger } from '@faultline/core';
import type { BaseTransportOptions, Transport, TransportRequestExecutor, TransportResponse } from '@faultline/core';
import type * as Http from 'node:http';
import { builtin } from '../builtin';
import { createConnectAgent, proxyAuthorization } from './connectagent';
import { proxyForUrl } from './proxy';

export interface NodeTransportOptions extends BaseTransportOptions {
  /** Extra request headers; `init` puts `X-Sentry-Auth` here. */
  headers?: Record<string, string>;
  /** A proxy URL, or `false` to ignore HTTPS_PROXY / HTTP_PROXY. Default: the environment. */
  proxy?: string | false;
  /** Extra trusted CA certificates (PEM), added to Node's root certificates. */
  caCerts?: string | Buffer | Array<string | Buffer>;
  /** Milliseconds a request may take from start to finish. Default 15 000. */
  timeout?: number;
  /** Most sockets open to the server at once. Default 8. */
  maxSockets?: number;
}

/** Bodies above this are gzipped: smaller uploads, and the server's 1 MiB item limit is on the decoded size anyway. */
const GZIP_THRESHOLD_BYTES = 32 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;
/** Enough parallel uploads for an error burst, few enough that a burst never opens hundreds. */
const DEFAULT_MAX_SOCKETS = 8;
/**
 * Requests held at once before envelopes are dropped (counted as `queue_overflow`). Above
 * core's default: a server under a failing dependency sends hundreds of errors at once and
 * they should arrive; a thousand envelopes of ~10 KB stay near 10 MB.
 */
const DEFAULT_BUFFER_SIZE = 1000;
/** Below common server keep-alive timeouts (Node's 5 s), so an idle socket is closed by us first. */
const IDLE_SOCKET_MS = 4_000;

/**
 * The default Node transport: core's rate limits, buffer and outcomes around an HTTP sender.
 *
 * @example
 * init({ dsn, transport: makeNodeTransport, transportOptions: { proxy: 'http://proxy:3128', caCerts: fs.readFileSync('ca.pem') } });
 */
export function makeNodeTransport(options: NodeTransportOptions): Transport {
  const withDefaults = { ...options, bufferSize: options.bufferSize ?? DEFAULT_BUFFER_SIZE };
  // Built on the first send: an app that never reports pays nothing for URL and proxy set-up.
  let execute: TransportRequestExecutor | undefined;
  return createTransport(withDefaults, async (request) => {
    execute ??= createHttpRequestExecutor(authInHeader(withDefaults));
    return execute(request);
  });
}

const AUTH_PARAMS = ['sentry_version', 'sentry_client', 'sentry_key'];

/**
 * Moves the auth the client put in the query string into `X-Sentry-Auth`: servers take
 * either, and a header keeps the key out of proxy and access logs. A tunnel URL carries
 * no auth and stays as it is.
 */
function authInHeader(options: NodeTransportOptions): NodeTransportOptions {
  const url = new URL(options.url);
  if (!url.searchParams.has('sentry_key')) return options;
  const fields = AUTH_PARAMS.filter((name) => url.searchParams.has(name)).map(
    (name) => `${name}=${url.searchParams.get(name)}`,
  );
  for (const name of AUTH_PARAMS) url.searchParams.delete(name);
  const headers = { 'x-sentry-auth': `Sentry ${fields.join(', ')}`, ...options.headers };
  return { ...options, url: url.href, headers };
}

interface Modules {
  http: typeof Http;
  https: typeof import('node:https');
  tls: typeof import('node:tls');
}

/**
 * Sends one request body per call; rejects on a network failure or a timeout, resolves with
 * the status and lower-case headers otherwise.
 *
 * @example
 * const send = createHttpRequestExecutor({ url, recordDroppedEvent, headers: { 'X-Sentry-Auth': auth } });
 * const { statusCode } = await send({ body: serializeEnvelope(envelope) });
 */
export function createHttpRequestExecutor(options: NodeTransportOptions): TransportRequestExecutor {
  const target = new URL(options.url);
  const isHttps = target.protocol === 'https:';
  const proxy = proxyForUrl(target, options.proxy);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  // A plain-http proxy takes the absolute URL as the request target.
  const viaPlainProxy = proxy !== undefined && !isHttps;
  // Where each request goes, worked out once: a URL per request costs Node a conversion.
  let destination: Http.RequestOptions | undefined;
  let ready: Promise<{ modules: Modules; agent: Http.Agent; ca?: unknown[] }> | undefined;

  const prepare = async (): Promise<{ modules: Modules; agent: Http.Agent; ca?: unknown[] }> => {
    // https pulls in tls and crypto: only load it for https.
    const needsTls = isHttps || proxy?.protocol === 'https:';
    const [http, https, tls] = await Promise.all([
      import('node:http'),
      needsTls ? import('node:https') : undefined,
      needsTls || options.caCerts ? import('node:tls') : undefined,
    ]);
    const modules = { http, https, tls } as Modules;
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? DEFAULT_MAX_SOCKETS,
      timeout: IDLE_SOCKET_MS,
      scheduling: 'lifo' as const,
    };
    // Once, not per request: Node's root certificates are over a hundred strings.
    const ca = options.caCerts ? [...modules.tls.rootCertificates, ...[options.caCerts].flat()] : undefined;
    if (isHttps && proxy) return { modules, agent: createConnectAgent(modules, proxy, agentOptions, timeout), ca };
    return { modules, agent: isHttps ? new modules.https.Agent(agentOptions) : new http.Agent(agentOptions), ca };
  };

  return async (request) => {
    const { modules, agent, ca } = await (ready ??= prepare());
    let body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    const headers: Record<string, string> = { 'content-type': 'application/x-sentry-envelope', ...options.headers };
    if (body.byteLength > GZIP_THRESHOLD_BYTES) {
      body = await gzip(body);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.byteLength);
    if (viaPlainProxy) {
      const authorization = proxyAuthorization(proxy);
      if (authorization) headers['proxy-authorization'] = authorization;
    }
    destination ??= viaPlainProxy
      ? { host: proxy.hostname, port: proxy.port || 80, path: target.href }
      : builtin('node:url').urlToHttpOptions(target);
    const requestOptions: Http.RequestOptions & { ca?: unknown } = { ...destination, method: 'POST', agent, headers, ca };
    const module = isHttps ? modules.https : modules.http;
    const send = (): Promise<TransportResponse> => post(module, requestOptions, body, timeout);
    return send().catch((error: Error & { reusedSocket?: boolean }) => {
      // The server may close an idle keep-alive socket just as we reuse it: retry once.
      if (!error.reusedSocket) throw error;
      logger.log('Retrying on a fresh socket after', error.message);
      return send();
    });
  };
}

function post(
  module: { request: typeof Http.request },
  options: Http.RequestOptions,
  body: Uint8Array,
  timeoutMs: number,
): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const request = module.request(options);
    const deadline = setTimeout(() => request.destroy(new Error(`Request timed out after ${timeoutMs} ms`)), timeoutMs);
    deadline.unref();
    let answered = false;
    request.once('error', (error: Error & { reusedSocket?: boolean }) => {
      clearTimeout(deadline);
      error.reusedSocket = request.reusedSocket && !answered;
      reject(error);
    });
    request.once('response', (response) => {
      answered = true;
      response.resume();
      response.once('end', () => {
        clearTimeout(deadline);
        resolve({ statusCode: response.statusCode, headers: flattenHeaders(response.headers) });
      });
      response.once('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
    });
    request.end(body);
  });
}

function flattenHeaders(headers: Http.IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

async function gzip(body: Uint8Array): Promise<Buffer> {
  const zlib = await import('node:zlib');
  return new Promise((resolve, reject) => zlib.gzip(body, (error, result) => (error ? reject(error) : resolve(result))));
}
