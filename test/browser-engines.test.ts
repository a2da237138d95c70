// Firefox (SpiderMonkey) and WebKit (JavaScriptCore, Safari's engine), real and headless:
// the stacks they write parse into the frames a user expects, and the CDN bundle reports
// what happens on a page to the inbox: the same events as in Chromium, with no SDK frame.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startInbox, type Inbox, type ReceivedEvent } from '@faultline/inbox';
import { defaultStackParser } from '@faultline/browser';
import type { SessionJSON, StackFrame } from '@faultline/core';
import { positionOf, serveStatic, waitUntil, type StaticServer } from './helpers/browser';
import { ENGINES, openInEngine, type EngineName, type EngineWindow } from './helpers/engines';
import { freePort } from './helpers/ports';

const BUNDLE = readFileSync(new URL('../packages/browser/dist/bundles/faultline.min.js', import.meta.url), 'utf8');

// Each case throws at a statement found once in the source, so its position is known.
const STACKS_APP = `window.cases = {};
function record(name, error) { window.cases[name] = { name: error.name, message: error.message, stack: error.stack }; }
function attempt(name, run) { try { run(); } catch (error) { record(name, error); } }
function named() { throw new Error('named'); }
attempt('named', function caller() { named(); });
attempt('nativeMap', function () { [1].map(function inMap() { null.x; }); });
attempt('eval', function () { eval('(function evaled() { throw new Error("ev"); })()'); });
class Cart { total() { throw new RangeError('method'); } get size() { throw new Error('getter'); } }
attempt('method', function () { new Cart().total(); });
attempt('getter', function () { return new Cart().size; });
attempt('arrow', () => { const inner = () => { throw new Error('arrow'); }; inner(); });
attempt('jsonParse', function () { JSON.parse('{bad'); });
function deep(n) { if (n === 0) throw new Error('deep'); return deep(n - 1) + 1; }
attempt('deep', function () { deep(60); });
async function fetchCart() { await null; throw new Error('async'); }
fetchCart().catch(function (error) { record('async', error); });
`;
const SCOPED_LIB = `function scoped() { throw new Error('scoped'); }
attempt('atInPath', function () { scoped(); });
`;
const MODULE = `function inModule() { throw new Error('module'); }
attempt('module', () => inModule());
setTimeout(() => fetch('/report', { method: 'POST', body: JSON.stringify(window.cases) }), 100);
`;

const PAGE_APP = `document.getElementById('save').addEventListener('click', function onSave() {
  throw new TypeError('save failed');
});
console.log('cart loaded');
fetch('/api/cart').then(function () {
  document.getElementById('save').click();
  setTimeout(function inTimer() { throw new Error('timer failed'); });
  Promise.reject(new Error('rejected'));
  try { JSON.parse('{bad'); } catch (error) { Faultline.captureException(new Error('wrapped', { cause: error })); }
  const xhr = new XMLHttpRequest();
  xhr.open('GET', '/api/stock');
  xhr.onload = function onStock() { throw new Error('stock failed'); };
  xhr.send();
});
`;

interface ThrownCase {
  name: string;
  message: string;
  stack: string;
}

let opened: EngineWindow | undefined;
afterEach(() => closeAll());

/** Ends the open browser, then the servers given. */
async function closeAll(...servers: Array<{ close(): Promise<void> } | undefined>): Promise<void> {
  await opened?.close();
  opened = undefined;
  for (const server of servers) await server?.close();
}

describe.each(ENGINES)('stacks written by %s', (engine: EngineName) => {
  let site: StaticServer;
  let cases: Record<string, ThrownCase> | undefined;

  beforeAll(async () => {
    site = await serveStatic({
      '/': { body: '<!doctype html><script src="/app.js?v=1"></script><script src="/static/@scope/lib.js"></script><script type="module" src="/mod.js"></script>', type: 'text/html' },
      '/app.js': { body: STACKS_APP, type: 'text/javascript' },
      '/static/@scope/lib.js': { body: SCOPED_LIB, type: 'text/javascript' },
      '/mod.js': { body: MODULE, type: 'text/javascript' },
      '/report': (request: IncomingMessage, response: ServerResponse) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk));
        request.on('end', () => {
          cases = JSON.parse(body) as Record<string, ThrownCase>;
          response.end();
        });
      },
    });
    opened = await openInEngine(engine, `${site.url}/`);
    await waitUntil(() => cases, `the stacks from ${engine}`, 40_000);
    await closeAll();
  }, 60_000);
  afterAll(() => closeAll(site));

  const app = () => `${site.url}/app.js?v=1`;
  function framesOf(name: string): StackFrame[] {
    const thrown = cases?.[name];
    if (!thrown) throw new Error(`${engine} reported no case "${name}"`);
    return defaultStackParser(thrown.stack);
  }
  /** The frame of `statement`: its file and line, and a column inside the statement (engines point at different tokens). */
  function expectAt(frame: StackFrame | undefined, filename: string, source: string, statement: string): void {
    const { lineno, colno } = positionOf(source, statement);
    expect(frame?.filename).toBe(filename);
    expect(frame?.lineno).toBe(lineno);
    expect(frame?.colno).toBeGreaterThanOrEqual(colno);
    expect(frame?.colno).toBeLessThanOrEqual(colno + statement.length);
  }
  const names = (frames: StackFrame[]) => frames.map((frame) => frame.function);

  test('a call chain: caller first, every frame the app\'s own, top-level code as "?"', () => {
    const frames = framesOf('named');
    expect(names(frames)).toEqual(['?', 'attempt', 'caller', 'named']);
    expect(frames.every((frame) => frame.filename === app() && frame.in_app)).toBe(true);
    expectAt(frames.at(-1), app(), STACKS_APP, "throw new Error('named')");
    expectAt(frames.at(-2), app(), STACKS_APP, 'named(); });');
  });

  test('a TypeError inside Array.prototype.map: the callback named, a native frame not in the app', () => {
    const frames = framesOf('nativeMap');
    expect(cases?.nativeMap.name).toBe('TypeError');
    expect(frames.at(-1)).toMatchObject({ function: 'inMap', filename: app(), in_app: true });
    expectAt(frames.at(-1), app(), STACKS_APP, 'null.x;');
    // JavaScriptCore writes the built-in as "map@[native code]"; SpiderMonkey leaves it out.
    const native = frames.filter((frame) => frame.filename === '[native code]');
    expect(native.map((frame) => [frame.function, frame.in_app])).toEqual(engine === 'webkit' ? [['map', false]] : []);
  });

  test('class methods, getters, arrows: the names the engine gives them', () => {
    expect(framesOf('method').at(-1)?.function).toBe('total');
    expectAt(framesOf('method').at(-1), app(), STACKS_APP, "throw new RangeError('method')");
    expect(framesOf('getter').at(-1)?.function).toBe(engine === 'firefox' ? 'get size' : 'size');
    expect(names(framesOf('arrow')).slice(-2)).toEqual(['?', 'inner']);
    expectAt(framesOf('arrow').at(-1), app(), STACKS_APP, "throw new Error('arrow')");
  });

  test('eval: frames inside it point at the eval call (Firefox) or carry no file (WebKit)', () => {
    const frames = framesOf('eval');
    expect(frames.at(-1)?.function).toBe('evaled');
    const { lineno } = positionOf(STACKS_APP, 'eval(\'(function evaled()');
    if (engine === 'firefox') expect(frames.at(-1)).toMatchObject({ filename: app(), lineno, in_app: true });
    else expect(frames.at(-1)).toEqual({ function: 'evaled', in_app: false });
    // The caller of eval is the app's frame at the eval call, in both.
    const caller = frames.filter((frame) => frame.filename === app() && frame.colno !== undefined).at(-1);
    expectAt(caller, app(), STACKS_APP, "eval('(function evaled()");
  });

  test('a SyntaxError from JSON.parse keeps the engine\'s message; the built-in frame is not the app\'s', () => {
    expect(cases?.jsonParse.name).toBe('SyntaxError');
    const frames = framesOf('jsonParse');
    expectAt(frames.filter((frame) => frame.filename === app()).at(-1), app(), STACKS_APP, "JSON.parse('{bad')");
    expect(frames.filter((frame) => !frame.in_app).map((frame) => frame.function)).toEqual(engine === 'webkit' ? ['parse'] : []);
  });

  test('deep recursion: at most 50 frames, the throwing one last', () => {
    const frames = framesOf('deep');
    expect(frames).toHaveLength(50);
    expectAt(frames.at(-1), app(), STACKS_APP, "throw new Error('deep')");
    expect(new Set(names(frames))).toEqual(new Set(['deep']));
  });

  test('after an await: the async function\'s frame', () => {
    const frames = framesOf('async');
    expectAt(frames.filter((frame) => frame.filename === app()).at(-1), app(), STACKS_APP, "throw new Error('async')");
  });

  test('a script under a path with "@" in it, and a module script', () => {
    const scoped = framesOf('atInPath');
    const lib = `${site.url}/static/@scope/lib.js`;
    expect(scoped.at(-1)?.function).toBe('scoped');
    expectAt(scoped.at(-1), lib, SCOPED_LIB, "throw new Error('scoped')");
    expect(scoped.map((frame) => frame.filename)).toContain(app());
    const module = framesOf('module');
    expect(module.at(-1)?.function).toBe('inModule');
    expectAt(module.at(-1), `${site.url}/mod.js`, MODULE, "throw new Error('module')");
  });
});

describe.each(ENGINES)('the CDN bundle in %s', (engine: EngineName) => {
  let inbox: Inbox;
  let site: StaticServer;

  beforeAll(async () => {
    inbox = await startInbox({ quiet: true });
    site = await serveStatic({
      '/': { body: `<!doctype html><script src="/faultline.min.js" data-dsn="${inbox.dsn}" data-release="shop@1.0.0"></script><button id="save">Save</button><script src="/app.js"></script>`, type: 'text/html' },
      '/faultline.min.js': { body: BUNDLE, type: 'text/javascript' },
      '/app.js': { body: PAGE_APP, type: 'text/javascript' },
      '/api/cart': { body: '{"lines":2}', type: 'application/json' },
      '/api/stock': { body: '{}', type: 'application/json' },
    });
    opened = await openInEngine(engine, `${site.url}/`);
    await waitUntil(() => inbox.events().length >= 5 && true, `5 events from ${engine}`, 40_000);
  }, 60_000);
  afterAll(() => closeAll(site, inbox));

  const app = () => `${site.url}/app.js`;
  function eventWith(value: string): ReceivedEvent {
    const found = inbox.events().filter((event) => event.exception?.values?.at(-1)?.value === value);
    expect(found).toHaveLength(1);
    return found[0];
  }
  /** Every frame is the app's or the engine's: none from the SDK's bundle. */
  function frameFiles(event: ReceivedEvent): string[] {
    return (event.exception?.values ?? []).flatMap((exception) => (exception.stacktrace?.frames ?? []).map((frame) => frame.filename ?? ''));
  }

  test('an error in a click listener: its mechanism, the listener\'s frame last, no SDK frame', () => {
    const event = eventWith('save failed');
    const exception = event.exception?.values?.at(-1);
    expect(exception?.type).toBe('TypeError');
    expect(exception?.mechanism).toMatchObject({ type: 'auto.browser.browserapierrors.addEventListener', handled: false });
    const top = exception?.stacktrace?.frames?.at(-1);
    expect(top).toMatchObject({ function: 'onSave', filename: app(), in_app: true, lineno: positionOf(PAGE_APP, "throw new TypeError('save failed')").lineno });
    expect(frameFiles(event).filter((file) => file !== app() && file !== '[native code]')).toEqual([]);
    expect(event.level).toBe('error');
    expect(event.release).toBe('shop@1.0.0');
    expect(event.request?.url).toBe(`${site.url}/`);
    expect(event.request?.headers?.['User-Agent']).toMatch(engine === 'firefox' ? /Firefox\// : /AppleWebKit\//);
    expect((event.breadcrumbs?.values ?? []).map((crumb) => [crumb.category, crumb.message ?? crumb.data?.url])).toEqual([
      ['console', 'cart loaded'],
      ['fetch', '/api/cart'],
      ['ui.click', 'button#save'],
    ]);
  });

  test('an error in a timer callback: the timer mechanism, no SDK frame', () => {
    const event = eventWith('timer failed');
    const exception = event.exception?.values?.at(-1);
    expect(exception?.mechanism).toMatchObject({ type: 'auto.browser.browserapierrors.setTimeout', handled: false });
    expect(exception?.stacktrace?.frames?.at(-1)).toMatchObject({ function: 'inTimer', filename: app() });
    expect(frameFiles(event).filter((file) => file !== app() && file !== '[native code]')).toEqual([]);
  });

  test("an error in an XMLHttpRequest's onload: the xhr.onload mechanism, and the request's breadcrumb already there", () => {
    const event = eventWith('stock failed');
    expect(event.exception?.values?.at(-1)?.mechanism).toEqual({ type: 'auto.browser.browserapierrors.xhr.onload', handled: false, data: { handler: 'onStock' } });
    expect(event.exception?.values?.at(-1)?.stacktrace?.frames?.at(-1)).toMatchObject({ function: 'onStock', filename: app() });
    expect(frameFiles(event).filter((file) => file !== app() && file !== '[native code]')).toEqual([]);
    expect(event.breadcrumbs?.values?.at(-1)).toMatchObject({ category: 'xhr', data: { method: 'GET', url: '/api/stock', status_code: 200 } });
  });

  test('release health: the page load is a session, crashed by its unhandled errors', async () => {
    const sessions = () =>
      inbox.envelopes().flatMap((envelope) => envelope.items.filter(([header]) => header.type === 'session').map(([, payload]) => payload as SessionJSON));
    await waitUntil(() => sessions().some((session) => session.status === 'crashed'), 'a crashed session');
    const [first] = sessions();
    expect(first).toMatchObject({ init: true, status: 'ok', attrs: { release: 'shop@1.0.0' } });
    expect(new Set(sessions().map((session) => session.sid))).toEqual(new Set([first.sid]));
  });

  test('an unhandled rejection', () => {
    const exception = eventWith('rejected').exception?.values?.at(-1);
    expect(exception?.mechanism).toMatchObject({ type: 'auto.browser.global_handlers.onunhandledrejection', handled: false });
    expect(exception?.stacktrace?.frames?.at(-1)).toMatchObject({ filename: app(), lineno: positionOf(PAGE_APP, "Promise.reject(new Error('rejected'))").lineno });
  });

  test('a captured error and its cause: both, linked, with the engine\'s own SyntaxError text', () => {
    const values = eventWith('wrapped').exception?.values ?? [];
    expect(values.map((value) => [value.type, value.mechanism?.source ?? null])).toEqual([
      ['SyntaxError', 'cause'],
      ['Error', null],
    ]);
    expect(values[0].value).toMatch(engine === 'firefox' ? /^JSON\.parse: / : /^JSON Parse error: /);
    expect(values[1].mechanism).toMatchObject({ type: 'generic', handled: true });
  });
});

describe.each(ENGINES)('the offline queue in %s', (engine: EngineName) => {
  test('an error captured while the server is down arrives on the next visit (IndexedDB)', async () => {
    const port = await freePort();
    const dsn = `http://offlinekey@127.0.0.1:${port}/1`;
    const page = `<!doctype html><script src="/faultline.min.js" data-dsn="${dsn}" data-release="shop@1.0.0"></script>
<script>
if (location.hash === '#again') Faultline.captureMessage('second visit');
else {
  Faultline.captureException(new Error('captured while offline'));
  // Tell the test once the failed envelope is in the queue (it is written after the send failed).
  (function poll() {
    indexedDB.databases().then(function (databases) {
      var found = databases.find(function (database) { return database.name.indexOf('faultline-offline') === 0; });
      if (!found) return setTimeout(poll, 100);
      var request = indexedDB.open(found.name);
      request.onsuccess = function () {
        var count = request.result.transaction('envelopes').objectStore('envelopes').count();
        count.onsuccess = function () {
          request.result.close();
          if (count.result > 0) fetch('/queued'); else setTimeout(poll, 100);
        };
      };
    });
  })();
}
</script>`;
    const site = await serveStatic({
      '/': { body: page, type: 'text/html' },
      '/faultline.min.js': { body: BUNDLE, type: 'text/javascript' },
      '/queued': { body: '' },
    });
    const profile = mkdtempSync(join(tmpdir(), `faultline-${engine}-kept-`));
    let inbox: Inbox | undefined;
    try {
      opened = await openInEngine(engine, `${site.url}/`, { profile });
      await waitUntil(() => site.requests.includes('/queued'), 'the envelope in IndexedDB', 40_000);
      await closeAll();
      inbox = await startInbox({ port, key: 'offlinekey', quiet: true });
      opened = await openInEngine(engine, `${site.url}/#again`, { profile });
      const texts = () => inbox!.events().map((event) => event.exception?.values?.[0]?.value ?? event.logentry?.formatted);
      await waitUntil(() => texts().length >= 2, 'both events', 40_000).catch((error: Error) => {
        throw new Error(`${error.message}; arrived: ${JSON.stringify(texts())}`);
      });
      expect(texts().sort()).toEqual(['captured while offline', 'second visit']);
    } finally {
      await closeAll(inbox, site);
      rmSync(profile, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('Firefox with storage denied (cookies blocked: IndexedDB throws SecurityError)', () => {
  test('events are still sent, straight away', async () => {
    const inbox = await startInbox({ quiet: true });
    const site = await serveStatic({
      '/': {
        body: `<!doctype html><script src="/faultline.min.js" data-dsn="${inbox.dsn}"></script><script>
try { indexedDB.open('probe'); Faultline.setTag('indexeddb', 'opens'); } catch (error) { Faultline.setTag('indexeddb', error.name); }
Faultline.captureException(new Error('storage denied'));
setTimeout(function () { throw new Error('uncaught with storage denied'); });
</script>`,
        type: 'text/html',
      },
      '/faultline.min.js': { body: BUNDLE, type: 'text/javascript' },
    });
    try {
      opened = await openInEngine('firefox', `${site.url}/`, { prefs: { 'network.cookie.cookieBehavior': 2 } });
      const texts = () => inbox.events().map((event) => event.exception?.values?.[0]?.value);
      await waitUntil(() => texts().length >= 2, 'both events', 40_000);
      expect(texts().sort()).toEqual(['storage denied', 'uncaught with storage denied']);
      expect(inbox.events().map((event) => event.tags?.indexeddb)).toEqual(['SecurityError', 'SecurityError']);
    } finally {
      await closeAll(site, inbox);
    }
  }, 60_000);
});

describe.each(ENGINES)('a Web Worker in %s', (engine: EngineName) => {
  const dist = (path: string) => new URL(`../packages/${path}`, import.meta.url).pathname;
  const CLASSIC = `importScripts('/faultline.min.js');
Faultline.init({ dsn: 'DSN', release: 'worker@1.0.0' });
Faultline.addBreadcrumb({ category: 'worker', message: 'started' });
Faultline.captureException(new Error('worker: could not save', { cause: new Error('worker: database unreachable') }));
Promise.reject(new Error('rejected in a worker'));
setTimeout(function inWorkerTimer() { throw new Error('thrown in a worker timer'); });
`;
  const MODULE = `import { init } from '/esm/browser.mjs';
init({ dsn: 'DSN', release: 'worker@1.0.0' });
setTimeout(() => { throw new Error('uncaught in a module worker'); });
`;
  let inbox: Inbox;
  let site: StaticServer;

  beforeAll(async () => {
    inbox = await startInbox({ quiet: true });
    const worker = (source: string) => ({ body: source.replace("'DSN'", JSON.stringify(inbox.dsn)), type: 'text/javascript' });
    site = await serveStatic(
      {
        '/faultline.min.js': dist('browser/dist/bundles/faultline.min.js'),
        // The ESM build as a bundler or an ESM CDN serves it: its bare import made a URL.
        '/esm/browser.mjs': dist('browser/dist/index.mjs'),
        '/esm/core.mjs': dist('core/dist/index.mjs'),
        '/classic.js': worker(CLASSIC),
        '/module.mjs': worker(MODULE),
        '/': { body: "<!doctype html><script>new Worker('/classic.js'); new Worker('/module.mjs', { type: 'module' });</script>", type: 'text/html' },
      },
      { transform: (path, text) => (path === '/esm/browser.mjs' ? text.replaceAll("from '@faultline/core'", "from '/esm/core.mjs'") : text) },
    );
    opened = await openInEngine(engine, `${site.url}/`);
    await waitUntil(() => inbox.events().length >= 4 && true, `4 events from ${engine}'s workers`, 40_000);
    // An error the page also hears about (Firefox passes a worker's uncaught error on) would come right after.
    await new Promise((done) => setTimeout(done, 500));
  }, 60_000);
  afterAll(() => closeAll(site, inbox));

  const fromWorker = (value: string) => inbox.events().filter((event) => event.exception?.values?.at(-1)?.value === value);

  test('the CDN bundle under importScripts: a cause chain, a rejection, a timer error, each pointing at the worker', () => {
    const [captured] = fromWorker('worker: could not save');
    expect(captured.exception?.values?.map((value) => value.value)).toEqual(['worker: database unreachable', 'worker: could not save']);
    expect(captured.request?.url).toBe(`${site.url}/classic.js`);
    expect(captured.breadcrumbs?.values?.map((crumb) => crumb.message)).toEqual(['started']);
    expect(fromWorker('rejected in a worker')[0].exception?.values?.at(-1)?.mechanism?.type).toBe('auto.browser.global_handlers.onunhandledrejection');
    const [timer] = fromWorker('thrown in a worker timer');
    expect(timer.exception?.values?.at(-1)?.mechanism?.type).toBe('auto.browser.browserapierrors.setTimeout');
    expect(timer.exception?.values?.at(-1)?.stacktrace?.frames?.at(-1)).toMatchObject({ function: 'inWorkerTimer', filename: `${site.url}/classic.js` });
    expect(timer.exception?.values?.at(-1)?.stacktrace?.frames?.map((frame) => frame.filename)).not.toContain(`${site.url}/faultline.min.js`);
  });

  test('the ESM build in a module worker: an uncaught error in a timer', () => {
    const [event] = fromWorker('uncaught in a module worker');
    expect(event.request?.url).toBe(`${site.url}/module.mjs`);
    expect(event.exception?.values?.at(-1)?.stacktrace?.frames?.at(-1)).toMatchObject({ filename: `${site.url}/module.mjs`, lineno: 3 });
  });
});
