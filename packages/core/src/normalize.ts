// JSON-safe, bounded copies of anything a user hands the SDK (extra, contexts, breadcrumb
// data...). Never throws: a value that cannot be read becomes a short marker instead.

/** Longest string kept inside a normalized value, like Sentry's cap on extra values. */
export const MAX_STRING_LENGTH = 16 * 1024;

/** Longest object key kept; a 50 MB key must not become a 50 MB event. */
const MAX_KEY_LENGTH = 1024;

/**
 * Work budget of one `normalize` call. Every value costs 4 plus the length of its key and of
 * its string; JSON needs at most 8 bytes per unit (6-byte escapes, punctuation), so the
 * output stays under 1 MiB however the input is shaped, shared references included.
 */
const BUDGET = 128 * 1024;

/** Deeper requests are clamped so recursion stays far below any engine's stack limit. */
const MAX_DEPTH = 100;

const THROWS = '[Throws]';

/**
 * Cuts `text` to `max` characters and marks the cut with `...`; never splits a surrogate pair.
 * @example truncate('abcdef', 3) // 'abc...'
 */
export function truncate(text: string, max: number): string {
  if (typeof text !== 'string' || !(text.length > max)) return text;
  let end = Math.max(0, Math.floor(max));
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}...`;
}

/**
 * Returns a JSON-safe copy of `value`: objects deeper than `depth` become `[Object]` /
 * `[Array]`, containers keep `maxBreadth` entries, cycles become `[Circular ~]`, and
 * values JSON cannot hold become readable markers (`[NaN]`, `[BigInt: 1]`, `[Function: f]`).
 * @example normalize({ a: { b: { c: { d: 1 } } }, n: NaN }) // { a: { b: { c: '[Object]' } }, n: '[NaN]' }
 */
export function normalize(value: unknown, depth = 3, maxBreadth = 1000): unknown {
  let budget = BUDGET;
  const ancestors: object[] = [];
  const breadth = maxBreadth >= 0 ? maxBreadth : 1000;

  function visit(input: unknown, remaining: number, viaToJSON = false): unknown {
    budget -= 4;
    try {
      const primitive = visitPrimitive(input);
      if (primitive !== undefined) {
        if (typeof primitive === 'string') budget -= primitive.length;
        return primitive;
      }
      const object = input as Record<string, unknown>;
      const special = describe(object);
      if (special !== undefined) return special;
      if (ancestors.includes(object)) return '[Circular ~]';
      if (!viaToJSON && typeof object.toJSON === 'function') return visit(object.toJSON(), remaining, true);
      if (remaining <= 0) return Array.isArray(object) ? '[Array]' : '[Object]';
      ancestors.push(object);
      try {
        return visitContainer(object, remaining - 1);
      } finally {
        ancestors.pop();
      }
    } catch {
      return THROWS;
    }
  }

  function visitContainer(object: Record<string, unknown>, remaining: number): unknown {
    if (object instanceof Map || object instanceof Set) return visitContainer(firstEntries(object, breadth + 1), remaining);
    const isArray = Array.isArray(object);
    const out: Record<string, unknown> | unknown[] = isArray ? [] : {};
    let keys: Array<string | number> = object instanceof Error ? ['name', 'message', 'stack'] : [];
    if (isArray) for (let i = 0; i < object.length && i <= breadth; i++) keys.push(i);
    else keys = keys.concat(Object.keys(object).slice(0, breadth + 1));
    for (let i = 0; i < keys.length; i++) {
      if (i >= breadth || budget <= 0) {
        const marker = budget <= 0 ? '[MaxSize ~]' : '[MaxProperties ~]';
        isArray ? (out as unknown[]).push(marker) : ((out as Record<string, unknown>)['...'] = marker);
        break;
      }
      const key = keys[i];
      const name = typeof key === 'string' ? truncate(key, MAX_KEY_LENGTH) : key;
      budget -= typeof name === 'string' ? name.length : 0;
      let child: unknown;
      try {
        child = object[key];
      } catch {
        child = THROWS;
      }
      (out as Record<string | number, unknown>)[name] = visit(child, remaining);
    }
    return out;
  }

  try {
    return visit(value, depth >= 0 ? Math.min(depth, MAX_DEPTH) : 3);
  } catch {
    return THROWS;
  }
}

/**
 * Normalizes `value`, lowering the depth until its JSON is at most `maxBytes` UTF-8 bytes.
 * @example normalizeToSize(bigState, 3, 100 * 1024)
 */
export function normalizeToSize(value: unknown, depth = 3, maxBytes = 100 * 1024): unknown {
  for (let level = depth >= 0 ? Math.min(depth, MAX_DEPTH) : 3; ; level--) {
    const normalized = normalize(value, level);
    if (jsonBytes(normalized) <= maxBytes) return normalized;
    // At depth 0 only a long string can still be too big: 6 bytes per character is the worst case.
    if (level <= 0) return typeof normalized === 'string' ? truncate(normalized, Math.floor((maxBytes - 5) / 6) - 3) : '[MaxSize ~]';
  }
}

/** UTF-8 length of the JSON text of an already normalized value. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is 4 bytes, 2 per half; JSON.stringify escapes lone halves.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/** Primitives and functions as JSON-safe values; `undefined` for anything that is an object. */
function visitPrimitive(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return truncate(value, MAX_STRING_LENGTH);
    case 'number':
      return Number.isFinite(value) ? value : `[${value}]`;
    case 'boolean':
      return value;
    case 'undefined':
      return '[undefined]';
    case 'bigint':
      return `[BigInt: ${value}]`;
    case 'symbol':
      return `[${String(value)}]`;
    case 'function':
      return `[Function: ${(value as { name?: string }).name || '<anonymous>'}]`;
  }
  return value === null ? null : undefined;
}

/** A short tag for objects whose contents are useless or dangerous to walk. */
function describe(value: Record<string, unknown>): string | undefined {
  if (value instanceof Date) return isNaN(value.getTime()) ? '[Invalid Date]' : value.toISOString();
  if (value instanceof RegExp) return String(value);
  if (typeof window !== 'undefined' && value === (window as unknown)) return '[Window]';
  if (typeof document !== 'undefined' && value === (document as unknown)) return '[Document]';
  if (value === globalThis) return '[Global]';
  if (typeof Element !== 'undefined' && value instanceof Element) return `[HTMLElement: ${value.tagName.toLowerCase()}]`;
  if (typeof Node !== 'undefined' && value instanceof Node) return `[Node: ${value.nodeName}]`;
  if (typeof Event !== 'undefined' && value instanceof Event) return `[Event: ${value.type}]`;
  if (value._isVue || value.__isVue) return '[VueViewModel]';
  if (typeof value.$$typeof === 'symbol') return '[ReactElement]';
  if (value.nativeEvent && typeof value.preventDefault === 'function') return '[SyntheticEvent]';
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    const size = (value as { length?: number }).length ?? (value as ArrayBuffer).byteLength;
    return `[${Object.prototype.toString.call(value).slice(8, -1)}(${size})]`;
  }
  if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) {
    return `[${Object.prototype.toString.call(value).slice(8, -1)}]`;
  }
  return undefined;
}

/** The first `count` entries of a Map (as an object keyed by `String(key)`) or Set (as an array). */
function firstEntries(collection: Map<unknown, unknown> | Set<unknown>, count: number): Record<string, unknown> {
  const isMap = collection instanceof Map;
  const out: Record<string, unknown> | unknown[] = isMap ? {} : [];
  for (const entry of collection) {
    if (count-- <= 0) break;
    if (isMap) (out as Record<string, unknown>)[String((entry as [unknown, unknown])[0])] = (entry as [unknown, unknown])[1];
    else (out as unknown[]).push(entry);
  }
  return out as Record<string, unknown>;
}
