// The SDK inside a dedicated Web Worker, in real Chromium: the CDN bundle loaded with
// importScripts, and the ESM build in a module worker. A worker has `self` and no
// `window`, `document` or `history`; events must still arrive, pointing at the worker.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { startInbox } from '@faultline/inbox';
import type { Inbox, ReceivedEvent } from '@faultline/inbox';
import type { Exception, SessionJSON, StackFrame } from '@faultline/core';
import { closeBrowser, openPage, positionOf, serveStatic, waitUntil, type OpenedPage, type StaticServer } from './helpers/browser';

const dist = (path: string): string => fileURLToPath(new URL(`../packages/${path}`, import.meta.url));
const RELEASE = 'worker@1.0.0';

/** Worker scripts by name; `DSN` is replaced with the inbox's DSN when served. */
const WORKERS: Record<string, string> = {
  'uncaught.js': `importScripts('/faultline.min.js');
Faultline.init({ dsn: 'DSN', release: '${RELEASE}' });
Faultline.addBreadcrumb({ category: 'worker', message: 'started' });
throw new Error('uncaught in a worker');
`,
  'captured.js': `importScripts('/faultline.min.js');
Faultline.init({ dsn: 'DSN', release: '${RELEASE}' });
Faultline.addBreadcrumb({ category: 'worker', message: 'started' });
const cause = new Error('worker: database unreachable');
Faultline.captureException(new Error('worker: could not save', { cause }));
Promise.reject(new Error('rejected in a worker'));
setTimeout(() => {
  throw new Error('thrown in a worker timer');
});
fetch('/data.json').then(() => Faultline.captureMessage('worker: after fetch'));
`,
  'offline.js': `importScripts('/faultline.min.js');
Faultline.init({ dsn: 'DSN' });
Faultline.captureMessage('worker: queued while offline');
`,
  'replay.js': `importScripts('/faultline.min.js');
Faultline.init({ dsn: 'DSN' });
`,
  'module.mjs': `import { init, addBreadcrumb } from '/esm/browser.mjs';
init({ dsn: 'DSN', release: '${RELEASE}' });
addBreadcrumb({ category: 'worker', message: 'started' });
queueMicrotask(() => {
  throw new Error('uncaught in a module worker');
});
`,
};

// Starts the worker named in the query; what reaches its `onerror` on the page is kept.
const PAGE = `<!doctype html><script>
const params = new URLSearchParams(location.search);
window.workerErrors = [];
const worker = new Worker(params.get('worker'), { type: params.get('type') ?? 'classic' });
worker.onerror = (event) => { workerErrors.push(event.message); };
</script>`;

let inbox: Inbox;
let server: StaticServer;
let opened: OpenedPage | undefined;

beforeAll(async () => {
  inbox = await startInbox({ port: 0, quiet: true });
  server = await serveStatic(
    {
      '/faultline.min.js': dist('browser/dist/bundles/faultline.min.js'),
      // The ESM build as a bundler or an ESM CDN serves it: its bare import made a URL.
      '/esm/browser.mjs': dist('browser/dist/index.mjs'),
      '/esm/core.mjs': dist('core/dist/index.mjs'),
      '/favicon.ico': { body: '', status: 204 },
      '/data.json': { body: '{}', type: 'application/json' },
      '/index.html': { body: PAGE, type: 'text/html; charset=utf-8' },
      ...Object.fromEntries(Object.entries(WORKERS).map(([name, source]) => [`/${name}`, { body: served(source), type: 'text/javascript' }])),
    },
    { transform: (path, text) => (path === '/esm/browser.mjs' ? text.replaceAll("from '@faultline/core'", "from '/esm/core.mjs'") : text) },
  );
});
afterAll(async () => {
  await opened?.close();
  await closeBrowser();
  await server?.close();
  await inbox?.close();
});

function served(source: string): string {
  return source.replace("'DSN'", JSON.stringify(inbox.dsn));
}

async function startWorker(name: string, type: 'classic' | 'module' = 'classic', beforeNavigate?: (page: Page) => unknown): Promise<OpenedPage> {
  await opened?.close();
  opened = await openPage(`${server.url}/index.html?worker=/${name}&type=${type}`, { beforeNavigate });
  return opened;
}

/** How many envelopes wait in the offline queue (IndexedDB is one per origin, shared with workers). */
function queuedEnvelopes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const found = (await indexedDB.databases()).find((database) => database.name?.startsWith('faultline-offline'));
    if (!found?.name) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(found.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction('envelopes').objectStore('envelopes').count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  });
}

async function waitForQueue(page: Page, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await queuedEnvelopes(page)) !== count) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} queued envelopes`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The one event whose last exception (or message) is `text`. */
async function eventWith(text: string): Promise<ReceivedEvent> {
  const matches = (): ReceivedEvent[] =>
    inbox.events().filter((event) => event.exception?.values?.at(-1)?.value === text || event.logentry?.formatted === text);
  const [event] = await waitUntil(() => matches().length > 0 && matches(), `the event "${text}"`);
  // A second report of the same error (by a wrapped timer and by the global handler) would come right after.
  await new Promise((done) => setTimeout(done, 300));
  expect(matches()).toHaveLength(1);
  return event;
}

function topFrame(exception: Exception | undefined): Partial<StackFrame> {
  const frame = exception?.stacktrace?.frames?.at(-1);
  return { filename: frame?.filename, lineno: frame?.lineno, colno: frame?.colno };
}

/** Where `needle` is in the served worker script `name`, as its stack frame says it. */
function frameIn(name: string, needle: string): Partial<StackFrame> {
  return { filename: `${server.url}/${name}`, ...positionOf(WORKERS[name], needle) };
}

/** The one event of the error `new Error(text)` the worker did not catch, and that line as its top frame. */
async function unhandledEvent(name: string, text: string, mechanism: string): Promise<ReceivedEvent> {
  const event = await eventWith(text);
  const exception = event.exception!.values!.at(-1);
  expect(exception).toMatchObject({ type: 'Error', mechanism: { type: mechanism, handled: false } });
  expect(topFrame(exception)).toEqual(frameIn(name, `new Error('${text}')`));
  return event;
}

/** What every event from worker `name` carries: its URL, the worker's user agent, the breadcrumb. */
async function expectWorkerContext(event: ReceivedEvent, name: string): Promise<void> {
  expect(event.sdk?.name).toBe('faultline.javascript.browser');
  expect(event.release).toBe(RELEASE);
  expect(event.request?.url).toBe(`${server.url}/${name}`);
  expect(event.request?.headers?.['User-Agent']).toBe(await opened!.page.evaluate(() => navigator.userAgent));
  expect(event.request?.headers).not.toHaveProperty('Referer');
  expect(event.breadcrumbs?.values?.[0]).toMatchObject({ category: 'worker', message: 'started' });
}

/** Only the errors the worker script throws on purpose: nothing from the SDK. */
async function expectOnlyErrors(page: OpenedPage, thrown: string[]): Promise<void> {
  expect(page.pageErrors.map((error) => error.message).sort()).toEqual([...thrown].sort());
  expect(page.consoleMessages.filter((line) => line.startsWith('error'))).toEqual([]);
}

function sessionsOf(release: string): SessionJSON[] {
  return inbox
    .envelopes()
    .flatMap(({ items }) => items)
    .filter(([headers]) => headers.type === 'session')
    .map(([, payload]) => payload as SessionJSON)
    .filter((session) => session.attrs.release === release);
}

describe('the CDN bundle in a dedicated worker (importScripts)', () => {
  test('an uncaught error: the worker script frame, the breadcrumb, the worker URL, no session', async () => {
    const sessionsBefore = sessionsOf(RELEASE).length;
    const page = await startWorker('uncaught.js');
    const event = await unhandledEvent('uncaught.js', 'uncaught in a worker', 'auto.browser.global_handlers.onerror');
    await expectWorkerContext(event, 'uncaught.js');
    // The error still reaches the page, as it does without the SDK.
    expect(await page.page.evaluate(() => (window as unknown as { workerErrors: string[] }).workerErrors)).toEqual([
      'Uncaught Error: uncaught in a worker',
    ]);
    await expectOnlyErrors(page, ['uncaught in a worker']);

    // No session from a worker (as in @sentry/browser): it would count its page's visit twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sessionsOf(RELEASE).slice(sessionsBefore)).toEqual([]);
  });

  test('captureException with a cause, an unhandled rejection, a timer error and a fetch breadcrumb', async () => {
    const page = await startWorker('captured.js');

    const captured = await eventWith('worker: could not save');
    const [cause, error] = captured.exception!.values!;
    expect(cause).toMatchObject({ type: 'Error', value: 'worker: database unreachable', mechanism: { type: 'chained', source: 'cause' } });
    expect(error.mechanism).toMatchObject({ handled: true });
    expect(topFrame(cause)).toEqual(frameIn('captured.js', "new Error('worker: database unreachable')"));
    expect(topFrame(error)).toEqual(frameIn('captured.js', "new Error('worker: could not save', { cause })"));
    await expectWorkerContext(captured, 'captured.js');

    const rejected = await unhandledEvent('captured.js', 'rejected in a worker', 'auto.browser.global_handlers.onunhandledrejection');
    await expectWorkerContext(rejected, 'captured.js');

    // The worker's setTimeout is wrapped, and its error is reported once, not again by the global handler.
    await unhandledEvent('captured.js', 'thrown in a worker timer', 'auto.browser.browserapierrors.setTimeout');

    const message = await eventWith('worker: after fetch');
    expect(message.breadcrumbs?.values?.map(({ category, data }) => [category, data])).toContainEqual([
      'fetch',
      { method: 'GET', url: '/data.json', status_code: 200 },
    ]);
    // The SDK's own requests leave no breadcrumb.
    expect(JSON.stringify(message.breadcrumbs)).not.toContain('/envelope/');
    await expectOnlyErrors(page, ['rejected in a worker', 'thrown in a worker timer']);
  });
});

describe('the offline queue in a worker', () => {
  test('an event the worker could not send waits in IndexedDB and goes out when the next worker starts', async () => {
    const page = await startWorker('offline.js', 'classic', (page) => page.context().route('**/envelope/**', (route) => route.abort()));
    await waitForQueue(page.page, 1);
    expect(inbox.events().filter((event) => event.logentry?.formatted === 'worker: queued while offline')).toEqual([]);

    await page.context.unrouteAll();
    await page.page.evaluate(() => new Worker('/replay.js'));
    const event = await eventWith('worker: queued while offline');
    expect(event.request?.url).toBe(`${server.url}/offline.js`);
    await waitForQueue(page.page, 0);
  });
});

describe('the ESM build in a module worker', () => {
  // Chromium applies a page's import map to the page only, not to module workers (checked
  // in Chromium 156): `import '@faultline/core'` needs a bundler, or a server that makes the
  // bare import a URL, as this one does.
  test('an uncaught error arrives with the worker frame, the breadcrumb and the worker URL', async () => {
    const page = await startWorker('module.mjs', 'module');
    const event = await unhandledEvent('module.mjs', 'uncaught in a module worker', 'auto.browser.global_handlers.onerror');
    await expectWorkerContext(event, 'module.mjs');
    await expectOnlyErrors(page, ['uncaught in a module worker']);
  });
});
