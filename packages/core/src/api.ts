// Where envelopes go and how they authenticate: the query string (browsers: no custom
// header, so no CORS preflight) or the `X-Sentry-Auth` header (servers).

import type { Dsn } from './dsn';

/** Protocol version of the envelope endpoint. */
const SENTRY_VERSION = '7';

export interface SdkIdentity {
  name: string;
  version: string;
}

/** The auth fields a Sentry-protocol server reads. */
export interface SentryAuth {
  sentry_key?: string;
  sentry_version?: string;
  sentry_client?: string;
  sentry_secret?: string;
}

const AUTH_FIELDS: Array<keyof SentryAuth> = ['sentry_key', 'sentry_version', 'sentry_client', 'sentry_secret'];

/**
 * The URL an envelope is POSTed to, auth in the query string; a tunnel is returned as is.
 *
 * @example
 * envelopeUrl(parseDsn('https://abc@o1.example.com/42'), { sdk: { name: 'faultline.javascript.browser', version: '0.1.0' } });
 * // 'https://o1.example.com/api/42/envelope/?sentry_version=7&sentry_key=abc&sentry_client=faultline.javascript.browser%2F0.1.0'
 */
export function envelopeUrl(dsn: Dsn, { sdk, tunnel }: { sdk?: SdkIdentity; tunnel?: string } = {}): string {
  if (tunnel) return tunnel;
  const port = dsn.port ? `:${dsn.port}` : '';
  const query = [`sentry_version=${SENTRY_VERSION}`, `sentry_key=${encodeURIComponent(dsn.publicKey)}`];
  if (sdk) query.push(`sentry_client=${encodeURIComponent(`${sdk.name}/${sdk.version}`)}`);
  return `${dsn.protocol}://${dsn.host}${port}${dsn.path}/api/${dsn.projectId}/envelope/?${query.join('&')}`;
}

/**
 * The `X-Sentry-Auth` header value for server-side senders.
 *
 * @example
 * authHeader(parseDsn('https://abc@host/1'), { name: 'faultline.javascript.node', version: '0.1.0' });
 * // 'Sentry sentry_version=7, sentry_client=faultline.javascript.node/0.1.0, sentry_key=abc'
 */
export function authHeader(
  dsn: Dsn,
  sdk?: SdkIdentity,
  { withSecret = false }: { withSecret?: boolean } = {},
): string {
  const fields = [`sentry_version=${SENTRY_VERSION}`];
  if (sdk) fields.push(`sentry_client=${sdk.name}/${sdk.version}`);
  fields.push(`sentry_key=${dsn.publicKey}`);
  if (withSecret && dsn.secretKey) fields.push(`sentry_secret=${dsn.secretKey}`);
  return `Sentry ${fields.join(', ')}`;
}

/**
 * Reads the auth fields of an `X-Sentry-Auth` value (`Sentry k=v, k=v`); unknown fields
 * and malformed parts are skipped. Never throws.
 *
 * @example
 * parseAuthHeader('Sentry sentry_key=abc, sentry_version=7'); // { sentry_key: 'abc', sentry_version: '7' }
 */
export function parseAuthHeader(text: string | null | undefined): SentryAuth {
  const auth: SentryAuth = {};
  if (typeof text !== 'string') return auth;
  const fields = text.trim().replace(/^sentry\s/i, '');
  for (const part of fields.split(',')) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const name = part.slice(0, equals).trim() as keyof SentryAuth;
    const value = unquote(part.slice(equals + 1).trim());
    if (AUTH_FIELDS.includes(name) && value) auth[name] = value;
  }
  return auth;
}

/**
 * Reads auth from the header and/or the query string of a request; a header field wins
 * over the same query field.
 *
 * @example
 * const auth = readSentryAuth({ header: req.headers['x-sentry-auth'], query: url.searchParams });
 * if (auth.sentry_key !== expectedKey) respond(403);
 */
export function readSentryAuth({ header, query }: { header?: string | null; query?: URLSearchParams }): SentryAuth {
  const auth = parseAuthHeader(header);
  for (const name of AUTH_FIELDS) {
    const value = query?.get(name);
    if (auth[name] === undefined && value) auth[name] = value;
  }
  return auth;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
