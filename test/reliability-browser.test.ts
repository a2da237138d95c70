// Fault injection in real Chromium: the CDN bundle on a page reports to an inbox that
// answers 500s, 503 with Retry-After, 429 with per-category limits, resets, answers slowly
// or is not there; the offline queue lives in IndexedDB and comes back after a reload and
// on the `online` event. Every test checks the ledger: each captured item is stored by the
// inbox or counted in a client report, none twice.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startInbox } from '@faultline/inbox';
import type { Inbox, InboxOptions, ScriptedResponse } from '@faultline/inbox';
import { closeBrowser, openPage, serveStatic, type StaticServer } from './helpers/browser';
import { countedIn, expectBalanced, readLedger } from './helpers/ledger';
import { freePort } from './helpers/ports';

const KEY = 'reliability-browser-key';
const bundle = fileURLToPath(new URL('../packages/browser/dist/bundles/faultline.min.js', import.meta.url));

// The page: init from the query string, and `report(errors, feedback)` to capture.
const APP = `
const params = new URLSearchParams(location.search);
Faultline.init({
  dsn: params.get('dsn'),
  transportOptions: { offline: { minDelayMs: Number(params.get('min')), maxDelayMs: Number(params.get('max')) } },
});
let captured = 0;
// Each message differs, so the dedupe integration keeps every one.
window.report = (errors, feedback) => {
  for (let i = 0; i < errors; i++) Faultline.captureException(new Error('browser reliability ' + captured++));
  for (let i = 0; i < feedback; i++) Faultline.captureFeedback({ message: 'browser feedback ' + captured++ });
};
`;

let site: StaticServer;
let cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  site = await serveStatic({
    '/index.html': { body: '<!doctype html><script src="/faultline.min.js"></script><script src="/app.js"></script>', type: 'text/html' },
    '/faultline.min.js': bundle,
    '/app.js': { body: APP, type: 'text/javascript' },
  });
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});
afterAll(async () => {
  await closeBrowser();
  await site?.close();
});

async function inbox(options: InboxOptions = {}): Promise<Inbox> {
  const started = await startInbox({ port: 0, quiet: true, key: KEY, ...options });
  cleanups.push(() => started.close());
  return started;
}

/** Opens the app page reporting to `port`, retrying after `minDelayMs` (doubling up to 4x). */
async function openApp(port: number, minDelayMs = 100): Promise<Page> {
  const dsn = `http://${KEY}@127.0.0.1:${port}/1`;
  const query = new URLSearchParams({ dsn, min: String(minDelayMs), max: String(minDelayMs * 4) });
  const opened = await openPage(`${site.url}/index.html?${query}`);
  cleanups.push(() => opened.close());
  return opened.page;
}

const report = (page: Page, errors: number, feedback = 0): Promise<void> =>
  page.evaluate(([e, f]) => (window as unknown as { report(e: number, f: number): void }).report(e, f), [errors, feedback]);

/** Flushes the page (its client report goes out) until the ledger balances or time is up. */
async function settle(page: Page, server: Inbox, captured: Record<string, number>): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.evaluate(() => (window as unknown as { Faultline: { flush(ms: number): Promise<boolean> } }).Faultline.flush(2000));
    const ledger = readLedger(server);
    const balanced = Object.entries(captured).every(([category, count]) => (ledger.delivered[category] ?? 0) + countedIn(ledger, category) === count);
    if (balanced || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Envelopes in the page's offline queues, read from IndexedDB. */
function queuedInPage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let total = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('faultline-offline')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      total += await new Promise<number>((resolve) => {
        const request = db.transaction('envelopes').objectStore('envelopes').count();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
    }
    return total;
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const first = (count: number, answer: ScriptedResponse): ScriptedResponse[] => Array.from({ length: count }, () => answer);

describe('Chromium under faults: nothing lost, everything accounted for', () => {
  it('500s: retried until the server recovers', async () => {
    const server = await inbox({ respond: first(5, { status: 500 }) });
    const page = await openApp(server.port);
    await report(page, 6, 2);
    await settle(page, server, { error: 6, feedback: 2 });
    expect(server.requests().filter((request) => request.status === 500)).toHaveLength(5);
    expect(expectBalanced(server, { error: 6, feedback: 2 }).counted).toEqual({});
  });

  it('503 with Retry-After: not retried before the server said', async () => {
    const server = await inbox({ respond: [{ status: 503, headers: { 'Retry-After': '1' } }] });
    const page = await openApp(server.port);
    await report(page, 1);
    await settle(page, server, { error: 1 });
    const [refused, retried] = server.requests().filter((request) => request.method === 'POST');
    expect([refused.status, retried.status]).toEqual([503, 200]);
    expect(Date.parse(retried.received) - Date.parse(refused.received)).toBeGreaterThanOrEqual(1000);
    expectBalanced(server, { error: 1 });
  });

  it('429 with X-Sentry-Rate-Limits for errors: errors counted while limited, feedback flows', async () => {
    const server = await inbox({ respond: [{ status: 429, headers: { 'X-Sentry-Rate-Limits': '5:error:organization' } }] });
    const page = await openApp(server.port);
    await report(page, 1);
    await settle(page, server, { error: 1 });
    await report(page, 4, 2);
    await settle(page, server, { error: 5, feedback: 2 });
    const ledger = expectBalanced(server, { error: 5, feedback: 2 });
    expect(ledger.delivered).toEqual({ feedback: 2 });
    expect(ledger.counted).toEqual({ error: { ratelimit_backoff: 5 } });
  });

  it('connection resets: retried until one goes through', async () => {
    const server = await inbox({ respond: first(4, { destroy: true }) });
    const page = await openApp(server.port);
    await report(page, 5, 1);
    await settle(page, server, { error: 5, feedback: 1 });
    expect(server.requests().filter((request) => request.status === 0).length).toBeGreaterThanOrEqual(4);
    expect(expectBalanced(server, { error: 5, feedback: 1 }).counted).toEqual({});
  });

  it('a slow server: answers that take seconds lose nothing and duplicate nothing', async () => {
    const server = await inbox({ respond: first(3, { delayMs: 2000 }) });
    const page = await openApp(server.port);
    await report(page, 4);
    await settle(page, server, { error: 4 });
    expect(expectBalanced(server, { error: 4 }).counted).toEqual({});
  });

  it('a refused port: kept in IndexedDB until a server listens there', async () => {
    const port = await freePort();
    const page = await openApp(port, 300);
    await report(page, 3, 1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const server = await inbox({ port });
    await settle(page, server, { error: 3, feedback: 1 });
    expect(expectBalanced(server, { error: 3, feedback: 1 }).counted).toEqual({});
  });

  it('events captured while the inbox is down are delivered after a page reload once it is back', async () => {
    const port = await freePort();
    // Retries an hour away: only the reload can bring these events in.
    const page = await openApp(port, 3_600_000);
    await report(page, 3);
    await until(async () => (await queuedInPage(page)) === 3, 'three envelopes in IndexedDB');
    const server = await inbox({ port });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.events()).toHaveLength(0);
    await page.reload();
    await settle(page, server, { error: 3 });
    expect(expectBalanced(server, { error: 3 }).counted).toEqual({});
  });

  it('the online event sends what was captured offline', async () => {
    const server = await inbox();
    const page = await openApp(server.port, 3_600_000);
    await page.context().setOffline(true);
    await report(page, 2, 1);
    await until(async () => (await queuedInPage(page)) === 3, 'three envelopes in IndexedDB');
    expect(server.events()).toHaveLength(0);
    await page.context().setOffline(false);
    await settle(page, server, { error: 2, feedback: 1 });
    expect(expectBalanced(server, { error: 2, feedback: 1 }).counted).toEqual({});
  });
});
