// Rate limits as the server announces them: `X-Sentry-Rate-Limits` on any response, or
// `Retry-After` / a bare 429. One pure function from (limits, response) to new limits.
// Against @sentry/core 11.12, on purpose: `Retry-After` counts on a 429 only (as sentry_sdk
// reads it); seconds may be fractional (`2.5`, `1e2`) where it truncates to an integer;
// category names are trimmed; of two limits for one category the longer wins; a negative
// or unreadable retry_after is 60 s; and `all` as a category name blocks nothing.

/** Category (or `all`) -> epoch milliseconds until which it is disabled. */
export type RateLimits = Record<string, number>;

/** Blocks everything after a 429 that says nothing about how long. */
const DEFAULT_RETRY_AFTER_MS = 60_000;
const ALL = 'all';
/** A server names a handful of categories; the cap keeps a garbage header from growing the map. */
const MAX_ENTRIES = 64;
/** Never refused by the cap: `all` and the categories of the items we send. */
const ALWAYS_KEPT = new Set([ALL, 'default', 'error', 'transaction', 'attachment', 'session', 'internal', 'feedback']);

export interface RateLimitResponse {
  statusCode?: number;
  /** Lower-case header names. */
  headers?: Record<string, string | string[] | null | undefined>;
}

/**
 * Returns new limits after a response; the given limits are left unchanged. Never throws.
 * `X-Sentry-Rate-Limits` counts on any status; without it a 429 uses `Retry-After`
 * (seconds or an HTTP date), else 60 s. An existing longer limit is never shortened.
 *
 * @example
 * limits = updateRateLimits(limits, { statusCode: 429, headers: { 'x-sentry-rate-limits': '60:error;attachment:organization' } });
 * isRateLimited(limits, 'error'); // true for the next 60 s
 */
export function updateRateLimits(
  previous: RateLimits,
  response: RateLimitResponse | null = {},
  now: number = Date.now(),
): RateLimits {
  const { statusCode, headers } = response || {};
  const limits = new Map<string, number>();
  // Expired entries are dropped so the object never grows without bound.
  for (const key of Object.keys(previous || {})) {
    if (previous[key] > now) limits.set(key, previous[key]);
  }
  const rateLimitHeader = headerValue(headers, 'x-sentry-rate-limits');
  if (rateLimitHeader) {
    for (const entry of rateLimitHeader.split(',')) applyEntry(limits, entry, now);
  } else if (statusCode === 429) {
    const retryAfter = headerValue(headers, 'retry-after');
    extend(limits, ALL, now + (parseRetryAfter(retryAfter, now) ?? DEFAULT_RETRY_AFTER_MS));
  }
  return Object.fromEntries(limits);
}

/**
 * Epoch milliseconds until which a category is disabled, `0` when it is not.
 *
 * @example
 * disabledUntil(limits, 'error'); // 1767225600000
 */
export function disabledUntil(limits: RateLimits, category: string): number {
  return Math.max(ownNumber(limits, category), ownNumber(limits, ALL));
}

/**
 * Whether items of `category` must be dropped now.
 *
 * @example
 * if (isRateLimited(limits, 'error')) recordDroppedEvent('ratelimit_backoff', 'error');
 */
export function isRateLimited(limits: RateLimits, category: string, now: number = Date.now()): boolean {
  return disabledUntil(limits, category) > now;
}

/**
 * Milliseconds to wait according to a `Retry-After` value (seconds or an HTTP date);
 * `undefined` when it is absent or unreadable.
 *
 * @example
 * parseRetryAfter('120', Date.now()); // 120000
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * `retry_after:categories:scope:reason[:namespaces]`; scope and reason do not matter to us.
 * Namespaces narrow a `metric_bucket` limit; an SDK's metrics are all in `custom`.
 */
function applyEntry(limits: Map<string, number>, entry: string, now: number): void {
  const [retryAfter, categories = '', , , namespaces = ''] = entry.trim().split(':');
  const seconds = parseFloat(retryAfter);
  const delay = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
  if (categories.trim() === '') {
    extend(limits, ALL, now + delay);
    return;
  }
  for (const category of categories.split(';')) {
    const name = category.trim();
    if (name === 'metric_bucket' && !appliesToCustomMetrics(namespaces)) continue;
    // `all` is not a server category: it must not turn one entry into a global block.
    if (name && name !== ALL) extend(limits, name, now + delay);
  }
}

function appliesToCustomMetrics(namespaces: string): boolean {
  return !namespaces.trim() || namespaces.split(';').some((namespace) => namespace.trim() === 'custom');
}

function extend(limits: Map<string, number>, key: string, until: number): void {
  const existing = limits.get(key);
  if (existing === undefined) {
    if (limits.size < MAX_ENTRIES || ALWAYS_KEPT.has(key)) limits.set(key, until);
  } else if (until > existing) {
    limits.set(key, until);
  }
}

function ownNumber(limits: RateLimits, key: string): number {
  const value = limits && Object.prototype.hasOwnProperty.call(limits, key) ? limits[key] : 0;
  return typeof value === 'number' && !Number.isNaN(value) ? value : 0;
}

function headerValue(headers: RateLimitResponse['headers'], name: string): string | undefined {
  const value = headers && typeof headers === 'object' ? headers[name] : undefined;
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' ? value : undefined;
}
