// Who may post: the request carries the DSN public key (query string, X-Sentry-Auth, or
// Authorization as `Sentry sentry_key=...`, `Basic base64(key:secret)` or `DSN <dsn>`), or,
// for envelopes that came through a tunnel, the envelope header's `dsn` names this inbox's
// key and the project of the path.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseDsn, readSentryAuth } from '@faultline/core';
import { HttpError } from './httperror';
import type { Target } from './router';

const SENTRY_SCHEME = /^sentry\s/i;
const DSN_SCHEME = /^dsn\s+/i;
const BASIC_SCHEME = /^basic\s+/i;

/**
 * The key the request presents, if any. Relay reads `Authorization` like `X-Sentry-Auth`,
 * and as HTTP Basic with the key as user name; a DSN given there must name the project of
 * the path (403 otherwise).
 */
export function presentedKey(url: Target, headers: IncomingHttpHeaders, project: string): string | undefined {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization.trim() : '';
  const header = headers['x-sentry-auth'];
  const sentryHeader = typeof header === 'string' ? header : SENTRY_SCHEME.test(authorization) ? authorization : undefined;
  const key = readSentryAuth({ header: sentryHeader, query: url.searchParams }).sentry_key;
  if (key !== undefined) return key;
  if (BASIC_SCHEME.test(authorization)) return basicUser(authorization.replace(BASIC_SCHEME, ''));
  if (DSN_SCHEME.test(authorization)) return keyOfDsn(authorization.replace(DSN_SCHEME, ''), project, 'the Authorization DSN');
  return undefined;
}

/** The user name of HTTP Basic credentials; undefined when they are not `user:password`. */
function basicUser(credentials: string): string | undefined {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}

/** Compares in constant time: both sides are hashed to equal-length digests first. */
export function keysEqual(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Throws 403 unless the presented key is right. `false` when none was presented. */
export function checkPresentedKey(key: string | undefined, expected: string): boolean {
  if (key === undefined) return false;
  if (!keysEqual(key, expected)) throw new HttpError(403, 'invalid sentry_key');
  return true;
}

/** Tunnel auth: throws 403 unless `dsn` is this inbox's key and the path's project. */
export function checkEnvelopeDsn(dsn: unknown, project: string, expected: string): void {
  if (typeof dsn !== 'string') {
    throw new HttpError(403, 'missing sentry_key: send it in the query string, X-Sentry-Auth, Authorization or the envelope dsn');
  }
  if (!keysEqual(keyOfDsn(dsn, project, 'the envelope dsn'), expected)) {
    throw new HttpError(403, 'the envelope dsn does not match this project and key');
  }
}

/** The public key of `dsn`; 403 unless it parses and names `project`. */
function keyOfDsn(dsn: string, project: string, where: string): string {
  let parsed;
  try {
    parsed = parseDsn(dsn);
  } catch {
    throw new HttpError(403, `${where} is not a valid DSN`);
  }
  if (parsed.projectId !== project) throw new HttpError(403, `${where} does not match this project and key`);
  return parsed.publicKey;
}
