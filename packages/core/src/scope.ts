// Scope: the context that is merged into every event captured while it is active.

import type {
  Attachment,
  Breadcrumb,
  CaptureContext,
  EventProcessor,
  Primitive,
  SeverityLevel,
  User,
} from './types';
import { logger } from './logger';
import type { Session } from './session';

/** The part of `Client` a scope needs; kept structural to avoid an import cycle. */
export interface ScopeClient {
  getOptions(): { maxBreadcrumbs?: number };
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

/** Something `scope.update` accepts: another scope, a function of this scope, or plain data. */
export type ScopeUpdate = CaptureContext | Scope | ((scope: Scope) => Scope | void) | undefined;

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
  private user: User = {};
  private tags: Record<string, Primitive> = {};
  private extra: Record<string, unknown> = {};
  private contexts: Record<string, Record<string, unknown>> = {};
  private level?: SeverityLevel;
  private fingerprint: string[] = [];
  private transactionName?: string;
  private breadcrumbs: Breadcrumb[] = [];
  private attachments: Attachment[] = [];
  private eventProcessors: EventProcessor[] = [];
  private client?: ScopeClient;
  private lastEventId?: string;
  private session?: Session;

  /** Replaces the user; `null` removes it. */
  setUser(user: User | null): this {
    this.user = user ? copyRecord(user) : {};
    return this;
  }

  getUser(): User | undefined {
    return Object.keys(this.user).length > 0 ? this.user : undefined;
  }

  setTag(key: string, value: Primitive): this {
    this.tags = { ...this.tags, [keyOf(key)]: value };
    return this;
  }

  setTags(tags: Record<string, Primitive>): this {
    this.tags = { ...this.tags, ...copyRecord(tags) };
    return this;
  }

  setExtra(key: string, value: unknown): this {
    this.extra = { ...this.extra, [keyOf(key)]: value };
    return this;
  }

  setExtras(extras: Record<string, unknown>): this {
    this.extra = { ...this.extra, ...copyRecord(extras) };
    return this;
  }

  /** Sets one named context; `null` removes it. */
  setContext(name: string, context: Record<string, unknown> | null): this {
    const key = keyOf(name);
    if (context === null || context === undefined) {
      const contexts = { ...this.contexts };
      delete contexts[key];
      this.contexts = contexts;
    } else {
      this.contexts = { ...this.contexts, [key]: copyRecord(context) };
    }
    return this;
  }

  setLevel(level: SeverityLevel | undefined): this {
    this.level = typeof level === 'string' ? level : undefined;
    return this;
  }

  setFingerprint(fingerprint: string[] | undefined): this {
    this.fingerprint = Array.isArray(fingerprint) ? fingerprint.slice() : [];
    return this;
  }

  setTransactionName(name: string | undefined): this {
    this.transactionName = typeof name === 'string' ? name : undefined;
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
    if (!(limit >= 1)) return this;
    const crumb: Breadcrumb = { timestamp: Date.now() / 1000, ...copyRecord(breadcrumb) };
    const kept = this.breadcrumbs.length >= limit ? this.breadcrumbs.slice(this.breadcrumbs.length - limit + 1) : this.breadcrumbs.slice();
    kept.push(crumb);
    this.breadcrumbs = kept;
    return this;
  }

  getLastBreadcrumb(): Breadcrumb | undefined {
    return this.breadcrumbs[this.breadcrumbs.length - 1];
  }

  clearBreadcrumbs(): this {
    this.breadcrumbs = [];
    return this;
  }

  addAttachment(attachment: Attachment): this {
    this.attachments = [...this.attachments, attachment];
    return this;
  }

  clearAttachments(): this {
    this.attachments = [];
    return this;
  }

  /** Runs on every event captured with this scope; return `null` to drop the event. */
  addEventProcessor(processor: EventProcessor): this {
    if (typeof processor === 'function') this.eventProcessors = [...this.eventProcessors, processor];
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
    this.lastEventId = eventId;
    return this;
  }

  getLastEventId(): string | undefined {
    return this.lastEventId;
  }

  setSession(session?: Session): this {
    this.session = session;
    return this;
  }

  getSession(): Session | undefined {
    return this.session;
  }

  /** A new scope with the same data; changes to either do not affect the other. */
  clone(): Scope {
    const copy = new Scope();
    copy.user = { ...this.user };
    copy.tags = { ...this.tags };
    copy.extra = { ...this.extra };
    copy.contexts = { ...this.contexts };
    copy.level = this.level;
    copy.fingerprint = this.fingerprint.slice();
    copy.transactionName = this.transactionName;
    copy.breadcrumbs = this.breadcrumbs.slice();
    copy.attachments = this.attachments.slice();
    copy.eventProcessors = this.eventProcessors.slice();
    copy.client = this.client;
    copy.lastEventId = this.lastEventId;
    copy.session = this.session;
    return copy;
  }

  /**
   * Merges data into this scope: plain capture-context data, another scope's data, or the
   * result of a function given this scope.
   */
  update(update: ScopeUpdate): this {
    try {
      return this.applyUpdate(update);
    } catch (error) {
      logger.warn('Scope update failed:', error);
      return this;
    }
  }

  private applyUpdate(update: ScopeUpdate): this {
    if (!update) return this;
    if (typeof update === 'function') {
      const result = update(this);
      return isScope(result) && result !== this ? this.update(result) : this;
    }
    if (isScope(update)) {
      const data = copyScopeData(update.getScopeData());
      this.tags = { ...this.tags, ...data.tags };
      this.extra = { ...this.extra, ...data.extra };
      this.contexts = { ...this.contexts, ...data.contexts };
      if (Object.keys(data.user).length) this.user = data.user;
      if (data.level) this.level = data.level;
      if (data.fingerprint.length) this.fingerprint = data.fingerprint;
      return this;
    }
    const context = copyRecord(update) as CaptureContext;
    if (context.tags) this.setTags(context.tags);
    if (context.extra) this.setExtras(context.extra);
    if (context.contexts) this.contexts = { ...this.contexts, ...copyRecord(context.contexts) };
    if (context.user) this.setUser(context.user);
    if (context.level) this.level = context.level;
    if (context.fingerprint) this.setFingerprint(context.fingerprint);
    return this;
  }

  /** Removes all data; the client stays. */
  clear(): this {
    this.user = {};
    this.tags = {};
    this.extra = {};
    this.contexts = {};
    this.level = undefined;
    this.fingerprint = [];
    this.transactionName = undefined;
    this.breadcrumbs = [];
    this.attachments = [];
    this.eventProcessors = [];
    this.session = undefined;
    return this;
  }

  getScopeData(): ScopeData {
    return {
      user: this.user,
      tags: this.tags,
      extra: this.extra,
      contexts: this.contexts,
      level: this.level,
      fingerprint: this.fingerprint,
      transactionName: this.transactionName,
      breadcrumbs: this.breadcrumbs,
      attachments: this.attachments,
      eventProcessors: this.eventProcessors,
    };
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

function copyScopeData(data: ScopeData): ScopeData {
  return {
    ...data,
    user: copyRecord(data.user),
    tags: copyRecord(data.tags),
    extra: copyRecord(data.extra),
    contexts: copyRecord(data.contexts),
    fingerprint: Array.isArray(data.fingerprint) ? data.fingerprint.slice() : [],
  };
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
export function copyRecord<T extends object>(value: T, skipUnreadable?: boolean): T {
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
