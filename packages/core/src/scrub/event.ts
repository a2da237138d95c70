// What leaves the device: credentials never, personal data only with sendDefaultPii.
// Returns a copy; the given event is not modified (parts of it may be frozen user objects).

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
}

type Dict = Record<string, unknown>;

/** Fields the SDK sets itself: copied as they are. */
const UNTOUCHED = new Set(['event_id', 'timestamp', 'platform', 'level', 'sdk', 'release', 'environment', 'dist', 'fingerprint', 'modules', 'type']);
/** Objects whose key names decide, at any depth below them, whether a value is filtered. */
const KEYED = new Set(['tags', 'user', 'extra', 'contexts', 'request', 'data', 'vars']);
const COOKIE_HEADER = /^(?:set-)?cookie$/i;
/** Headers carrying the client's IP address: personal data. */
const IP_HEADER = /^(?:x-forwarded-for|x-real-ip|x-client-ip|forwarded|cf-connecting-ip|true-client-ip)$/i;
/** `name=value` pairs of a Cookie / Set-Cookie header. */
const COOKIE_PAIR = /([^=;,\s]{1,256})=([^;]*)/g;
/** Bounds the walk over an event that skipped normalization (shared references included). */
const MAX_NODES = 100_000;

/**
 * Filters the values of sensitive keys in tags, user, extra, contexts, breadcrumb data,
 * frame vars and request; credential-looking text anywhere (unless `scrubSecrets: false`);
 * and, without `sendDefaultPii`, cookies, request bodies and client IP headers.
 * @example scrubEvent({ extra: { password: 'hunter2' } }) // { extra: { password: '[Filtered]' } }
 */
export function scrubEvent(event: Event, options: ScrubOptions = {}): Event {
  const { sendDefaultPii = false, denyKeys = [], scrubSecrets = true } = options;
  const ancestors: object[] = [];
  let nodes = 0;
  // Frames repeat file names and functions: scrub each distinct string once.
  const scrubbed = new Map<string, string>();
  const text = (value: string): string => {
    let out = scrubbed.get(value);
    if (out === undefined) {
      out = scrubSecrets ? scrubString(value, denyKeys) : filterParams(value, denyKeys, false);
      scrubbed.set(value, out);
    }
    return out;
  };
  const sensitive = (key: string): boolean => isSensitiveKey(key, denyKeys);

  function walk(value: unknown, keyed: boolean): unknown {
    try {
      if (++nodes > MAX_NODES) return FILTERED;
      if (typeof value === 'string') return text(value);
      // A card number stored as a number.
      if (typeof value === 'number') return Math.abs(value) >= 1e12 && text(String(value)) !== String(value) ? FILTERED : value;
      if (!value || typeof value !== 'object') return value;
      if (ancestors.includes(value)) return '[Circular ~]';
      ancestors.push(value);
      try {
        return Array.isArray(value) ? value.map((item) => walk(item, keyed)) : walkObject(value as Dict, keyed);
      } finally {
        ancestors.pop();
      }
    } catch {
      return FILTERED;
    }
  }

  function walkObject(object: Dict, keyed: boolean): Dict {
    const out: Dict = {};
    for (const key of Object.keys(object)) {
      const value = object[key];
      // A boolean or null says whether there is a credential, never what it is.
      const hide = keyed && value != null && typeof value !== 'boolean' && sensitive(key);
      // Keys of user data may hold anything; the SDK's own keys (`filename`, `data`) do not.
      out[keyed ? text(key) : key] = hide ? FILTERED : walk(value, keyed || KEYED.has(key));
    }
    return out;
  }

  function scrubRequest(request: Dict): Dict {
    const out: Dict = {};
    for (const key of Object.keys(request)) {
      const value = request[key];
      if (!sendDefaultPii && (key === 'cookies' || key === 'data')) continue;
      if (key === 'headers' && isDict(value)) out.headers = scrubHeaders(value);
      else if (key === 'query_string' && typeof value === 'string') out[key] = text(`?${value}`).slice(1);
      else if (key === 'env' && !sendDefaultPii && isDict(value)) out.env = walk({ ...value, REMOTE_ADDR: undefined }, true);
      else out[key] = walk(value, true);
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
          : walk(value, true);
    }
    return out;
  }

  if (!isDict(event)) return event;
  const out: Dict = {};
  for (const key of Object.keys(event)) {
    const value = (event as Dict)[key];
    if (UNTOUCHED.has(key)) out[key] = value;
    else if (key === 'request' && isDict(value)) out.request = scrubRequest(value);
    else out[key] = walk(value, KEYED.has(key));
  }
  return out as Event;
}

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
