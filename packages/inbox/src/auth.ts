// Who may post: the request carries the DSN public key (query string or X-Sentry-Auth), or,
// for envelopes that came through a tunnel, the envelope header's `dsn` names this inbox's
// key and the project of the path.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseDsn, readSentryAuth } from '@faultline/core';
import { HttpError } from './httperror';
import type { Target } from './router';

/** The key the request presents (query string or X-Sentry-Auth), if any. */
export function presentedKey(url: Target, headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-sentry-auth'];
  return readSentryAuth({ header: typeof header === 'string' ? header : undefined, query: url.searchParams }).sentry_key;
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
    throw new HttpError(403, 'missing sentry_key: send it in the query string, X-Sentry-Auth or the envelope dsn');
  }
  let parsed;
  try {
    parsed = parseDsn(dsn);
  } catch {
    throw new HttpError(403, 'the envelope dsn is not a valid DSN');
  }
  const rightKey = keysEqual(parsed.publicKey, expected);
  if (!rightKey || parsed.projectId !== project) throw new HttpError(403, 'the envelope dsn does not match this project and key');
}
