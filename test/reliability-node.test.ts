// Fault injection against real Node processes: the inbox answers 500s, 503 with
// Retry-After, 429 with per-category limits, resets, answers too slowly or is not there at
// all, and processes crash or close while it is down. Every test checks the ledger: each
// captured item is stored by the inbox or counted in a client report, none twice.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInbox } from '@faultline/inbox';
import type { Inbox, InboxOptions, ScriptedResponse } from '@faultline/inbox';
import { expectBalanced } from './helpers/ledger';
import { freePort } from './helpers/ports';
import { assertBuilt, nodeFixture, runNode } from './helpers/node';
import type { NodeRunResult } from './helpers/node';

const app = nodeFixture('reliability-app.mjs');
const KEY = 'reliability-test-key';
let cleanups: Array<() => unknown> = [];

beforeAll(() => assertBuilt());
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function inbox(options: InboxOptions = {}): Promise<Inbox> {
  const started = await startInbox({ port: 0, quiet: true, key: KEY, ...options });
  cleanups.push(() => started.close());
  return started;
}

function queueFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'faultline-reliability-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const dsnFor = (port: number): string => `http://${KEY}@127.0.0.1:${port}/1`;

function runApp(dsn: string, folder: string, env: Record<string, string | number> = {}): Promise<NodeRunResult> {
  const strings = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, String(value)]));
  return runNode(app, { env: { SENTRY_DSN: dsn, OFFLINE_PATH: folder, ...strings }, timeoutMs: 40_000 });
}

/** What a `drain` run printed; fails with its stderr when it did not finish cleanly. */
function drained(result: NodeRunResult): { captured: number; queued: string[] } {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

/** The first `count` ingest requests get `answer`, the rest the normal answer. */
const first = (count: number, answer: ScriptedResponse): ScriptedResponse[] => Array.from({ length: count }, () => answer);

describe('Node under faults: nothing lost, everything accounted for', () => {
  it('500s: retried with backoff until the server recovers', async () => {
    const server = await inbox({ respond: first(6, { status: 500 }) });
    const { captured, queued } = drained(await runApp(server.dsn, queueFolder(), { ERRORS: 10, FEEDBACK: 2 }));
    expect({ captured, queued }).toEqual({ captured: 12, queued: [] });
    expect(server.requests().filter((request) => request.status === 500)).toHaveLength(6);
    const ledger = expectBalanced(server, { error: 10, feedback: 2 });
    expect(ledger.counted).toEqual({});
  });

  it('503 with Retry-After: the envelope is not retried before the server said', async () => {
    const server = await inbox({ respond: [{ status: 503, headers: { 'Retry-After': '1' } }] });
    drained(await runApp(server.dsn, queueFolder(), { ERRORS: 1 }));
    const [refused, retried] = server.requests();
    expect(refused.status).toBe(503);
    expect(retried.status).toBe(200);
    expect(Date.parse(retried.received) - Date.parse(refused.received)).toBeGreaterThanOrEqual(1000);
    expect(Buffer.from(retried.body).toString()).toContain(JSON.parse(Buffer.from(refused.body).toString().split('\n')[0]).event_id);
    expectBalanced(server, { error: 1 });
  });

  it('429 with X-Sentry-Rate-Limits for errors: errors wait out the limit, counted; feedback keeps flowing', async () => {
    const limited = { status: 429, headers: { 'X-Sentry-Rate-Limits': '3:error:organization' } };
    const server = await inbox({ respond: [limited] });
    drained(await runApp(server.dsn, queueFolder(), { ERRORS: 6, FEEDBACK: 3, FIRST_ALONE: 1 }));
    const ledger = expectBalanced(server, { error: 6, feedback: 3 });
    expect(ledger.delivered).toEqual({ feedback: 3 });
    expect(ledger.counted).toEqual({ error: { ratelimit_backoff: 6 } });
    // Under the limit no error went out: one request for the first error, then feedback and the report.
    const withEvents = server.requests().filter((request) => Buffer.from(request.body).toString().includes('"type":"event"'));
    expect(withEvents).toHaveLength(1);
  });

  it('connection resets: retried until one goes through', async () => {
    const server = await inbox({ respond: first(6, { destroy: true }) });
    drained(await runApp(server.dsn, queueFolder(), { ERRORS: 8, FEEDBACK: 1 }));
    expect(server.requests().filter((request) => request.status === 0).length).toBeGreaterThanOrEqual(6);
    expect(expectBalanced(server, { error: 8, feedback: 1 }).counted).toEqual({});
  });

  it('a server slower than the timeout: timed-out envelopes are retried', async () => {
    const server = await inbox({ respond: first(3, { delayMs: 3000, store: false }) });
    drained(await runApp(server.dsn, queueFolder(), { ERRORS: 5, TIMEOUT_MS: 300 }));
    expect(expectBalanced(server, { error: 5 }).counted).toEqual({});
  });

  it('a refused port: kept until a server listens there', async () => {
    const port = await freePort();
    const running = runApp(dsnFor(port), queueFolder(), { ERRORS: 5, FEEDBACK: 1, MIN_DELAY_MS: 200, MAX_DELAY_MS: 400 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const server = await inbox({ port });
    drained(await running);
    expect(expectBalanced(server, { error: 5, feedback: 1 }).counted).toEqual({});
  });

  it('a burst past the in-flight buffer spills to the queue instead of being dropped', async () => {
    const server = await inbox();
    drained(await runApp(server.dsn, queueFolder(), { ERRORS: 300, BUFFER_SIZE: 5 }));
    expect(expectBalanced(server, { error: 300 }).counted).toEqual({});
  });

  it('past maxCount the oldest are dropped and counted cache_overflow', async () => {
    const port = await freePort();
    const running = runApp(dsnFor(port), queueFolder(), { ERRORS: 10, MAX_COUNT: 4, MIN_DELAY_MS: 300, MAX_DELAY_MS: 400 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const server = await inbox({ port });
    drained(await running);
    const ledger = expectBalanced(server, { error: 10 });
    expect(ledger.counted).toEqual({ error: { cache_overflow: 6 } });
  });

  it.each([
    ['an uncaught exception', 'crash', 1],
    ['close()', 'close', 0],
  ])('%s while the server is down: queued on disk, sent at the next start', async (_, mode, extra) => {
    const port = await freePort();
    const folder = queueFolder();
    // One error dropped by beforeSend: its client report cannot go out either, and is saved too.
    const dying = await runApp(dsnFor(port), folder, { ERRORS: 4, FEEDBACK: 1, MODE: mode, BEFORE_SEND_DROPS: 1 });
    expect(dying.code).toBe(mode === 'crash' ? 1 : 0);
    expect(readdirSync(folder)).toHaveLength(5 + extra);
    const server = await inbox({ port });
    drained(await runApp(server.dsn, folder));
    expect(expectBalanced(server, { error: 4 + extra, feedback: 1 }).counted).toEqual({ error: { before_send: 1 } });
  });

  it.each([
    ['an uncaught exception', 'crash', 1],
    ['close()', 'close', 0],
  ])('%s while the server is too slow: what shutdownTimeout left unsent is saved at exit', async (_, mode, extra) => {
    const folder = queueFolder();
    const slow = await inbox({ respond: () => ({ delayMs: 20_000, store: false }) });
    const dying = await runApp(slow.dsn, folder, { ERRORS: 3, MODE: mode, SHUTDOWN_MS: 500 });
    expect(dying.code).toBe(mode === 'crash' ? 1 : 0);
    expect(dying.durationMs).toBeLessThan(15_000);
    expect(readdirSync(folder)).toHaveLength(3 + extra);
    await slow.close();
    const server = await inbox({ port: slow.port });
    drained(await runApp(server.dsn, folder));
    expect(expectBalanced(server, { error: 3 + extra }).counted).toEqual({});
  });

  it('several processes replaying one folder send each envelope once', async () => {
    const port = await freePort();
    const folder = queueFolder();
    await runApp(dsnFor(port), folder, { ERRORS: 60, MODE: 'close' });
    expect(readdirSync(folder)).toHaveLength(60);
    const server = await inbox({ port });
    const runs = await Promise.all([1, 2, 3].map(() => runApp(server.dsn, folder)));
    for (const run of runs) drained(run);
    const eventRequests = server.requests().filter((request) => Buffer.from(request.body).toString().includes('"type":"event"'));
    expect(eventRequests).toHaveLength(60);
    expect(expectBalanced(server, { error: 60 }).counted).toEqual({});
  });
});
