// JSON-safe, bounded copies of anything a user hands the SDK (extra, contexts, breadcrumb
// data...). Never throws: a value that cannot be read becomes a short marker instead.

/** Longest string kept inside a normalized value, like Sentry's cap on extra values. */
export const MAX_STRING_LENGTH = 16 * 1024;

/** Longest object key kept; a 50 MB key must not become a 50 MB event. */
const MAX_KEY_LENGTH = 1024;

/**
 * Work budget of one walk. Every value costs 4 plus the length of its key and of its
 * string; JSON needs at most 8 bytes per unit (6-byte escapes, punctuation), so the output
 * stays under 1 MiB however the input is shaped, shared references included.
 */
const BUDGET = 128 * 1024;

/** Deeper requests are clamped so recursion stays far below any engine's stack limit. */
export const MAX_DEPTH = 100;

const THROWS = '[Throws]';

/** The keys stack parsers give a frame first, in this order (see `createFrame`). */
const FRAME_KEYS = ['filename', 'function', 'lineno', 'colno', 'in_app'];
/** Budget of those keys' names and of their 5 values, strings' lengths aside. */
const FRAME_COST = FRAME_KEYS.join('').length + 4 * FRAME_KEYS.length;

/** A finite number no filter needs to look at (numbers from 1e12 on may be card numbers). */
function isSmall(value: unknown): value is number {
  return typeof value === 'number' && value > -1e12 && value < 1e12;
}

/** A string the walk keeps whole. */
function isShort(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_STRING_LENGTH;
}

/** Scrubbing done during the same walk: credential-looking text and sensitive key names. */
export interface TextFilter {
  text(value: string): string;
  /** Whether the value under this key of user data must be hidden. */
  hides(key: string): boolean;
  /** Container names whose keys (at any depth below) are user data, e.g. `extra`, `data`. */
  keyed: Set<string>;
  filtered: string;
}

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
 * A walk that copies values JSON-safe and bounded (see `normalize`), optionally scrubbing
 * strings and sensitive keys as it goes, so an event is read once. `data` marks user data:
 * there `undefined` becomes a marker and key names decide what is hidden; elsewhere (the
 * SDK's own structures) `undefined` is dropped as JSON drops it.
 */
export function createWalker(breadth: number, filter?: TextFilter) {
  let budget = BUDGET;
  const ancestors: object[] = [];
  const maxBreadth = breadth >= 0 ? breadth : 1000;

  function visit(input: unknown, remaining: number, data: boolean, viaToJSON?: boolean): unknown {
    budget -= 4;
    try {
      switch (typeof input) {
        case 'string': {
          const text = truncate(input, MAX_STRING_LENGTH);
          budget -= text.length;
          return filter ? filter.text(text) : text;
        }
        case 'number':
          if (!Number.isFinite(input)) return `[${input}]`;
          // A card number stored as a number.
          return filter && (input >= 1e12 || input <= -1e12) && filter.text(String(input)) !== String(input)
            ? filter.filtered
            : input;
        case 'boolean':
          return input;
        case 'undefined':
          return data ? '[undefined]' : undefined;
        case 'bigint':
          return `[BigInt: ${input}]`;
        case 'symbol':
          return `[${String(input)}]`;
        case 'function':
          return `[Function: ${(input as { name?: string }).name || '<anonymous>'}]`;
      }
      if (input === null) return null;
      const object = input as Record<string, unknown>;
      const proto = Object.getPrototypeOf(object);
      // Plain objects and arrays, by far the most common, need no `instanceof` tests; the
      // framework markers are looked for in user data only.
      const plain = proto === Object.prototype || proto === Array.prototype || proto === null;
      const special = plain ? (data ? frameworkMarker(object) : undefined) : describe(object);
      if (special !== undefined) return special;
      if (ancestors.includes(object)) return '[Circular ~]';
      if (!viaToJSON && typeof object.toJSON === 'function') return visit(object.toJSON(), remaining, data, true);
      if (remaining <= 0) return Array.isArray(object) ? '[Array]' : '[Object]';
      ancestors.push(object);
      try {
        return container(object, remaining - 1, data, plain);
      } finally {
        ancestors.pop();
      }
    } catch {
      return THROWS;
    }
  }

  function container(object: Record<string, unknown>, remaining: number, data: boolean, plain: boolean): unknown {
    if (!plain && (object instanceof Map || object instanceof Set)) {
      return container(firstEntries(object, maxBreadth + 1), remaining, data, true);
    }
    if (Array.isArray(object)) {
      const out: unknown[] = [];
      for (let i = 0; i < object.length; i++) {
        if (i >= maxBreadth || budget <= 0) {
          out.push(budget <= 0 ? '[MaxSize ~]' : '[MaxProperties ~]');
          break;
        }
        out.push(visit(read(object, i), remaining, data));
      }
      return out;
    }
    let keys = Object.keys(object);
    const frame = filter && !data && plain && keys[0] === 'filename' ? copyFrame(object, keys, filter) : undefined;
    const out: Record<string, unknown> = frame ?? {};
    if (keys.length > maxBreadth) keys.length = maxBreadth + 1;
    if (!plain && object instanceof Error) keys = ['name', 'message', 'stack', ...keys];
    for (let i = frame ? FRAME_KEYS.length : 0; i < keys.length; i++) {
      if (i >= maxBreadth || budget <= 0) {
        out['...'] = budget <= 0 ? '[MaxSize ~]' : '[MaxProperties ~]';
        break;
      }
      const name = truncate(keys[i], MAX_KEY_LENGTH);
      const child = read(object, keys[i]);
      budget -= name.length;
      let value: unknown;
      if (!filter) {
        value = visit(child, remaining, data);
      } else if (data) {
        // A boolean or null says whether there is a credential, never what it is.
        value = child != null && typeof child !== 'boolean' && filter.hides(name) ? filter.filtered : visit(child, remaining, true);
      } else {
        // Only a container (or `undefined`, shown in user data) cares whether it is user data.
        value = visit(child, remaining, (typeof child === 'object' || child === undefined) && filter.keyed.has(name));
      }
      // Keys of user data may hold anything; the SDK's own keys (`filename`, `data`) do not.
      if (value === undefined && !data) continue;
      const key = data && filter ? filter.text(name) : name;
      // Defined, not assigned: an own `__proto__` key stays data instead of swapping the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }

  /**
   * A stack frame as the parsers build it (its first keys `FRAME_KEYS`, in that order, with
   * short strings, small numbers, a boolean) copied by one literal instead of a store per
   * key; what the generic loop would give, budget included. Anything else: undefined.
   */
  function copyFrame(object: Record<string, unknown>, keys: string[], filter: TextFilter): Record<string, unknown> | undefined {
    if (keys.length > maxBreadth || keys[1] !== 'function' || keys[2] !== 'lineno' || keys[3] !== 'colno' || keys[4] !== 'in_app') {
      return undefined;
    }
    try {
      const { filename, function: name, lineno, colno, in_app } = object;
      if (!isShort(filename) || !isShort(name) || !isSmall(lineno) || !isSmall(colno) || typeof in_app !== 'boolean') return undefined;
      // 4 per value plus key and string lengths; the generic loop stops once the budget is spent.
      const cost = FRAME_COST + filename.length + name.length;
      if (budget - cost <= 0) return undefined;
      const frame = { filename: filter.text(filename), function: filter.text(name), lineno, colno, in_app };
      budget -= cost;
      return frame;
    } catch {
      // A getter or Proxy trap threw: the generic loop marks the key that did.
      return undefined;
    }
  }

  return {
    /** Walks `value` with `depth` levels of containers; each call has a fresh budget. */
    walk(value: unknown, depth: number, data: boolean): unknown {
      budget = BUDGET;
      return visit(value, depth >= 0 ? Math.min(depth, MAX_DEPTH) : 3, data);
    },
  };
}

/**
 * Returns a JSON-safe copy of `value`: objects deeper than `depth` become `[Object]` /
 * `[Array]`, containers keep `maxBreadth` entries, cycles become `[Circular ~]`, and
 * values JSON cannot hold become readable markers (`[NaN]`, `[BigInt: 1]`, `[Function: f]`).
 * @example normalize({ a: { b: { c: { d: 1 } } }, n: NaN }) // { a: { b: { c: '[Object]' } }, n: '[NaN]' }
 */
export function normalize(value: unknown, depth = 3, maxBreadth = 1000): unknown {
  return createWalker(maxBreadth).walk(value, depth, true);
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
  return utf8Length(JSON.stringify(value) ?? '');
}

const encoder = /* #__PURE__ */ new TextEncoder();
/** Room for any text up to 16k UTF-16 units: 3 bytes each at most. */
let scratch: Uint8Array | undefined;
const SCRATCH_UNITS = 16 * 1024;

/**
 * UTF-8 byte length of a string as TextEncoder writes it (a lone surrogate becomes U+FFFD,
 * 3 bytes). `encodeInto` a reused buffer: an order of magnitude faster than a RegExp scan.
 */
export function utf8Length(text: string): number {
  // Safari before 14.1 has no `encodeInto`.
  if (text.length > SCRATCH_UNITS || !encoder.encodeInto) return encoder.encode(text).length;
  return encoder.encodeInto(text, (scratch ??= new Uint8Array(3 * SCRATCH_UNITS))).written;
}

/** A property, or the marker when its getter (or a Proxy trap) throws. */
function read(object: Record<string | number, unknown>, key: string | number): unknown {
  try {
    return object[key];
  } catch {
    return THROWS;
  }
}

/** A short tag for objects (not plain ones) whose contents are useless or dangerous to walk. */
function describe(value: Record<string, unknown>): string | undefined {
  if (value instanceof Date) return isNaN(value.getTime()) ? '[Invalid Date]' : value.toISOString();
  if (value instanceof RegExp) return String(value);
  if (typeof window !== 'undefined' && value === (window as unknown)) return '[Window]';
  if (typeof document !== 'undefined' && value === (document as unknown)) return '[Document]';
  if (value === globalThis) return '[Global]';
  if (typeof Element !== 'undefined' && value instanceof Element) return `[HTMLElement: ${value.tagName.toLowerCase()}]`;
  if (typeof Node !== 'undefined' && value instanceof Node) return `[Node: ${value.nodeName}]`;
  if (typeof Event !== 'undefined' && value instanceof Event) return `[Event: ${value.type}]`;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    const size = (value as { length?: number }).length ?? (value as ArrayBuffer).byteLength;
    return `[${tag(value)}(${size})]`;
  }
  if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) return `[${tag(value)}]`;
  return frameworkMarker(value);
}

/** Framework objects that are huge or cyclic behind a small surface. */
function frameworkMarker(value: Record<string, unknown>): string | undefined {
  if (value._isVue || value.__isVue) return '[VueViewModel]';
  if (typeof value.$$typeof === 'symbol') return '[ReactElement]';
  if (value.nativeEvent && typeof value.preventDefault === 'function') return '[SyntheticEvent]';
  return undefined;
}

function tag(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
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
