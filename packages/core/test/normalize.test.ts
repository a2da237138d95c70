import { describe, expect, it } from 'vitest';
import { jsonBytes, MAX_STRING_LENGTH, normalize, normalizeToSize, truncate, utf8Length } from '../src/normalize';

const MiB = 1024 * 1024;

/** A Proxy whose every trap throws, handler lookups included. */
function hostileProxy(): object {
  const handler = new Proxy({}, { get: () => () => { throw new Error('trap'); } });
  return new Proxy({}, handler);
}

describe('normalize: values JSON cannot hold', () => {
  function named() {}
  it.each([
    ['NaN', NaN, '[NaN]'],
    ['Infinity', Infinity, '[Infinity]'],
    ['-Infinity', -Infinity, '[-Infinity]'],
    ['undefined', undefined, '[undefined]'],
    ['a BigInt', 12345678901234567890n, '[BigInt: 12345678901234567890]'],
    ['a Symbol', Symbol('token'), '[Symbol(token)]'],
    ['a named function', named, '[Function: named]'],
    ['an anonymous function', (() => () => 1)(), '[Function: <anonymous>]'],
    ['a Date', new Date(Date.UTC(2026, 10, 28, 10)), '2026-11-28T10:00:00.000Z'],
    ['an invalid Date', new Date(NaN), '[Invalid Date]'],
    ['a RegExp', /a+b/gi, '/a+b/gi'],
    ['a typed array', new Uint16Array(7), '[Uint16Array(7)]'],
    ['an ArrayBuffer', new ArrayBuffer(16), '[ArrayBuffer(16)]'],
    ['a DataView', new DataView(new ArrayBuffer(4)), '[DataView(4)]'],
    ['a Promise', Promise.resolve(1), '[Promise]'],
    ['a WeakMap', new WeakMap(), '[WeakMap]'],
    ['the global object', globalThis, '[Global]'],
    ['a Vue instance', { _isVue: true, $el: {} }, '[VueViewModel]'],
    ['a React element', { $$typeof: Symbol.for('react.element'), type: 'div', props: {} }, '[ReactElement]'],
    ['a React synthetic event', { nativeEvent: {}, preventDefault() {}, type: 'click' }, '[SyntheticEvent]'],
  ])('%s', (_, input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('keeps JSON values as they are', () => {
    const value = { s: 'text', n: -1.5, zero: 0, t: true, f: false, nil: null, list: [1, 'two'] };
    expect(normalize(value)).toEqual(value);
  });
});

describe('normalize: shape limits', () => {
  it('replaces objects and arrays below the depth limit by [Object] / [Array]', () => {
    const value = { a: { b: { c: { d: 1 }, list: [[1]] } } };
    expect(normalize(value, 3)).toEqual({ a: { b: { c: '[Object]', list: '[Array]' } } });
    expect(normalize(value, 4)).toEqual({ a: { b: { c: { d: 1 }, list: ['[Array]'] } } });
    expect(normalize(value, 1)).toEqual({ a: '[Object]' });
    expect(normalize(value, 0)).toBe('[Object]');
  });

  it('defaults to depth 3', () => {
    expect(normalize({ a: { b: { c: { d: 1 } } } })).toEqual({ a: { b: { c: '[Object]' } } });
  });

  it('keeps maxBreadth keys or items and marks the rest', () => {
    const object = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, i]));
    expect(normalize(object, 3, 2)).toEqual({ k0: 0, k1: 1, '...': '[MaxProperties ~]' });
    expect(normalize([1, 2, 3], 3, 2)).toEqual([1, 2, '[MaxProperties ~]']);
    expect(normalize([1, 2], 3, 2)).toEqual([1, 2]);
  });

  it('marks cycles but repeats shared references', () => {
    const shared = { id: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    const list: unknown[] = [];
    list.push(list);
    expect(normalize(cyclic)).toEqual({ shared: { id: 1 }, again: { id: 1 }, self: '[Circular ~]' });
    expect(normalize(list)).toEqual(['[Circular ~]']);
  });

  it('cuts long strings and keys', () => {
    const long = 'x'.repeat(MAX_STRING_LENGTH + 10);
    expect(normalize(long)).toBe(`${'x'.repeat(MAX_STRING_LENGTH)}...`);
    const keys = Object.keys(normalize({ ['k'.repeat(5000)]: 1 }) as object);
    expect(keys[0].length).toBeLessThan(1100);
  });
});

describe('normalize: objects', () => {
  it('turns Errors into { name, message, stack } plus their own properties', () => {
    const error = Object.assign(new TypeError('boom'), { code: 'E_BOOM' });
    expect(normalize(error)).toEqual({ name: 'TypeError', message: 'boom', stack: error.stack, code: 'E_BOOM' });
  });

  it('honours toJSON, once', () => {
    const money = { amount: 5, toJSON: () => '5.00 EUR' };
    const selfish = { toJSON() { return this; } };
    const nested = { toJSON: () => ({ inner: { toJSON: () => 'inner' } }) };
    expect(normalize({ money })).toEqual({ money: '5.00 EUR' });
    expect(normalize(selfish)).toEqual({ toJSON: '[Function: toJSON]' });
    expect(normalize(nested)).toEqual({ inner: 'inner' });
  });

  it('summarises a Map as an object and a Set as an array, within the breadth', () => {
    const map = new Map<unknown, unknown>([['a', 1], [2, { b: NaN }]]);
    expect(normalize({ map, set: new Set(['x', 'y']) })).toEqual({ map: { a: 1, 2: { b: '[NaN]' } }, set: ['x', 'y'] });
    expect(normalize(new Set([1, 2, 3]), 3, 2)).toEqual([1, 2, '[MaxProperties ~]']);
    const cyclic = new Map<string, unknown>();
    cyclic.set('me', cyclic);
    expect(normalize(cyclic)).toEqual({ me: '[Circular ~]' });
  });

  it('turns a throwing getter into [Throws] and keeps the other keys', () => {
    const value = { ok: 1, get broken(): number { throw new Error('no'); } };
    expect(normalize(value)).toEqual({ ok: 1, broken: '[Throws]' });
  });

  it('turns a Proxy that throws on every trap into [Throws]', () => {
    expect(normalize(hostileProxy())).toBe('[Throws]');
    expect(normalize({ a: hostileProxy(), b: 2 })).toEqual({ a: '[Throws]', b: 2 });
    expect(normalize([hostileProxy()])).toEqual(['[Throws]']);
  });

  it('reads class instances as their own enumerable fields', () => {
    class Point {
      constructor(public x: number, public y: number) {}
      norm(): number {
        return Math.hypot(this.x, this.y);
      }
    }
    expect(normalize(new Point(1, 2))).toEqual({ x: 1, y: 2 });
  });
});

describe('normalize: a `__proto__` key', () => {
  it('stays a plain key in the copy and never becomes its prototype', () => {
    const input = JSON.parse('{"a": {"__proto__": {"polluted": true}, "b": 1}}') as Record<string, unknown>;
    const out = normalize(input) as { a: Record<string, unknown> };
    expect(Object.getPrototypeOf(out.a)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"a":{"__proto__":{"polluted":true},"b":1}}');
  });
});

describe('normalize: pathological input stays bounded', () => {
  it('100k keys', () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) wide[`key${i}`] = i;
    const out = normalize({ wide }) as { wide: Record<string, unknown> };
    expect(Object.keys(out.wide)).toHaveLength(1001);
    expect(jsonBytes(out)).toBeLessThan(MiB);
    const unlimited = normalize(wide, 3, Infinity) as Record<string, unknown>;
    expect(unlimited['...']).toBe('[MaxSize ~]');
    expect(jsonBytes(unlimited)).toBeLessThan(MiB);
  });

  it('10k-deep nesting, even when asked for all of it', () => {
    const root: Record<string, unknown> = {};
    let node = root;
    for (let i = 0; i < 10_000; i++) node = node.next = {};
    expect(JSON.stringify(normalize(root))).toBe('{"next":{"next":{"next":"[Object]"}}}');
    expect(jsonBytes(normalize(root, 10_000))).toBeLessThan(MiB);
  });

  it('a 50 MB string', () => {
    const out = normalize({ huge: 'a'.repeat(50 * MiB) });
    expect(jsonBytes(out)).toBeLessThan(MAX_STRING_LENGTH + 100);
  });

  it('shared references that would expand to a billion nodes of escaped text', () => {
    let value: unknown = '\u0001'.repeat(MAX_STRING_LENGTH);
    for (let i = 0; i < 3; i++) value = new Array(1000).fill(value);
    const out = normalize(value) as unknown[];
    expect(jsonBytes(out)).toBeLessThan(MiB);
    expect(out[out.length - 1]).toBe('[MaxSize ~]');
  });

  it('a Proxy throwing on every trap, a frozen cycle and a Symbol key together', () => {
    const frozen: Record<string | symbol, unknown> = { [Symbol('hidden')]: 1, visible: 2 };
    frozen.self = frozen;
    Object.freeze(frozen);
    const out = normalize({ proxy: hostileProxy(), frozen });
    expect(out).toEqual({ proxy: '[Throws]', frozen: { visible: 2, self: '[Circular ~]' } });
  });

  it('never throws, whatever the arguments', () => {
    expect(normalize({ a: { b: 1 } }, NaN, -1)).toEqual({ a: { b: 1 } });
    expect(() => normalize(hostileProxy(), Infinity, Infinity)).not.toThrow();
  });
});

describe('normalizeToSize', () => {
  const state = { users: Array.from({ length: 50 }, (_, i) => ({ id: i, profile: { bio: 'b'.repeat(200) } })) };

  it('returns the full normalization when it fits', () => {
    expect(normalizeToSize(state, 4, MiB)).toEqual(normalize(state, 4));
  });

  it('lowers the depth until the JSON fits', () => {
    expect(jsonBytes(normalize(state, 4))).toBeGreaterThan(2000);
    const out = normalizeToSize(state, 4, 2000);
    expect(jsonBytes(out)).toBeLessThanOrEqual(2000);
    expect(out).toEqual(normalize(state, 3));
  });

  it('cuts a string that is too long even at depth 0', () => {
    const out = normalizeToSize('é'.repeat(5000), 3, 600) as string;
    expect(jsonBytes(out)).toBeLessThanOrEqual(600);
    expect(out.endsWith('...')).toBe(true);
  });
});

describe('truncate', () => {
  it('cuts and marks the cut', () => {
    expect(truncate('abcdef', 3)).toBe('abc...');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abc', 0)).toBe('...');
  });

  it('never splits a surrogate pair', () => {
    expect(truncate('a😀b', 2)).toBe('a...');
  });

  it('leaves a non-string or a nonsense limit alone', () => {
    expect(truncate('abc', NaN)).toBe('abc');
    expect(truncate(42 as unknown as string, 1)).toBe(42);
  });
});

describe('utf8Length', () => {
  const encoded = (text: string) => new TextEncoder().encode(text).length;
  it.each([
    ['ASCII', '{"message":"boom"}'],
    ['2-, 3- and 4-byte characters', 'é € 😀'],
    ['a lone surrogate (U+FFFD, 3 bytes)', 'a\ud800b'],
    ['a long ASCII text', 'x'.repeat(100_000)],
    ['a long text with a non-ASCII tail', `${'x'.repeat(20_000)}ü`],
  ])('counts %s as TextEncoder writes it', (_, text) => {
    expect(utf8Length(text)).toBe(encoded(text));
  });

  it('counts without TextEncoder.encodeInto (Safari before 14.1)', () => {
    const { encodeInto } = TextEncoder.prototype;
    try {
      (TextEncoder.prototype as { encodeInto?: unknown }).encodeInto = undefined;
      expect(utf8Length('é €')).toBe(6);
    } finally {
      TextEncoder.prototype.encodeInto = encodeInto;
    }
  });

  it('gives the right length after a longer text used the same buffer', () => {
    utf8Length('€'.repeat(16 * 1024));
    expect(utf8Length('ab')).toBe(2);
  });
});

describe('normalize: plain objects', () => {
  it('shows framework objects in user data by a marker', () => {
    expect(normalize({ element: { $$typeof: Symbol.for('react.element'), props: {} } })).toEqual({ element: '[ReactElement]' });
  });
});
