// What leaves the device: credentials never, personal data only with sendDefaultPii.
// Returns a copy; the given event is not modified (parts of it may be frozen user objects).
// With the normalize options it also bounds the event, in the same single walk.

import { DEBUG_ID } from '../debugids';
import { MAX_DEPTH, createWalker, truncate } from '../normalize';
import type { TextFilter } from '../normalize';
import type { Event } from '../types';
import { isSensitiveKey } from './keys';
import { FILTERED, filterParams, scrubString } from './patterns';

export interface ScrubOptions {
  /** Lets cookies, request bodies and client IP headers through; credentials never. Default false. */
  sendDefaultPii?: boolean;
  /** More key names whose values become `[Filtered]`: substrings (case-insensitive) or RegExps. */
  denyKeys?: Array<string | RegExp>;
  /** Default true. `false` keeps the key rules but stops filtering credential-looking values. */
  scrubSecrets?: boolean;
  /** Levels kept in user data (tags, user, extra, contexts, request, breadcrumb data); default: all. */
  normalizeDepth?: number;
  /** Entries kept per object or array; default: all. */
  normalizeMaxBreadth?: number;
  /** Cut for exception values, messages and breadcrumb messages; default: none. */
  maxValueLength?: number;
}

type Dict = Record<string, unknown>;

/** Fields the SDK sets itself: copied as they are. */
const UNTOUCHED = new Set(['event_id', 'timestamp', 'platform', 'level', 'sdk', 'release', 'environment', 'dist', 'fingerprint', 'modules', 'type']);
/** User data fields: normalized to `normalizeDepth`, key names decide what is hidden. */
const DATA = new Set(['tags', 'user', 'extra', 'contexts', 'request']);
/** Objects whose key names decide, at any depth below them, whether a value is filtered. */
const KEYED = new Set([...DATA, 'data', 'vars']);
const COOKIE_HEADER = /^(?:set-)?cookie$/i;
/** Headers carrying the client's IP address: personal data. */
const IP_HEADER = /^(?:x-forwarded-for|x-real-ip|x-client-ip|forwarded|cf-connecting-ip|true-client-ip)$/i;
/** `name=value` pairs of a Cookie / Set-Cookie header. */
const COOKIE_PAIR = /([^=;,\s]{1,256})=([^;]*)/g;
const caches = new WeakMap<object, [Map<string, string>, Map<string, boolean>, string]>();
const MAX_CACHED = 2000;
const MAX_CACHED_LENGTH = 512;
/** Levels of the SDK's own structures: exception.values[].stacktrace.frames[].pre_context[]. */
const STRUCTURE_DEPTH = 10;

/**
 * Filters the values of sensitive keys in tags, user, extra, contexts, breadcrumb data,
 * frame vars and request; credential-looking text anywhere (unless `scrubSecrets: false`);
 * and, without `sendDefaultPii`, cookies, request bodies and client IP headers. Every value
 * comes back JSON-safe (cycles, BigInt, functions as markers).
 * @example scrubEvent({ extra: { password: 'hunter2' } }) // { extra: { password: '[Filtered]' } }
 */
export function scrubEvent(event: Event, options: ScrubOptions = {}): Event {
  if (!isDict(event)) return event;
  const { sendDefaultPii = false, denyKeys = [], scrubSecrets = true, normalizeDepth = MAX_DEPTH, maxValueLength } = options;
  // Frames and breadcrumbs repeat file names, functions, URLs and key names, from one event
  // to the next: each distinct short string is scrubbed, each key name judged, once per
  // options object while its rules (denyKeys, scrubSecrets) stay as they were.
  const rules = `${scrubSecrets}${denyKeys}`;
  let [texts, keys, seen] = caches.get(options) ?? [];
  if (!texts || !keys || seen !== rules || texts.size + keys.size > MAX_CACHED) caches.set(options, [(texts = new Map()), (keys = new Map()), rules]);
  const text = (value: string): string => {
    let out = texts.get(value);
    if (out === undefined) {
      out = scrubSecrets ? scrubString(value, denyKeys) : filterParams(value, denyKeys, false);
      if (value.length <= MAX_CACHED_LENGTH) texts.set(value, out);
    }
    return out;
  };
  const sensitive = (key: string): boolean => {
    let hidden = keys.get(key);
    if (hidden === undefined) keys.set(key, (hidden = isSensitiveKey(key, denyKeys)));
    return hidden;
  };
  const cut = (value: unknown): unknown =>
    maxValueLength === undefined || typeof value !== 'string' ? value : truncate(value, maxValueLength);
  const filter: TextFilter = { text, hides: sensitive, keyed: KEYED, filtered: FILTERED };
  const { walk } = createWalker(options.normalizeMaxBreadth ?? Infinity, filter);

  function scrubRequest(request: Dict): Dict {
    const out: Dict = {};
    for (const key of Object.keys(request)) {
      const value = request[key];
      if (!sendDefaultPii && (key === 'cookies' || key === 'data')) continue;
      if (key === 'headers' && isDict(value)) out.headers = scrubHeaders(value);
      else if (key === 'query_string' && typeof value === 'string') out[key] = text(`?${truncate(value, 16384)}`).slice(1);
      else if (key === 'env' && !sendDefaultPii && isDict(value)) {
        const { REMOTE_ADDR, ...env } = value;
        out.env = walk(env, normalizeDepth - 1, true);
      }
      else out[key] = walk(value, normalizeDepth - 1, true);
    }
    return out;
  }

  function scrubHeaders(headers: Dict): Dict {
    const out: Dict = {};
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      out[name] = COOKIE_HEADER.test(name)
        ? sendDefaultPii && typeof value === 'string'
          ? value.replace(COOKIE_PAIR, (_, cookie: string, content: string) => `${cookie}=${sensitive(cookie) ? FILTERED : text(content)}`)
          : FILTERED
        : (!sendDefaultPii && IP_HEADER.test(name)) || sensitive(name)
          ? FILTERED
          : walk(value, normalizeDepth - 2, true);
    }
    return out;
  }

  /** The messages people read, cut to `maxValueLength` before they are scrubbed. */
  function cutTexts(key: string, value: unknown): unknown {
    if (key === 'message') return cut(value);
    if (key === 'exception' && Array.isArray((value as Event['exception'])?.values)) {
      return { values: (value as { values: unknown[] }).values.map((item) => withCut(item, 'value')) };
    }
    if (key === 'breadcrumbs' && Array.isArray((value as Event['breadcrumbs'])?.values)) {
      return { values: (value as { values: unknown[] }).values.map((item) => withCut(item, 'message')) };
    }
    return value;
  }

  function withCut(item: unknown, field: string): unknown {
    const value = isDict(item) ? item[field] : undefined;
    return maxValueLength === undefined || typeof value !== 'string' || value.length <= maxValueLength
      ? item
      : { ...(item as Dict), [field]: truncate(value, maxValueLength) };
  }

  const out: Dict = {};
  for (const key of Object.keys(event)) {
    let value = (event as Dict)[key];
    if (UNTOUCHED.has(key)) {
      out[key] = value;
      continue;
    }
    try {
      value = cutTexts(key, value);
      if (key === 'request' && isDict(value)) value = scrubRequest(value);
      // Breadcrumbs: values[] -> crumb -> data, so their data gets the full depth.
      else if (key === 'breadcrumbs') value = walk(value, normalizeDepth + 3, false);
      else if (key === 'message' && typeof value !== 'string') value = walk(value, normalizeDepth, true);
      // Code files are scrubbed as frame file names are, so the two still match.
      else if (key === 'debug_meta') value = keepDebugIds(walk(value, STRUCTURE_DEPTH, false), value as Event['debug_meta']);
      else value = walk(value, DATA.has(key) ? normalizeDepth : STRUCTURE_DEPTH, DATA.has(key));
    } catch {
      value = FILTERED;
    }
    if (value !== undefined) out[key] = value;
  }
  return out as Event;
}

/** A debug id is matched exactly; a UUID with a long digit run could pass for a card number. */
function keepDebugIds(copy: unknown, meta: Event['debug_meta']): unknown {
  const copies = (copy as Event['debug_meta'])?.images;
  if (Array.isArray(copies)) {
    copies.forEach((image, i) => {
      const id = meta?.images?.[i]?.debug_id;
      if (isDict(image) && typeof id === 'string' && DEBUG_ID.test(id)) image.debug_id = id;
    });
  }
  return copy;
}

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
