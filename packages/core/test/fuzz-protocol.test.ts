// Random and mutated input to the protocol parsers: they may only throw their documented
// error, and must not hang (the test timeout is the guard). Seeded, so a failure reproduces:
// the failing seed and input are in the assertion message.
import { describe, expect, it } from 'vitest';
import { DsnError, dsnToString, parseDsn } from '../src/dsn';
import { createEnvelope, EnvelopeError, parseEnvelope, serializeEnvelope } from '../src/envelope';
import { isRateLimited, updateRateLimits } from '../src/ratelimit';

const ITERATIONS = 3000;

/** mulberry32: small, fast, good enough to pick test input. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRandom(seed: number) {
  const next = prng(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const stringFrom = (alphabet: string, maxLength: number) => {
    let text = '';
    for (let i = int(maxLength + 1); i > 0; i--) text += alphabet[int(alphabet.length)];
    return text;
  };
  /** Inserts, deletes, replaces or repeats a slice of `text`, a few times. */
  const mutate = (text: string, alphabet: string) => {
    let result = text;
    for (let n = 1 + int(4); n > 0; n--) {
      const at = int(result.length + 1);
      const op = int(5);
      if (op === 0) result = result.slice(0, at) + stringFrom(alphabet, 4) + result.slice(at);
      else if (op === 1) result = result.slice(0, at) + result.slice(at + 1 + int(4));
      else if (op === 2) result = result.slice(0, at) + pick([...alphabet]) + result.slice(at + 1);
      else if (op === 3) result = result.slice(0, at) + result.slice(at, at + 1 + int(6)).repeat(1 + int(2000)) + result.slice(at);
      else result = result.slice(0, at);
    }
    return result;
  };
  return { next, int, pick, stringFrom, mutate };
}

/** Runs `check`; any throw but `allowed` (none when absent) fails and names the input. */
function expectOnly(allowed: (new (...args: never[]) => Error) | undefined, input: unknown, seed: number, check: () => void) {
  try {
    check();
  } catch (error) {
    if (!(allowed && error instanceof allowed)) {
      const shown = typeof input === 'string' ? input.slice(0, 200) : String(input).slice(0, 200);
      expect.fail(`seed ${seed}: ${String(error)} for input ${JSON.stringify(shown)}`);
    }
  }
}

describe('fuzz parseDsn', () => {
  const valid = [
    'https://abc@o1.ingest.example.com/42',
    'http://pub:sec@localhost:9000/sub/path/7',
    'http://k@[::1]:7755/1',
    'https://k@[2001:db8::1]/3',
  ];
  const alphabet = 'htps:/@[]:.%?#-_0123456789abcXYZ é\n\t"\'\\';

  it('throws only DsnError, and what it accepts formats back to itself', () => {
    const seed = 0xd5a;
    const random = makeRandom(seed);
    for (let i = 0; i < ITERATIONS; i++) {
      const input = i % 3 === 0 ? random.stringFrom(alphabet, 60) : random.mutate(random.pick(valid), alphabet);
      expectOnly(DsnError, input, seed, () => {
        const dsn = parseDsn(input);
        expect(parseDsn(dsnToString(dsn, { withSecret: true }))).toEqual(dsn);
      });
    }
  });

  it('stays linear on long adversarial input', () => {
    const adversarial = [
      `https://k@host${'/'.repeat(200_000)}a/1`,
      `https://${'@'.repeat(200_000)}host/1`,
      `https://k@[${':'.repeat(200_000)}/1`,
      `https://k@${'a.'.repeat(100_000)}:${'9'.repeat(100_000)}/1`,
      `${'h'.repeat(200_000)}://`,
      `https://k@host/${'1'.repeat(200_000)}x`,
    ];
    for (const input of adversarial) expectOnly(DsnError, input, 0, () => parseDsn(input));
  });
});

describe('fuzz parseEnvelope', () => {
  const encoder = new TextEncoder();
  const samples = [
    createEnvelope({ event_id: 'e', sdk: { name: 'faultline', version: '0.1.0' } }, [
      [{ type: 'event' }, { message: 'héllo 😀', extra: { list: [1, null, true] } }],
      [{ type: 'attachment', filename: 'a.txt' }, 'line1\nline2'],
    ]),
    createEnvelope({}, [
      [{ type: 'session' }, { sid: 's', status: 'ok' }],
      [{ type: 'client_report' }, { timestamp: 1, discarded_events: [] }],
    ]),
    createEnvelope({}, [[{ type: 'attachment' }, Uint8Array.from({ length: 64 }, (_, i) => i * 4)]]),
  ].map((envelope) => {
    const body = serializeEnvelope(envelope);
    return typeof body === 'string' ? body : new TextDecoder().decode(body);
  });
  const alphabet = '{}[]":,\n\r 0123456789-.elngthtype\\u00é😀';

  const checkRoundTrip = (input: string | Uint8Array) => {
    // Whatever parses must serialize, and re-parsing that must be stable.
    const once = serializeEnvelope(parseEnvelope(input));
    const twice = serializeEnvelope(parseEnvelope(once));
    // Compared as a whole: element-wise toEqual on large byte arrays is slow.
    const same = typeof once === 'string' ? once === twice : twice instanceof Uint8Array && Buffer.from(once).equals(twice);
    if (!same) expect.fail('serialize(parse(x)) is not stable');
  };

  it('throws only EnvelopeError on mutated envelopes', () => {
    const seed = 0xe4e;
    const random = makeRandom(seed);
    for (let i = 0; i < ITERATIONS; i++) {
      const input = random.mutate(random.pick(samples), alphabet);
      expectOnly(EnvelopeError, input, seed, () => checkRoundTrip(input));
    }
  });

  it('throws only EnvelopeError on random bytes', () => {
    const seed = 0xb17e5;
    const random = makeRandom(seed);
    for (let i = 0; i < ITERATIONS; i++) {
      const prefix = random.int(2) === 0 ? encoder.encode(random.pick(samples).slice(0, random.int(80))) : new Uint8Array(0);
      const tail = Uint8Array.from({ length: random.int(120) }, () => random.int(256));
      const input = new Uint8Array([...prefix, ...tail]);
      expectOnly(EnvelopeError, input, seed, () => checkRoundTrip(input));
    }
  });

  it('handles huge lengths and many tiny items without hanging', () => {
    const inputs = [
      `{}\n{"type":"attachment","length":${Number.MAX_SAFE_INTEGER}}\nabc`,
      `{}\n{"type":"attachment","length":1e308}\nabc`,
      `{}\n${'{"type":"x"}\n\n'.repeat(20_000)}`,
      `{}\n${'\n'.repeat(500_000)}`,
      `{}\n{"type":"event"}\n${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    ];
    for (const input of inputs) expectOnly(EnvelopeError, input.slice(0, 40), 0, () => checkRoundTrip(input));
  });
});

describe('fuzz updateRateLimits', () => {
  const alphabet = '0123456789.:;, -eE+abcdefghijklmnopqrstuvwxyz_';
  const headers = ['60:error;attachment:organization:quota', '10::key', '2.5:session:project:reason:custom', 'Infinity:error'];

  it('never throws and only stores numbers', () => {
    const seed = 0x4a7e;
    const random = makeRandom(seed);
    const now = 1_700_000_000_000;
    let limits = {};
    for (let i = 0; i < ITERATIONS; i++) {
      const value = random.int(2) === 0 ? random.stringFrom(alphabet, 80) : random.mutate(random.pick(headers), alphabet);
      const response = {
        statusCode: random.pick([200, 429, 500, undefined, -1, NaN]),
        headers: {
          'x-sentry-rate-limits': random.pick([value, undefined, null, '']),
          'retry-after': random.pick([value, '30', 'Wed, 21 Oct 2015 07:28:00 GMT', undefined]),
        },
      };
      expectOnly(undefined, value, seed, () => {
        limits = updateRateLimits(limits, response, now + i);
        const values = Object.values(limits);
        if (!values.every((until) => typeof until === 'number')) expect.fail(`non-number limit in ${JSON.stringify(limits)}`);
        const limited = isRateLimited(limits, random.pick(['error', 'session', 'toString', '__proto__']), now);
        if (typeof limited !== 'boolean') expect.fail('isRateLimited did not return a boolean');
      });
    }
  });

  it('stays linear on a huge header', () => {
    const header = `${'1:'.repeat(100_000)}${';'.repeat(100_000)},`.repeat(3);
    expect(() => updateRateLimits({}, { statusCode: 200, headers: { 'x-sentry-rate-limits': header } })).not.toThrow();
  });
});
