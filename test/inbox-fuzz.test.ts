// Fuzzing the inbox over raw sockets: random and mutated paths, headers and bodies.
// Every malformed request gets a 4xx, the server keeps serving, and nothing is stored
// half-way: the files on disk are exactly the bodies that got a 200.
// A failure prints its seed; rerun with FUZZ_SEED=<seed> to replay it.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createEnvelope, parseEnvelope, serializeEnvelope } from '@faultline/core';
import { startInbox, type Inbox } from '@faultline/inbox';
import { runCli, stopCli, waitForDsn } from '../packages/inbox/test/cliprocess';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const ROUNDS = 150;

/** mulberry32: small, seedable, good enough to pick mutations. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

let inbox: Inbox;
afterEach(async () => {
  await inbox?.close();
});

function validEnvelope(index = 0): Buffer {
  const event = {
    event_id: index.toString(16).padStart(32, '0'),
    platform: 'javascript',
    level: 'error',
    timestamp: 1764324000 + index,
    exception: { values: [{ type: 'Error', value: `boom ${index}`, stacktrace: { frames: [{ filename: 'app.js', lineno: 3 }] } }] },
  };
  const envelope = createEnvelope({ event_id: event.event_id, sent_at: '2025-11-28T10:00:00.000Z' }, [
    [{ type: 'event' }, event],
    [{ type: 'attachment', filename: 'a.txt' }, 'hello'],
  ]);
  return Buffer.from(serializeEnvelope(envelope));
}

interface RawAnswer {
  status?: number;
  text: string;
}

/** Sends bytes as they are and reads until the server closes; fails if it never answers. */
function sendRaw(port: number, bytes: Buffer, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms (seed ${SEED})`));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer is fine
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), text });
    });
    // No half-close: a Node server drops a request whose client already ended its side.
    socket.write(bytes);
  });
}

function request(method: string, target: string, headers: Array<[string, string]>, body: Buffer): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

function authedPost(path: string, body: Buffer, headers: Array<[string, string]> = []): Buffer {
  return request('POST', `${path}?sentry_key=${inbox.key}`, [['Content-Length', String(body.length)], ...headers], body);
}

/** 1 to 4 random edits of the bytes. */
function mutate(rng: Random, input: Buffer): Buffer {
  let bytes = Buffer.from(input);
  const specials = [0x0a, 0x7b, 0x7d, 0x22, 0x3a, 0x30, 0x39, 0x2d, 0x00, 0xff, 0x20, 0x5c];
  for (let edits = rng.int(1, 4); edits > 0; edits--) {
    const at = rng.int(0, Math.max(0, bytes.length - 1));
    switch (rng.int(0, 5)) {
      case 0:
        bytes[at] ^= 1 << rng.int(0, 7);
        break;
      case 1:
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([rng.pick(specials)]), bytes.subarray(at)]);
        break;
      case 2:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + rng.int(1, 20))]);
        break;
      case 3:
        bytes = bytes.subarray(0, at);
        break;
      case 4: {
        const end = Math.min(bytes.length, at + rng.int(1, 60));
        bytes = Buffer.concat([bytes, bytes.subarray(at, end)]);
        break;
      }
      default: {
        const text = bytes.toString('latin1');
        const numbers = [...text.matchAll(/\d+/g)];
        if (numbers.length === 0) break;
        const { index = 0, 0: digits } = rng.pick(numbers);
        const replacement = String(rng.pick([0, 1, -1, 99999999999, rng.int(0, 500), Number(digits) + 1]));
        bytes = Buffer.from(text.slice(0, index) + replacement + text.slice(index + digits.length), 'latin1');
      }
    }
  }
  return bytes;
}

async function expectStillServing(): Promise<void> {
  const answer = await sendRaw(inbox.port, authedPost('/api/1/envelope/', validEnvelope(999)));
  expect(answer.status, `seed ${SEED}`).toBe(200);
}

/** The stored files are exactly `accepted` bodies, each whole, and no temp file is left. */
async function expectOnlyWholeEnvelopesStored(accepted: Buffer[]): Promise<void> {
  const folder = join(inbox.dataDir, 'envelopes');
  const files = await Promise.all((await readdir(folder)).sort().map((name) => readFile(join(folder, name))));
  expect(files.map((file) => file.toString('latin1')), `seed ${SEED}`).toEqual(accepted.map((body) => body.toString('latin1')));
  for (const file of files) expect(() => parseEnvelope(file)).not.toThrow();
  expect(await readdir(join(inbox.dataDir, 'tmp'))).toEqual([]);
}

describe(`inbox fuzz (seed ${SEED})`, () => {
  it('answers 4xx to mutated paths, 200 only where the route is right', async () => {
    const rng = random(SEED);
    inbox = await startInbox({ quiet: true });
    const alphabet = ['/', '.', '%', '%2e', '%2F', 'a', '0', '9', '-', '~', '..', '\\', '@', ';', ':', 'é', '%00', 'api', 'envelope'];
    for (let round = 0; round < ROUNDS; round++) {
      let path = '/api/1/envelope/';
      for (let edits = rng.int(1, 3); edits > 0; edits--) {
        const at = rng.int(0, path.length);
        const removed = rng.int(0, 3);
        path = path.slice(0, at) + rng.pick(alphabet) + path.slice(at + removed);
      }
      const target = encodeURI(path).replace(/%25/g, '%');
      const { status } = await sendRaw(inbox.port, authedPost(target, validEnvelope(round)));
      const ingestRoute = /^\/api\/\d{1,16}\/envelope\/?$/.test(target);
      const context = `${target} (seed ${SEED})`;
      if (ingestRoute) expect(status, context).toBe(200);
      else expect(status! >= 400 && status! < 500, `${status} for ${context}`).toBe(true);
    }
    await expectStillServing();
  });

  it('answers 4xx to requests with broken headers', async () => {
    const rng = random(SEED + 1);
    inbox = await startInbox({ quiet: true });
    const body = validEnvelope();
    const breakers: Array<() => Buffer> = [
      () => request('POST', '/api/1/envelope/', [['X-Sentry-Auth', `Sentry sentry_key=${rng.pick(['', 'x', '\u00ff', inbox.key + 'x'])}`], ['Content-Length', String(body.length)]], body),
      () => request('POST', '/api/1/envelope/', [['X-Sentry-Auth', rng.pick(['', 'Sentry', '=,=,', 'sentry_key', 'Bearer abc'])], ['Content-Length', String(body.length)]], body),
      () => authedPost('/api/1/envelope/', body, [['Content-Encoding', rng.pick(['gzip', 'br', 'deflate', 'zstd', 'gzip, gzip', 'x'.repeat(300)])]]),
      () => authedPost('/api/1/envelope/', body, [['Content-Length', String(body.length)]]), // twice: ambiguous framing
      () => authedPost('/api/1/envelope/', body, [['Bad Header', 'x']]),
      () => authedPost('/api/1/envelope/', body, [['X-Control', 'a\u0001b']]),
      () => request('POST', `/api/1/envelope/?sentry_key=${inbox.key}`, [['Transfer-Encoding', 'chunked']], Buffer.from('zz\r\nnot hex\r\n0\r\n\r\n')),
      () => request('POST', `/api/1/envelope/?sentry_key=${inbox.key}`, [['Content-Length', '-5']], body),
      () => request('POST', `/api/1/envelope/?sentry_key=${inbox.key}`, [['Content-Length', '99999999999']], Buffer.alloc(0)),
      () => request(rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'FOO']), `/api/1/envelope/?sentry_key=${inbox.key}`, [['Content-Length', String(body.length)]], body),
      () => request('POST', `/api/1/envelope/?sentry_key=${inbox.key}`, [['Host', 'a'], ['Host', 'b'], ['Content-Length', String(body.length)]], body),
    ];
    for (let round = 0; round < ROUNDS; round++) {
      const index = rng.int(0, breakers.length - 1);
      const noise: Array<[string, string]> = [[`X-Noise-${rng.int(0, 9)}`, String(rng.next())]];
      const bytes = breakers[index]();
      const withNoise = Buffer.concat([Buffer.from(`${noise[0][0]}: ${noise[0][1]}\r\n`), bytes]);
      const { status } = await sendRaw(inbox.port, rng.next() < 0.5 ? bytes : injectHeader(bytes, withNoise));
      expect(status! >= 400 && status! < 500, `breaker ${index} got ${status} (seed ${SEED})`).toBe(true);
    }
    expect(inbox.envelopes()).toEqual([]);
    await expectStillServing();
  });

  it('answers 200 or 4xx to mutated bodies and stores exactly the accepted ones, whole', async () => {
    const rng = random(SEED + 2);
    inbox = await startInbox({ quiet: true });
    const accepted: Buffer[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const plain = mutate(rng, validEnvelope(round));
      const gzipped = rng.next() < 0.3;
      const sent = gzipped ? (rng.next() < 0.5 ? mutate(rng, gzipSync(plain)) : gzipSync(plain)) : plain;
      const headers: Array<[string, string]> = gzipped ? [['Content-Encoding', 'gzip']] : [];
      const { status } = await sendRaw(inbox.port, authedPost('/api/1/envelope/', sent, headers));
      expect(status === 200 || (status! >= 400 && status! < 500), `${status} (seed ${SEED}, round ${round})`).toBe(true);
      if (status === 200) accepted.push(gzipped ? Buffer.from(inbox.envelopes().at(-1)!.body) : plain);
    }
    await expectOnlyWholeEnvelopesStored(accepted);
    await expectStillServing();
  });

  it('answers 4xx to random bytes, as a body and as a whole request', async () => {
    const rng = random(SEED + 3);
    inbox = await startInbox({ quiet: true });
    for (let round = 0; round < ROUNDS; round++) {
      const noise = Buffer.from(Array.from({ length: rng.int(0, 2000) }, () => rng.int(0, 255)));
      const path = rng.pick(['/api/1/envelope/', '/api/1/store/']);
      const asBody = await sendRaw(inbox.port, authedPost(path, noise));
      expect(asBody.status! >= 400 && asBody.status! < 500, `body: ${asBody.status} (seed ${SEED})`).toBe(true);
      // Blank lines before a request are allowed and wait for one: not a request to answer.
      if (/^[\r\n]*$/.test(noise.toString('latin1'))) continue;
      const asRequest = await sendRaw(inbox.port, Buffer.concat([noise, Buffer.from('\r\n\r\n')]));
      // The HTTP parser refuses garbage with a 4xx, or the line happens to parse as a request.
      expect(asRequest.status === undefined || asRequest.status < 500, `raw: ${asRequest.text.slice(0, 80)} (seed ${SEED})`).toBe(true);
    }
    expect(inbox.envelopes()).toEqual([]);
    await expectStillServing();
  });
});

describe('decompression bomb', () => {
  /** Peak resident memory of a process so far, in bytes (Linux). */
  async function peakMemory(pid: number): Promise<number> {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]) * 1024;
  }

  it('answers 413 to 4 MiB of gzip that inflates to 4 GiB, and the inbox process stays small', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'inbox-bomb-'));
    const run = runCli(['--port', '0', '--data', join(folder, 'data'), '--quiet']);
    try {
      const { url, key } = await waitForDsn(run);
      const post = (body: Buffer, headers: Record<string, string> = {}) =>
        fetch(`${url}/api/1/envelope/?sentry_key=${key}`, { method: 'POST', body: new Uint8Array(body), headers });
      expect((await post(validEnvelope())).status).toBe(200);
      const before = await peakMemory(run.child.pid!);

      // 64 gzip members of 64 MiB of zeros each: one body, 4 GiB once inflated.
      const member = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
      const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
      expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
      const response = await post(bomb, { 'Content-Encoding': 'gzip' });
      expect(response.status).toBe(413);
      expect(response.headers.get('x-sentry-error')).toBe('the body is larger than 20971520 bytes');

      // Inflating it all would take 4 GiB; stopping at the 20 MiB limit takes about that.
      const growth = (await peakMemory(run.child.pid!)) - before;
      expect(growth).toBeLessThan(128 * 1024 * 1024);
      expect((await post(validEnvelope(1))).status).toBe(200);
      expect(await readdir(join(folder, 'data', 'envelopes'))).toHaveLength(2);
    } finally {
      await stopCli(run);
      await rm(folder, { recursive: true, force: true });
    }
  });
});

/** Puts the noise header line right after the request line. */
function injectHeader(bytes: Buffer, withNoise: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const firstLineEnd = text.indexOf('\r\n') + 2;
  const noiseLine = withNoise.toString('latin1').split('\r\n')[0];
  return Buffer.from(`${text.slice(0, firstLineEnd)}${noiseLine}\r\n${text.slice(firstLineEnd)}`, 'latin1');
}
