// Scope: the context that is merged into every event captured while it is active.

import type {
  Attachment,
  Breadcrumb,
  CaptureContext,
  Event,
  EventHint,
  EventProcessor,
  Primitive,
  SeverityLevel,
  User,
} from './types';
import { logger } from './logger';
import { updateSession } from './session';
import type { Session } from './session';
import { uuid4 } from './uuid';

/** The part of `Client` a scope needs; kept structural to avoid an import cycle. */
export interface ScopeClient {
  getOptions(): { maxBreadcrumbs?: number; attachStacktrace?: boolean };
  captureException?(exception: unknown, hint?: EventHint, scope?: Scope): string;
  captureMessage?(message: string, level?: SeverityLevel, hint?: EventHint, scope?: Scope): string;
  captureEvent?(event: Event, hint?: EventHint, scope?: Scope): string;
}

/** A snapshot of everything a scope contributes to an event. */
export interface ScopeData {
  user: User;
  tags: Record<string, Primitive>;
  extra: Record<string, unknown>;
  contexts: Record<string, Record<string, unknown>>;
  level?: SeverityLevel;
  fingerprint: string[];
  transactionName?: string;
  breadcrumbs: Breadcrumb[];
  attachments: Attachment[];
  eventProcessors: EventProcessor[];
}

const DEFAULT_MAX_BREADCRUMBS = 100;
/** Record fields, copied key by key when cloned; the list fields are copied as arrays. */
export const RECORDS = ['user', 'tags', 'extra', 'contexts'] as const;
const MERGED = ['tags', 'extra', 'contexts'] as const;
const LISTS = ['fingerprint', 'breadcrumbs', 'attachments', 'eventProcessors'] as const;

/** Something `scope.update` accepts: another scope, a function of this scope, or plain data. */
export type ScopeUpdate = CaptureContext | Scope | ((scope: Scope) => Scope | void) | undefined;

/** Scope data with nothing set. */
export function emptyData(): ScopeData {
  return { user: {}, tags: {}, extra: {}, contexts: {}, fingerprint: [], breadcrumbs: [], attachments: [], eventProcessors: [] };
}

/**
 * Holds user, tags, extra, contexts, level, fingerprint, breadcrumbs and attachments.
 * Every setter copies what it is given, so later changes to the caller's object (or a
 * hostile object that throws when read) cannot reach an event.
 *
 * @example
 * const scope = new Scope();
 * scope.setTag('page', 'checkout').setUser({ id: '42' });
 * client.captureException(error, undefined, scope);
 */
export class Scope {
  private data = emptyData();
  private client?: ScopeClient;
  private lastId?: string;
  private session?: Session;
  /** Set here, not inherited by `clone`: a request's fork must not give the process's session to its user. */
  private ownsSession = false;

  /** Replaces the user; `null` removes it. A session set on this scope now belongs to this user. */
  setUser(user: User | null): this {
    const { id, email, username } = (this.data.user = user ? copyRecord(user) : {});
    if (this.ownsSession && this.session) updateSession(this.session, { did: (id ?? email ?? username) as string | undefined });
    return this;
  }

  getUser(): User | undefined {
    return Object.keys(this.data.user).length > 0 ? this.data.user : undefined;
  }

  setTag(key: string, value: Primitive): this {
    return this.merge('tags', { [keyOf(key)]: value });
  }

  setTags(tags: Record<string, Primitive>): this {
    return this.merge('tags', copyRecord(tags));
  }

  setExtra(key: string, value: unknown): this {
    return this.merge('extra', { [keyOf(key)]: value });
  }

  setExtras(extras: Record<string, unknown>): this {
    return this.merge('extra', copyRecord(extras));
  }

  /** Sets one named context; `null` removes it. */
  setContext(name: string, context: Record<string, unknown> | null): this {
    const key = keyOf(name);
    this.merge('contexts', { [key]: context == null ? undefined : copyRecord(context) });
    // merge made a fresh object: deleting from it changes no event built earlier.
    if (context == null) delete this.data.contexts[key];
    return this;
  }

  setLevel(level: SeverityLevel | undefined): this {
    this.data.level = typeof level === 'string' ? level : undefined;
    return this;
  }

  setFingerprint(fingerprint: string[] | undefined): this {
    this.data.fingerprint = Array.isArray(fingerprint) ? fingerprint.slice() : [];
    return this;
  }

  setTransactionName(name: string | undefined): this {
    this.data.transactionName = typeof name === 'string' ? name : undefined;
    return this;
  }

  /**
   * Appends a breadcrumb (with a `timestamp` when it has none), keeping only the newest
   * `maxBreadcrumbs` (default: the client's option, else 100).
   */
  addBreadcrumb(breadcrumb: Breadcrumb, maxBreadcrumbs?: number): this {
    const limit = Number.isFinite(maxBreadcrumbs)
      ? (maxBreadcrumbs as number)
      : (this.client?.getOptions().maxBreadcrumbs ?? DEFAULT_MAX_BREADCRUMBS);
    if (limit >= 1) {
      // A new array: an event built earlier keeps the breadcrumbs it was built with.
      this.data.breadcrumbs = [...this.data.breadcrumbs.slice(1 - limit || Infinity), { timestamp: Date.now() / 1000, ...copyRecord(breadcrumb) }];
    }
    return this;
  }

  getLastBreadcrumb(): Breadcrumb | undefined {
    return this.data.breadcrumbs[this.data.breadcrumbs.length - 1];
  }

  clearBreadcrumbs(): this {
    this.data.breadcrumbs = [];
    return this;
  }

  addAttachment(attachment: Attachment): this {
    this.data.attachments = [...this.data.attachments, attachment];
    return this;
  }

  clearAttachments(): this {
    this.data.attachments = [];
    return this;
  }

  /** Runs on every event captured with this scope; return `null` to drop the event. */
  addEventProcessor(processor: EventProcessor): this {
    if (typeof processor === 'function') this.data.eventProcessors = [...this.data.eventProcessors, processor];
    return this;
  }

  setClient(client: ScopeClient | undefined): this {
    this.client = client;
    return this;
  }

  getClient<C extends ScopeClient = ScopeClient>(): C | undefined {
    return this.client as C | undefined;
  }

  setLastEventId(eventId: string | undefined): this {
    this.lastId = eventId;
    return this;
  }

  /** The id of the last event captured in this scope (Sentry's name). */
  lastEventId(): string | undefined {
    return this.lastId;
  }

  getLastEventId(): string | undefined {
    return this.lastId;
  }

  setSession(session?: Session): this {
    this.session = session;
    this.ownsSession = true;
    return this;
  }

  getSession(): Session | undefined {
    return this.session;
  }

  /** A new scope with the same data; changes to either do not affect the other. */
  clone(): Scope {
    const copy = new Scope();
    const data = (copy.data = { ...this.data });
    for (const key of RECORDS) data[key] = { ...this.data[key] } as never;
    for (const key of LISTS) data[key] = this.data[key].slice() as never;
    copy.client = this.client;
    copy.lastId = this.lastId;
    copy.session = this.session;
    return copy;
  }

  /**
   * Merges data into this scope: plain capture-context data, another scope's data, or the
   * result of a function given this scope.
   */
  update(update: ScopeUpdate): this {
    try {
      if (typeof update === 'function') {
        const result = update(this);
        return isScope(result) && result !== this ? this.update(result) : this;
      }
      // Another scope's data overrides only where it has some; plain data wherever it is given.
      const fromScope = isScope(update);
      const context = (fromScope ? update.getScopeData() : copyRecord(update)) as Partial<ScopeData>;
      for (const key of MERGED) this.merge(key, copyRecord(context[key]));
      const { user, level, fingerprint } = context;
      if (fromScope ? Object.keys(user!).length : user) this.setUser(user!);
      if (level) this.data.level = level;
      if (fromScope ? fingerprint!.length : fingerprint) this.setFingerprint(fingerprint);
    } catch (error) {
      logger.warn('Scope update failed:', error);
    }
    return this;
  }

  /** Removes all data; the client stays. */
  clear(): this {
    this.data = emptyData();
    this.session = undefined;
    return this;
  }

  getScopeData(): ScopeData {
    return this.data;
  }

  /**
   * Captures a thrown value through this scope's client, with this scope's data on top of
   * the global and isolation scopes; returns the event id (sent or not).
   *
   * @example
   * const scope = new Scope().setClient(client);
   * scope.captureException(error);
   */
  captureException(exception: unknown, hint?: EventHint): string {
    // Created here so its innermost frame is this method, which the event builder removes.
    return this.capture('captureException', [exception], hint, isError(exception) ? undefined : new Error());
  }

  /** Captures a message through this scope's client; see `captureException`. */
  captureMessage(message: string, level?: SeverityLevel, hint?: EventHint): string {
    return this.capture('captureMessage', [message, level], hint, this.client?.getOptions().attachStacktrace ? new Error() : undefined);
  }

  /** Captures a ready-made event through this scope's client; see `captureException`. */
  captureEvent(event: Event, hint?: EventHint): string {
    return this.capture('captureEvent', [event], hint);
  }

  /** Calls the client's method of that name with a copy of the hint and this scope. */
  private capture(method: 'captureException' | 'captureMessage' | 'captureEvent', args: unknown[], hint?: EventHint, synthetic?: Error): string {
    const client = this.client as Record<typeof method, ((...params: unknown[]) => string) | undefined> | undefined;
    try {
      if (typeof client?.[method] != 'function') {
        logger.warn('Event not sent: the scope has no client.');
        return uuid4();
      }
      const copy = copyRecord(hint);
      copy.syntheticException ??= synthetic;
      return client[method]!(...args, copy, this);
    } catch (error) {
      logger.warn('Event not sent:', error);
      return uuid4();
    }
  }

  /** Spread, not Object.assign: a `__proto__` key in user data stays a plain key. */
  private merge(key: 'tags' | 'extra' | 'contexts', values: object): this {
    this.data[key] = { ...this.data[key], ...values } as never;
    return this;
  }
}

/** A key for tags, extra and contexts; a value that cannot become a string gets a placeholder. */
function keyOf(key: unknown): string {
  try {
    return String(key);
  } catch {
    return '[unprintable key]';
  }
}

/** `instanceof Error` that never throws (a Proxy's `getPrototypeOf` trap may). */
export function isError(value: unknown): boolean {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** Duck-typed so a scope from a second copy of the SDK (ESM next to CJS) is recognised. */
export function isScope(value: unknown): value is Scope {
  try {
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as Scope).getScopeData === 'function' &&
      typeof (value as Scope).clone === 'function'
    );
  } catch {
    return false;
  }
}

/**
 * A shallow copy of an object's own enumerable properties that never throws: a Proxy whose
 * traps throw gives `{}`, a getter that throws gives "[Throws]" for its key (or no key).
 */
export function copyRecord<T extends object>(value: T | null | undefined, skipUnreadable?: boolean): T {
  const copy: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null) return copy as T;
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    return copy as T;
  }
  for (const key of keys) {
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch {
      if (skipUnreadable) continue;
      item = '[Throws]';
    }
    // Defined, not assigned: an own `__proto__` key must stay data, not swap the prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
