// The pure steps of the pipeline between building an event and running processors:
// client defaults and the scope merge.

import { emptyData, RECORDS } from './scope';
import type { Scope, ScopeData } from './scope';
import type { ClientOptions, Event, EventHint, SdkInfo } from './types';
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
    // Spread, not Object.assign: a `__proto__` key in user data stays a plain key.
    for (const key of RECORDS) merged[key] = { ...merged[key], ...data[key] } as never;
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
    const merged = { ...data[key], ...record(event[key]) };
    if (Object.keys(merged).length) event[key] = merged as never;
  }
  if (data.level) event.level = data.level;
  if (!event.fingerprint && data.fingerprint.length) event.fingerprint = data.fingerprint;
  if (!event.transaction && data.transactionName) event.transaction = data.transactionName;

  const own = event.breadcrumbs?.values;
  const breadcrumbs = [...(Array.isArray(own) ? own : []), ...data.breadcrumbs].sort(
    (a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0),
  );
  const kept = maxBreadcrumbs > 0 ? breadcrumbs.slice(-maxBreadcrumbs) : [];
  if (kept.length) {
    event.breadcrumbs = { values: kept };
  } else {
    delete event.breadcrumbs;
  }
}

/** An event field as a record to merge; a string or array there (a user mistake) is not spread. */
function record<T extends object>(value: T | undefined): T | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/**
 * The server's event schema has no level `log` (console.log breadcrumbs,
 * `captureMessage(text, 'log')`): it goes out as `info`, for the event and its breadcrumbs.
 * Copies what it changes; never throws.
 */
export function withWireLevels(event: Event): Event {
  try {
    let out = event.level === 'log' ? { ...event, level: 'info' as const } : event;
    const crumbs = event.breadcrumbs?.values;
    if (Array.isArray(crumbs) && crumbs.some((crumb) => crumb?.level === 'log')) {
      const values = crumbs.map((crumb) => (crumb?.level === 'log' ? { ...crumb, level: 'info' as const } : crumb));
      out = { ...out, breadcrumbs: { ...event.breadcrumbs, values } };
    }
    return out;
  } catch {
    return event;
  }
}
