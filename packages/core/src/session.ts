// Release health: one session per user visit (browser) or process run, with its error count.

import { uuid4 } from './uuid';
import type { Event } from './types';

export type SessionStatus = 'ok' | 'exited' | 'crashed' | 'abnormal';

export interface Session {
  sid: string;
  /** Distinct id: who the session belongs to (user id, email or username). */
  did?: string;
  /** `true` until the session has been sent once. */
  init: boolean;
  /** Milliseconds since the epoch. */
  started: number;
  /** Milliseconds since the epoch of the last update. */
  timestamp: number;
  status: SessionStatus;
  errors: number;
  /** Seconds from `started` to the last update. */
  duration: number;
  release?: string;
  environment?: string;
  user_agent?: string;
}

/** The `session` envelope item payload. */
export interface SessionJSON {
  sid: string;
  did?: string;
  init: boolean;
  started: string;
  timestamp: string;
  status: SessionStatus;
  errors: number;
  duration?: number;
  attrs: { release?: string; environment?: string; user_agent?: string };
}

export interface SessionContext {
  release?: string;
  environment?: string;
  user_agent?: string;
  did?: string | number;
  status?: SessionStatus;
  errors?: number;
  timestamp?: number;
}

/**
 * Starts a session now.
 *
 * @example
 * const session = makeSession({ release: 'shop@1.2.0', environment: 'production' });
 */
export function makeSession(context: SessionContext = {}): Session {
  const now = Date.now();
  // Made when first read: in Node the first random id loads the crypto modules, which would
  // add about a tenth of a bare start-up to every init that starts a session.
  let sid: string | undefined;
  const session: Session = {
    get sid() {
      return (sid ??= uuid4());
    },
    set sid(value) {
      sid = value;
    },
    init: true,
    started: now,
    timestamp: now,
    status: 'ok',
    errors: 0,
    duration: 0,
  };
  return updateSession(session, context);
}

const COPIED_AS_GIVEN = ['release', 'environment', 'user_agent', 'status'] as const;

/**
 * Applies changes to a session and stamps it with the time of the update.
 *
 * @example
 * updateSession(session, { status: 'crashed', errors: session.errors + 1 });
 */
export function updateSession(session: Session, context: SessionContext = {}): Session {
  session.timestamp = context.timestamp ?? Date.now();
  for (const key of COPIED_AS_GIVEN) if (context[key] !== undefined) session[key] = context[key] as never;
  if (context.did !== undefined && context.did !== '') session.did = String(context.did);
  if (typeof context.errors === 'number') session.errors = context.errors;
  session.duration = Math.max(0, (session.timestamp - session.started) / 1000);
  return session;
}

/**
 * Ends a session: `exited` unless it already ended another way (e.g. `crashed`).
 *
 * @example
 * closeSession(session); // status 'exited', duration set
 */
export function closeSession(session: Session, status?: Exclude<SessionStatus, 'ok'>): Session {
  return updateSession(session, { status: status ?? (session.status === 'ok' ? 'exited' : session.status) });
}

/**
 * The `session` item payload, timestamps as ISO strings.
 *
 * @example
 * createEnvelope(headers, [[{ type: 'session' }, sessionToJSON(session)]]);
 */
export function sessionToJSON(session: Session): SessionJSON {
  return {
    sid: session.sid,
    did: session.did,
    init: session.init,
    started: new Date(session.started).toISOString(),
    timestamp: new Date(session.timestamp).toISOString(),
    status: session.status,
    errors: session.errors,
    duration: session.duration,
    attrs: { release: session.release, environment: session.environment, user_agent: session.user_agent },
  };
}

/**
 * Counts an event against the session. Returns `true` when the change must be sent now:
 * the session's first error, or its crash (an exception with `mechanism.handled: false`).
 */
export function updateSessionFromEvent(session: Session, event: Event): boolean {
  if (session.status !== 'ok') return false;
  const exceptions = event.exception?.values ?? [];
  if (exceptions.length === 0) return false;
  const crashed = exceptions.some((exception) => exception.mechanism?.handled === false);
  const isError = crashed || event.level === undefined || event.level === 'error' || event.level === 'fatal';
  if (!isError) return false;
  const firstError = session.errors === 0;
  updateSession(session, { errors: session.errors + 1, status: crashed ? 'crashed' : undefined });
  return firstError || crashed;
}
