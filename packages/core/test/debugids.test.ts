import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDebugImages } from '../src/debugids';
import { linkedErrorsIntegration } from '../src/integrations/index';
import { logger } from '../src/logger';
import type { ClientOptions, Event, StackParser } from '../src/types';
import { createTestClient, resetGlobals, testStackParser } from './helpers';

const APP = 'https://cdn.example/assets/app.min.js';
const CHUNK = 'https://cdn.example/assets/chunk-7.min.js';
const APP_ID = 'c941d872-af1f-4f0c-a7ff-ad3d295fe153';
const CHUNK_ID = '8bd5f0a3-16e2-4a4e-9a0c-3b3c6ad2b6f1';

type Registry = Record<string, unknown>;
const global = globalThis as { _sentryDebugIds?: Registry; _debugIds?: Registry };

/** What `new Error().stack` reads inside an injected snippet on line 1 of `file`, loaded by `loader`. */
const snippetStack = (file: string, loader = 'https://cdn.example/assets/runtime.js') =>
  `Error\n    at ${file}:1:27\n    at load (${loader}:2:410)`;

/** An error thrown in `files`, innermost last in the list (as frames are ordered). */
function errorIn(message: string, ...files: string[]): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n${files.map((file, i) => `    at f${i} (${file}:3:${i + 1})`).reverse().join('\n')}`;
  return error;
}

/** A fresh parser per test: the cache is per parser, so tests do not share it. */
const freshParser = (): StackParser => vi.fn((stack: string) => testStackParser(stack));

async function capture(options: Partial<ClientOptions>, ...errors: unknown[]): Promise<Event[]> {
  const test = createTestClient({ stackParser: freshParser(), ...options });
  for (const error of errors) test.client.captureException(error);
  await test.client.flush(1000);
  return test.events();
}

describe('debug ids', () => {
  beforeEach(resetGlobals);
  afterEach(() => {
    delete global._sentryDebugIds;
    delete global._debugIds;
    vi.restoreAllMocks();
    logger.disable();
  });

  it('sends one sourcemap image per file of the stack that registered a debug id', async () => {
    global._sentryDebugIds = { [snippetStack(APP)]: APP_ID, [snippetStack(CHUNK)]: CHUNK_ID };
    const [event] = await capture({}, errorIn('boom', APP, 'https://cdn.example/vendor.js', CHUNK, APP));
    expect(event.debug_meta).toEqual({
      images: [
        { type: 'sourcemap', code_file: APP, debug_id: APP_ID },
        { type: 'sourcemap', code_file: CHUNK, debug_id: CHUNK_ID },
      ],
    });
    // The server reads ids from the images only: frames keep their usual fields.
    for (const frame of event.exception!.values![0].stacktrace!.frames!) expect(frame).not.toHaveProperty('debug_id');
  });

  it('takes the file of the innermost frame of a registry key, not the loader that ran it', async () => {
    global._sentryDebugIds = { [snippetStack(CHUNK, APP)]: CHUNK_ID };
    const [event] = await capture({}, errorIn('boom', APP, CHUNK));
    expect(event.debug_meta?.images).toEqual([{ type: 'sourcemap', code_file: CHUNK, debug_id: CHUNK_ID }]);
  });

  it('sends no debug_meta without a registry, or when no frame is in a registered file', async () => {
    const [plain] = await capture({}, errorIn('boom', APP));
    expect(plain).not.toHaveProperty('debug_meta');
    global._sentryDebugIds = { [snippetStack(CHUNK)]: CHUNK_ID };
    const [other] = await capture({}, errorIn('boom', APP));
    expect(other).not.toHaveProperty('debug_meta');
  });

  it('reads the native _debugIds registry too', async () => {
    global._debugIds = { [snippetStack(APP)]: APP_ID };
    const [event] = await capture({}, errorIn('boom', APP));
    expect(event.debug_meta?.images).toEqual([{ type: 'sourcemap', code_file: APP, debug_id: APP_ID }]);
  });

  it('reads the registry again only when a chunk registers, and parses each key once', async () => {
    const stackParser = freshParser();
    let reads = 0;
    global._sentryDebugIds = {};
    Object.defineProperty(global._sentryDebugIds, snippetStack(APP), { enumerable: true, get: () => (reads++, APP_ID) });
    const test = createTestClient({ stackParser });
    test.client.captureException(errorIn('first', APP, CHUNK));
    test.client.captureException(errorIn('second', APP, CHUNK));
    expect(reads).toBe(1);
    global._sentryDebugIds[snippetStack(CHUNK)] = CHUNK_ID;
    test.client.captureException(errorIn('third', APP, CHUNK));
    await test.client.flush(1000);
    const images = test.events().map((event) => event.debug_meta?.images?.map((image) => image.code_file));
    expect(images).toEqual([[APP], [APP], [APP, CHUNK]]);
    const parsedKeys = vi.mocked(stackParser).mock.calls.map(([stack]) => stack).filter((stack) => stack.startsWith('Error\n'));
    expect(parsedKeys).toEqual([snippetStack(APP), snippetStack(CHUNK)]);
  });

  it('covers the frames of linked errors, and keeps images already on the event', async () => {
    global._sentryDebugIds = { [snippetStack(APP)]: APP_ID, [snippetStack(CHUNK)]: CHUNK_ID };
    const error = errorIn('outer', APP);
    error.cause = errorIn('inner', CHUNK);
    const [linked] = await capture({ integrations: [linkedErrorsIntegration()] }, error);
    expect(linked.debug_meta?.images?.map((image) => image.code_file).sort()).toEqual([APP, CHUNK].sort());

    const wasm = { type: 'wasm', code_file: 'https://cdn.example/a.wasm', debug_id: '11111111-2222-4333-8444-555555555555' };
    const test = createTestClient({ stackParser: freshParser() });
    test.client.captureEvent({
      exception: { values: [{ type: 'Error', value: 'x', stacktrace: { frames: [{ filename: APP, lineno: 1 }] } }] },
      debug_meta: { images: [wasm] },
    });
    await test.client.flush(1000);
    expect(test.events()[0].debug_meta?.images).toEqual([wasm, { type: 'sourcemap', code_file: APP, debug_id: APP_ID }]);
  });

  it('finds a frame by abs_path too, and names the image by it, as Sentry does', () => {
    global._sentryDebugIds = { 'Error\n    at /srv/app/dist/server.js:1:27': APP_ID };
    const frames = [{ filename: 'dist/server.js', abs_path: '/srv/app/dist/server.js', lineno: 4 }];
    const event = withDebugImages({ exception: { values: [{ stacktrace: { frames } }] } }, freshParser());
    expect(event.debug_meta?.images).toEqual([{ type: 'sourcemap', code_file: '/srv/app/dist/server.js', debug_id: APP_ID }]);
    const threads = { values: [{ stacktrace: { frames } }] };
    expect(withDebugImages({ threads } as Event, freshParser()).debug_meta?.images).toHaveLength(1);
  });

  it('lets beforeSend see the images, and copies the event instead of changing it', async () => {
    global._sentryDebugIds = { [snippetStack(APP)]: APP_ID };
    const seen: unknown[] = [];
    await capture({ beforeSend: (event) => (seen.push(event.debug_meta), event) }, errorIn('boom', APP));
    expect(seen).toEqual([{ images: [{ type: 'sourcemap', code_file: APP, debug_id: APP_ID }] }]);

    const frozen = Object.freeze({ exception: Object.freeze({ values: [{ stacktrace: { frames: [{ filename: APP }] } }] }) });
    expect(withDebugImages(frozen, freshParser()).debug_meta?.images).toHaveLength(1);
    expect(frozen).not.toHaveProperty('debug_meta');
  });

  it('scrubs a code file as its frames are, so they still match, and never filters a debug id', async () => {
    const withToken = `${APP}?token=s3cr3t-value`;
    // A valid UUID whose first 16 hex digits are all decimal and pass Luhn: it looks like a card number.
    const cardLike = '40000028-1234-4123-9abc-def012345678';
    global._sentryDebugIds = { [snippetStack(withToken)]: cardLike };
    const [event] = await capture({}, errorIn('boom', withToken));
    const frames = event.exception!.values![0].stacktrace!.frames!;
    expect(frames[0].filename).toBe(`${APP}?token=[Filtered]`);
    expect(event.debug_meta?.images).toEqual([{ type: 'sourcemap', code_file: frames[0].filename, debug_id: cardLike }]);
  });

  describe('never breaks the app on a hostile registry', () => {
    const hostile: Array<[string, () => void]> = [
      ['a Proxy whose keys throw', () => {
        global._sentryDebugIds = new Proxy({}, { ownKeys: () => { throw new Error('no keys'); } });
      }],
      ['a global getter that throws', () => {
        Object.defineProperty(globalThis, '_sentryDebugIds', { configurable: true, get: () => { throw new Error('no registry'); } });
      }],
      ['values that throw, are not strings, or are not UUIDs', () => {
        global._sentryDebugIds = {
          [snippetStack(APP)]: 42,
          [snippetStack(CHUNK)]: 'not-a-uuid',
          get [snippetStack('https://cdn.example/c.js')]() { throw new Error('getter'); },
        };
      }],
      ['null', () => {
        global._sentryDebugIds = null as never;
      }],
    ];

    it.each(hostile)('%s: the event arrives without debug_meta', async (name, install) => {
      install();
      const warn = vi.spyOn(logger, 'warn');
      const events = await capture({}, errorIn('boom', APP, CHUNK));
      expect(events).toHaveLength(1);
      expect(events[0]).not.toHaveProperty('debug_meta');
      expect(events[0].exception?.values?.[0].value).toBe('boom');
      if (name !== 'null') expect(warn).toHaveBeenCalled();
    });

    it('reads at most 1000 entries of a huge registry, keeps the valid ones and warns', async () => {
      const warn = vi.spyOn(logger, 'warn');
      const registry: Registry = { [snippetStack(APP)]: APP_ID };
      for (let i = 0; i < 5000; i++) registry[snippetStack(`https://cdn.example/f${i}.js`)] = CHUNK_ID;
      global._sentryDebugIds = registry;
      const stackParser = freshParser();
      const [event] = await capture({ stackParser }, errorIn('boom', APP, 'https://cdn.example/f4999.js'));
      expect(event.debug_meta?.images).toEqual([{ type: 'sourcemap', code_file: APP, debug_id: APP_ID }]);
      expect(vi.mocked(stackParser).mock.calls.length).toBeLessThanOrEqual(1001);
      expect(warn).toHaveBeenCalledWith('4001 debug id entries ignored: not a UUID, unreadable, or over 1000.');
    });
  });
});
