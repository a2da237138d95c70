// 100,000 random calls of the public API with hostile values: nothing may throw into the
// app, and every event that reaches the transport must be valid JSON under 1 MiB.

import { afterAll, describe, expect, it } from 'vitest';
import * as Faultline from '@faultline/core';
import type { ClientOptions, Envelope, Event, Scope, Transport } from '@faultline/core';
import { resetGlobals } from '../packages/core/test/helpers';

const CALLS = 100_000;
// FUZZ_SEED=n replays another sequence; the default keeps CI deterministic.
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const ONE_MIB = 1024 * 1024;

/** mulberry32: small, fast, seeded. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

const random = createRandom(SEED);
const HUGE = 'x'.repeat(10 * 1024 * 1024);
const KEYS = [
  'a', 'user', 'password', 'token', 'Authorization', '__proto__', 'constructor', 'toJSON', '', '💥', 'k'.repeat(5000),
  // Event and hint fields, so random objects reach the pipeline's own reads.
  'message', 'level', 'tags', 'extra', 'exception', 'breadcrumbs', 'attachments', 'mechanism', 'event_id', 'fingerprint',
];

const throwing = (): never => {
  throw new Error('fuzz: thrown by a hostile value');
};
const hostileProxy = (): object =>
  new Proxy(function target() {}, {
    get: throwing,
    set: throwing,
    has: throwing,
    ownKeys: throwing,
    getOwnPropertyDescriptor: throwing,
    getPrototypeOf: throwing,
    defineProperty: throwing,
    deleteProperty: throwing,
    apply: throwing,
    construct: throwing,
    isExtensible: throwing,
    preventExtensions: throwing,
    setPrototypeOf: throwing,
  });

function randomString(): string {
  // Huge strings are rare: each costs milliseconds to copy, and one in a few hundred calls is plenty.
  if (random.chance(0.003)) return HUGE;
  switch (random.int(8)) {
    case 0:
      return 'y'.repeat(20_000);
    case 1:
      return '\ud800 lone surrogate \udfff';
    case 2:
      return 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc password=hunter2';
    case 3:
      return '';
    case 4:
      return 'Script error.';
    default:
      return random.pick(KEYS) + random.int(1000);
  }
}

function randomValue(depth = 0): unknown {
  const kind = random.int(depth > 3 ? 10 : 24);
  switch (kind) {
    case 0: return undefined;
    case 1: return null;
    case 2: return random.pick([0, -0, NaN, Infinity, -Infinity, 1e308, 42]);
    case 3: return BigInt(random.int(1e6));
    case 4: return Symbol(randomString().slice(0, 20));
    case 5: return random.chance(0.5);
    case 6: case 7: return randomString();
    case 8: return () => 'fn';
    case 9: return new Date(random.chance(0.5) ? NaN : 1_700_000_000_000);
    case 10: return hostileProxy();
    case 11: {
      const cyclic: Record<string, unknown> = { name: 'cycle' };
      cyclic.self = cyclic;
      cyclic.list = [cyclic, { back: cyclic }];
      return cyclic;
    }
    case 12: return Object.freeze({ frozen: randomValue(depth + 1), nested: Object.freeze([1, 2]) });
    case 13: return Object.defineProperty({ ok: 1 }, 'bad', { enumerable: true, get: throwing });
    case 14: return { toJSON: throwing, value: 1 };
    case 15: return randomError(depth);
    case 16: return new Map<unknown, unknown>([[randomValue(depth + 1), randomValue(depth + 1)]]);
    case 17: return new Set([randomValue(depth + 1)]);
    case 18: return Array.from({ length: random.int(5) }, () => randomValue(depth + 1));
    case 19: return new Uint8Array(random.int(100));
    case 20: return Object.create(null);
    case 21: return Promise.reject(new Error('fuzz rejection')).catch(() => undefined);
    case 22: return /regexp/g;
    default: {
      const object: Record<string, unknown> = {};
      // defineProperty: a `__proto__` key becomes data, not a prototype swap.
      for (let i = random.int(6); i > 0; i--) {
        Object.defineProperty(object, random.pick(KEYS), { value: randomValue(depth + 1), enumerable: true, configurable: true, writable: true });
      }
      return object;
    }
  }
}

function randomError(depth: number): Error {
  const message = randomString();
  const error = random.chance(0.2)
    ? new AggregateError([new Error('a'), new TypeError('b')], message)
    : new (random.pick([Error, TypeError, RangeError]))(message);
  if (random.chance(0.3)) (error as { cause?: unknown }).cause = depth < 3 ? randomValue(depth + 1) : error;
  if (random.chance(0.1)) Object.defineProperty(error, 'stack', { get: throwing });
  else if (random.chance(0.01)) error.stack = HUGE;
  return error;
}

/** A user callback (beforeSend, processor...) with a random behaviour. */
function randomCallback<T>(): (value: T) => unknown {
  const behaviour = random.int(8);
  return (value: T) => {
    switch (behaviour) {
      case 0: throw new Error('fuzz: callback bug');
      case 1: return null;
      case 2: return Promise.resolve(value);
      case 3: return Promise.reject(new Error('fuzz: async callback bug'));
      case 4: return randomValue();
      case 5: {
        const event = value as Record<string, unknown>;
        event.extra = { added: randomValue(), cyclic: event };
        event.tags = { big: BigInt(1) as unknown };
        return event;
      }
      default: return value;
    }
  };
}

interface Sink {
  events: number;
  failures: string[];
}

function checkingTransport(sink: Sink): () => Transport {
  const check = (envelope: Envelope): void => {
    const body = Faultline.serializeEnvelope(envelope);
    const [, items] = Faultline.parseEnvelope(body);
    for (const [headers, payload] of items) {
      if (headers.type !== 'event' && headers.type !== 'feedback') continue;
      sink.events++;
      if (!(typeof headers.length === 'number' && headers.length < ONE_MIB)) sink.failures.push(`event item of ${String(headers.length)} bytes`);
      if (typeof payload !== 'object' || payload === null) sink.failures.push('event payload is not a JSON object');
    }
  };
  return () => ({
    send: async (envelope) => {
      try {
        check(envelope);
      } catch (error) {
        sink.failures.push(`invalid envelope: ${String(error).slice(0, 2000)}`);
      }
      return { statusCode: 200 };
    },
    flush: async () => true,
  });
}

function init(sink: Sink): void {
  const options: Partial<ClientOptions> = {
    dsn: random.chance(0.05) ? randomString() : 'https://public@ingest.example.com/42',
    release: random.chance(0.8) ? 'fuzz@1.0.0' : undefined,
    transport: checkingTransport(sink),
    stackParser: Faultline.createStackParser(Faultline.v8StackLineParser),
    integrations: Faultline.getIntegrationsToSetup({
      defaultIntegrations: [Faultline.inboundFiltersIntegration(), Faultline.dedupeIntegration(), Faultline.linkedErrorsIntegration()],
      integrations: random.chance(0.5) ? [{ name: 'FuzzProcessor', processEvent: randomCallback<Event>() as never }] : [],
    }),
    sampleRate: random.pick([1, 1, 0.5, 0, 2, NaN]),
    maxBreadcrumbs: random.pick([100, 5, 0, -1]),
    attachStacktrace: random.chance(0.5),
    sendDefaultPii: random.chance(0.5),
    normalizeDepth: random.pick([3, 10, 0]),
    maxValueLength: random.pick([250, 10, 100_000]),
    beforeSend: random.chance(0.7) ? (randomCallback<Event>() as never) : undefined,
    beforeBreadcrumb: random.chance(0.5) ? (randomCallback() as never) : undefined,
    initialScope: random.chance(0.2) ? (randomValue() as never) : undefined,
    debug: false,
  };
  Faultline.initAndBind(options as ClientOptions);
  Faultline.logger.disable();
}

const SCOPE_METHODS: Array<(scope: Scope) => unknown> = [
  (scope) => scope.setTag(random.pick(KEYS), randomValue() as never),
  (scope) => scope.setTags(randomValue() as never),
  (scope) => scope.setUser(randomValue() as never),
  (scope) => scope.setExtra(random.pick(KEYS), randomValue()),
  (scope) => scope.setExtras(randomValue() as never),
  (scope) => scope.setContext(random.pick(KEYS), randomValue() as never),
  (scope) => scope.setLevel(randomValue() as never),
  (scope) => scope.setFingerprint(randomValue() as never),
  (scope) => scope.setTransactionName(randomValue() as never),
  (scope) => scope.addBreadcrumb(randomValue() as never, randomValue() as never),
  (scope) => scope.addAttachment({ filename: 'a.txt', data: random.chance(0.5) ? 'text' : new Uint8Array(3) }),
  (scope) => scope.addEventProcessor(randomCallback<Event>() as never),
  (scope) => scope.update(randomValue() as never),
  (scope) => scope.clear(),
  (scope) => scope.clone(),
];

function randomCall(sink: Sink, depth = 0): unknown {
  switch (random.int(24)) {
    case 0: case 1: case 2: return Faultline.captureException(randomValue(), randomValue() as never);
    case 3: case 4: return Faultline.captureMessage(randomValue() as never, randomValue() as never);
    case 5: return Faultline.captureEvent(randomValue() as never, randomValue() as never);
    case 6: return Faultline.captureFeedback(random.chance(0.5) ? { message: randomString(), email: 'a@b.c' } : (randomValue() as never));
    case 7: case 8: return Faultline.addBreadcrumb(randomValue() as never, randomValue() as never);
    case 9: return Faultline.setUser(randomValue() as never);
    case 10: return Faultline.setTag(random.pick(KEYS), randomValue() as never);
    case 11: return Faultline.setTags(randomValue() as never);
    case 12: return Faultline.setExtra(random.pick(KEYS), randomValue());
    case 13: return Faultline.setExtras(randomValue() as never);
    case 14: return Faultline.setContext(random.pick(KEYS), randomValue() as never);
    case 15: return Faultline.withScope((scope) => (depth < 3 ? [random.pick(SCOPE_METHODS)(scope), randomCall(sink, depth + 1)] : undefined));
    case 16: return Faultline.withIsolationScope(() => (depth < 3 ? randomCall(sink, depth + 1) : undefined));
    case 17: return random.pick(SCOPE_METHODS)(random.pick([Faultline.getCurrentScope, Faultline.getIsolationScope, Faultline.getGlobalScope])());
    case 18: return Faultline.lastEventId();
    case 19: return random.pick([Faultline.startSession, Faultline.endSession, Faultline.captureSession])(randomValue() as never);
    case 20: return Faultline.flush(random.pick([0, 10, randomValue()]) as never);
    case 21: return random.chance(0.005) ? Faultline.close(0) : Faultline.getClient();
    case 22: return random.chance(0.05) ? init(sink) : undefined;
    default: return Faultline.captureException(randomError(0));
  }
}

describe('public API fuzz', () => {
  afterAll(resetGlobals);

  it(`survives ${CALLS} random calls; every sent event is valid JSON under 1 MiB`, async () => {
    resetGlobals();
    const sink: Sink = { events: 0, failures: [] };
    const escaped: string[] = [];
    init(sink);
    for (let call = 0; call < CALLS; call++) {
      try {
        randomCall(sink);
      } catch (error) {
        escaped.push(`call ${call}: ${String((error as Error)?.stack ?? error).slice(0, 2000)}`);
      }
      if (call % 2000 === 0) {
        await Faultline.getClient()?.flush(1000);
        // Start over now and then with fresh scopes and options, as a new page load would.
        if (call % 10_000 === 0) {
          resetGlobals();
          init(sink);
        }
      }
    }
    await Faultline.getClient()?.flush(1000);
    expect(escaped.slice(0, 5)).toEqual([]);
    expect(sink.failures.slice(0, 5)).toEqual([]);
    expect(sink.events).toBeGreaterThan(1000);
  }, 120_000);
});
