// The pure steps of the pipeline between building an event and running processors:
// client defaults and the scope merge; and the last one before sending, the wire shape.

import { emptyData, RECORDS } from './scope';
import type { Scope, ScopeData } from './scope';
import type { Breadcrumb, ClientOptions, Event, EventHint, LogEntry, SdkInfo } from './types';
import { uuid4 } from './uuid';

const DEFAULT_ENVIRONMENT = 'production';

/** Fills in what the client knows; values already on the event are kept. */
export function applyClientOptions(event: Event, hint: EventHint, options: ClientOptions, sdk: SdkInfo): void {
  event.event_id ??= hint.event_id ?? uuid4();
  event.timestamp ??= Date.now() / 1000;
  event.platform ??= options.platform ?? 'javascript';
  event.environment ??= options.environment ?? DEFAULT_ENVIRONMENT;
  if (event.release === undefined && options.release !== undefined) event.release = options.release;
  if (event.dist === undefined && options.dist !== undefined) event.dist = options.dist;
  if (event.server_name === undefined && options.serverName !== undefined) event.server_name = options.serverName;
  event.sdk = { ...sdk, ...event.sdk };
}

/**
 * Merges scopes in order global -> isolation -> current -> capture context (later wins).
 * Breadcrumbs, attachments and processors are concatenated.
 */
export function mergeScopes(scopes: Array<Scope | undefined>): ScopeData {
  const merged = emptyData();
  for (const scope of scopes) {
    if (!scope) continue;
    const data = scope.getScopeData();
    // Spread, not Object.assign: a `__proto__` key in user data stays a plain key. A record
    // only one scope fills is shared, not copied: `applyScopeData` copies it into the event.
    for (const key of RECORDS) {
      if (hasKeys(data[key])) merged[key] = (hasKeys(merged[key]) ? { ...merged[key], ...data[key] } : data[key]) as never;
    }
    if (data.level) merged.level = data.level;
    if (data.fingerprint.length) merged.fingerprint = data.fingerprint;
    if (data.transactionName) merged.transactionName = data.transactionName;
    merged.breadcrumbs.push(...data.breadcrumbs);
    merged.attachments.push(...data.attachments);
    merged.eventProcessors.push(...data.eventProcessors);
  }
  return merged;
}

/**
 * Applies merged scope data to an event. The event's own user, tags, extra and contexts
 * win key by key; the scope's level wins (as in Sentry, so `scope.setLevel('fatal')`
 * affects `captureException`); breadcrumbs are merged by time, newest `maxBreadcrumbs` kept.
 */
export function applyScopeData(event: Event, data: ScopeData, maxBreadcrumbs: number): void {
  for (const key of RECORDS) {
    const own = record(event[key]);
    if (hasKeys(data[key]) || hasKeys(own)) event[key] = { ...data[key], ...own } as never;
  }
  if (data.level) event.level = data.level;
  if (!event.fingerprint && data.fingerprint.length) event.fingerprint = data.fingerprint;
  if (!event.transaction && data.transactionName) event.transaction = data.transactionName;

  const own = event.breadcrumbs?.values;
  const breadcrumbs = [...(Array.isArray(own) ? own : []), ...data.breadcrumbs];
  if (!isSorted(breadcrumbs)) breadcrumbs.sort(byTime);
  const kept = maxBreadcrumbs > 0 ? breadcrumbs.slice(-maxBreadcrumbs) : [];
  if (kept.length) {
    event.breadcrumbs = { values: kept };
  } else {
    delete event.breadcrumbs;
  }
}

function byTime(a: Breadcrumb, b: Breadcrumb): number {
  return (a.timestamp ?? 0) - (b.timestamp ?? 0);
}

/** Already in time order, as a scope keeps them: a stable sort would change nothing. */
function isSorted(breadcrumbs: Breadcrumb[]): boolean {
  // `<= 0`, so a comparison that is NaN (no number) leaves the order to the sort.
  for (let i = 1; i < breadcrumbs.length; i++) if (!(byTime(breadcrumbs[i - 1], breadcrumbs[i]) <= 0)) return false;
  return true;
}

/** Whether an object has an own enumerable key, without listing them. */
function hasKeys(value: object | undefined): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
  return false;
}

/** An event field as a record to merge; a string or array there (a user mistake) is not spread. */
function record<T extends object>(value: T | undefined): T | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/**
 * The event as the server's schema wants it; the SDK keeps Sentry's in-process shape.
 * Level `log` (console.log breadcrumbs, `captureMessage(text, 'log')`) goes out as `info`,
 * for the event and its breadcrumbs; `message` goes out as `logentry` (the schema has no
 * top-level `message`); an unknown level is left out; tags, user ids and names, fingerprint
 * parts and request header values go out as text. Copies what it changes; never throws.
 *
 * @example
 * toWireEvent({ level: 'log', message: 'hi' }); // { level: 'info', logentry: { message: 'hi', formatted: 'hi' } }
 */
export function toWireEvent(event: Event): Event {
  try {
    let out = wireLevel(event);
    const crumbs = event.breadcrumbs?.values;
    if (Array.isArray(crumbs)) {
      // A new list only when a breadcrumb changed: most events need none.
      let values: Breadcrumb[] | undefined;
      crumbs.forEach((crumb, i) => {
        const wire = wireCrumb(crumb);
        if (wire !== crumb) (values ??= crumbs.slice())[i] = wire;
      });
      if (values) out = { ...out, breadcrumbs: { ...event.breadcrumbs, values } };
    }
    const user = record(event.user);
    if (user && USER_TEXTS.some((key) => needsText(user[key]))) {
      out = { ...out, user: { ...user } };
      for (const key of USER_TEXTS) if (needsText(user[key])) out.user![key] = String(user[key]);
    }
    const { fingerprint } = event;
    if (Array.isArray(fingerprint) && fingerprint.some(needsText)) out = { ...out, fingerprint: fingerprint.map(String) };
    const tags = textValues(event.tags);
    if (tags) out = { ...out, tags };
    for (const key of ['url', 'method'] as const) {
      const value: unknown = event.request?.[key];
      if (needsText(value)) out = { ...out, request: { ...out.request, [key]: String(value) } };
    }
    for (const key of ['headers', 'query_string'] as const) {
      const values = textValues(event.request?.[key]);
      if (values) out = { ...out, request: { ...out.request, [key]: values } };
    }
    if ('message' in out) {
      const { message, ...rest } = out;
      out = rest;
      if (out.logentry === undefined) {
        const logentry = toLogEntry(message);
        if (logentry) out.logentry = logentry;
      }
    }
    return out;
  } catch {
    return event;
  }
}

const LEVELS: unknown[] = ['fatal', 'error', 'warning', 'info', 'debug'];
/** User fields the schema takes as text only (`setUser({ id: 42 })` sends "42"). */
const USER_TEXTS = ['id', 'email', 'ip_address', 'username', 'name'] as const;
const CRUMB_TEXTS = ['type', 'category', 'message'] as const;

/** A value that is there but is not text. */
function needsText(value: unknown): boolean {
  return value != null && typeof value != 'string';
}

/** `log` is `info`; another level the schema does not know is left out. The same object when fine. */
function wireLevel<T extends { level?: unknown }>(item: T): T {
  const { level } = item;
  if (level === undefined || LEVELS.includes(level)) return item;
  // Only here the copy: a rest pattern copies every key, and this runs for each breadcrumb.
  const { level: _, ...rest } = item;
  return (level === 'log' ? { ...rest, level: 'info' } : rest) as T;
}

/** A breadcrumb as the schema takes it: a known level, text type, category and message. */
function wireCrumb(crumb: Breadcrumb): Breadcrumb {
  if (typeof crumb !== 'object' || crumb === null) return crumb;
  let out = wireLevel(crumb);
  for (const key of CRUMB_TEXTS) {
    const value = crumb[key];
    if (needsText(value)) out = { ...out, [key]: String(value) };
  }
  return out;
}

/**
 * Tag, header or query values as text (`setTag('n', 5)` sends "5"; a list joined as HTTP
 * joins repeated headers); `undefined` when they already are, or are not a record.
 */
function textValues(values: unknown): Record<string, string | null> | undefined {
  const given = record(values as Record<string, unknown> | undefined);
  if (!given || !Object.values(given).some(needsText)) return undefined;
  const text: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    text[name] = typeof value == 'string' || value === null ? value : Array.isArray(value) ? value.join(', ') : typeof value == 'object' ? JSON.stringify(value) : String(value);
  }
  return text;
}

/** Sentry's `message` (text, or `{ message, formatted, params }`) as a `logentry`, keeping only well-typed fields. */
function toLogEntry(message: Event['message']): LogEntry | undefined {
  if (typeof message === 'string') return { message, formatted: message };
  if (typeof message !== 'object' || message === null) return undefined;
  const logentry: LogEntry = {};
  if (typeof message.message === 'string') logentry.message = message.message;
  if (typeof message.formatted === 'string') logentry.formatted = message.formatted;
  if (Array.isArray(message.params)) logentry.params = message.params;
  return Object.keys(logentry).length ? logentry : undefined;
}
