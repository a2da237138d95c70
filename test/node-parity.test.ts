// Event parity with @sentry/node (from the bench workspace): the same small app runs once
// with each SDK against the inbox, and what a Sentry user would see of the two is compared.
// Differences we keep on purpose (we scrub more, send no tracing data) are not asserted.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import type { Event, Exception } from '@faultline/core';
import { assertBuilt, REPO_ROOT, runNode } from './helpers/node';

type Sdk = 'sentry' | 'faultline';

const SDK_PATHS: Record<Sdk, string> = {
  sentry: createRequire(`${REPO_ROOT}bench/package.json`).resolve('@sentry/node'),
  faultline: `${REPO_ROOT}packages/node/dist/index.cjs`,
};

// CommonJS, so both SDKs are loaded before node:http without a preload flag.
const APP = `const S = require(process.env.PARITY_SDK_PATH);
S.init({ dsn: process.env.PARITY_DSN, release: 'parity@1.0.0', environment: process.env.PARITY_ENV });
function makeChain() {
  const root = new RangeError('root cause');
  return new Error('outer', { cause: root });
}
function crash() { throw new TypeError('uncaught boom'); }
const scenario = process.env.PARITY_SCENARIO;
if (scenario === 'uncaught') setTimeout(crash, 10);
if (scenario === 'rejection') Promise.reject(new Error('rejected boom'));
if (scenario !== 'uncaught') setTimeout(() => S.close(3000), 300);
// The last line: its frame has no line after it.
if (scenario === 'handled') S.captureException(makeChain());
`;

// Fastify, required after init as Sentry's setup guide says; the route throws.
const FASTIFY_APP = `const S = require(process.env.PARITY_SDK_PATH);
S.init({ dsn: process.env.PARITY_DSN, release: 'parity@1.0.0', environment: process.env.PARITY_ENV });
const app = require(process.env.PARITY_FASTIFY_PATH)();
S.setupFastifyErrorHandler(app);
app.get('/items/:id', async () => { throw new Error('route failed'); });
app.listen({ port: 0, host: '127.0.0.1' }).then(async () => {
  await fetch('http://127.0.0.1:' + app.server.address().port + '/items/3?tab=a');
  await app.close();
  await S.close(3000);
});
`;

let inbox: Inbox;
let folder: string;
let script: string;
let runs = 0;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
  folder = mkdtempSync(join(tmpdir(), 'faultline-parity-'));
  script = join(folder, 'app.cjs');
  writeFileSync(script, APP);
  writeFileSync(join(folder, 'fastify.cjs'), FASTIFY_APP);
});
afterAll(async () => {
  await inbox.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Runs the app with `sdk`; resolves with the events and session items it sent. */
async function runWith(sdk: Sdk, scenario: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; events: Event[]; sessions: Array<Record<string, unknown>> }> {
  const environment = `parity-${scenario}-${sdk}-${++runs}`;
  const app = scenario === 'fastify' ? join(folder, 'fastify.cjs') : script;
  const run = await runNode(app, {
    env: {
      PARITY_SDK_PATH: SDK_PATHS[sdk],
      PARITY_FASTIFY_PATH: createRequire(`${REPO_ROOT}package.json`).resolve('fastify'),
      PARITY_DSN: inbox.dsn,
      PARITY_ENV: environment,
      PARITY_SCENARIO: scenario,
      ...extraEnv,
    },
    cwd: folder,
  });
  const items = inbox.envelopes().flatMap((envelope) => envelope.items);
  const payloads = (type: string): Array<Record<string, unknown>> =>
    items.filter(([header]) => header.type === type).map(([, payload]) => payload as Record<string, unknown>);
  const events = (payloads('event') as Event[]).filter((event) => event.environment === environment);
  const sessions = payloads('session').filter((session) => (session.attrs as { environment?: string })?.environment === environment);
  return { code: run.code, events, sessions };
}

async function runBoth(scenario: string, extraEnv: Record<string, string> = {}) {
  const sentry = await runWith('sentry', scenario, extraEnv);
  const faultline = await runWith('faultline', scenario, extraEnv);
  expect(sentry.events).toHaveLength(1);
  expect(faultline.events).toHaveLength(1);
  return { sentry, faultline, s: sentry.events[0], f: faultline.events[0] };
}

const mechanisms = (event: Event) => event.exception?.values?.map((value: Exception) => value.mechanism);

describe('parity with @sentry/node', () => {
  it('an uncaught exception: same exit, level, mechanism and crashed session', async () => {
    const { sentry, faultline, s, f } = await runBoth('uncaught');
    expect(faultline.code).toBe(sentry.code);
    expect(f.level).toBe(s.level);
    expect(mechanisms(f)).toEqual(mechanisms(s));
    expect(faultline.sessions.map((session) => session.status)).toEqual(sentry.sessions.map((session) => session.status));
  }, 30_000);

  it('an unhandled rejection: same level, mechanism and extra', async () => {
    const { sentry, faultline, s, f } = await runBoth('rejection');
    expect(faultline.code).toBe(sentry.code);
    expect(f.level).toBe(s.level);
    expect(mechanisms(f)).toEqual(mechanisms(s));
    expect(f.extra).toEqual(s.extra);
  }, 30_000);

  it('a handled error with a cause: same exceptions, mechanisms and frames', async () => {
    const { s, f } = await runBoth('handled');
    const values = (event: Event) =>
      event.exception?.values?.map(({ type, value, mechanism, stacktrace }) => ({
        type,
        value,
        mechanism,
        frames: stacktrace?.frames?.map((frame) => ({
          filename: frame.filename,
          module: frame.module,
          // Deliberate: we keep V8's `<anonymous>` where Sentry writes `?`.
          function: frame.function?.replace('<anonymous>', '?'),
          lineno: frame.lineno,
          colno: frame.colno,
          in_app: frame.in_app,
          pre_context: frame.pre_context,
          context_line: frame.context_line,
          post_context: frame.post_context,
        })),
      }));
    expect(values(f)).toEqual(values(s));
    expect(f.level).toBe(s.level);
  }, 30_000);

  it('contexts: every value Sentry sends in os, runtime, device, culture and cloud_resource is there, none is "[undefined]"', async () => {
    // On Fly.io, so the cloud_resource context is there too.
    const { s, f } = await runBoth('handled', { FLY_REGION: 'ams' });
    expect(f.contexts?.cloud_resource).toEqual(s.contexts?.cloud_resource);
    for (const name of ['os', 'runtime', 'device', 'culture', 'app', 'cloud_resource']) {
      const ours = f.contexts?.[name] ?? {};
      expect(Object.values(ours)).not.toContain('[undefined]');
      for (const [key, value] of Object.entries(s.contexts?.[name] ?? {})) {
        // A 0 MHz CPU is unknown; Sentry sends the 0, we leave it out. free_memory is in device.
        if ((key === 'processor_frequency' && value === 0) || (name === 'app' && key === 'free_memory')) continue;
        expect(ours, `contexts.${name}.${key}`).toHaveProperty(key);
      }
    }
  }, 30_000);

  it('a Fastify route that throws: same mechanism and transaction (the route, not the path)', async () => {
    const { s, f } = await runBoth('fastify');
    expect(mechanisms(f)).toEqual(mechanisms(s));
    expect(f.transaction).toBe(s.transaction);
    expect(f.transaction).toBe('GET /items/:id');
    expect(f.request?.query_string).toBe(s.request?.query_string);
  }, 30_000);
});
