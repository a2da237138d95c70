// The SDK never changes what the page does, in real Chromium with the CDN bundle: the
// page's own onerror keeps running, removeEventListener keeps removing, a page that wraps
// fetch does not lose our events; a secret key never leaves the page; `tunnel` is honoured.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startInbox } from '@faultline/inbox';
import type { Inbox, ReceivedEvent } from '@faultline/inbox';
import { closeBrowser, cspViolations, openPage, recordCspViolations, serveStatic, waitUntil, type Route, type StaticServer } from './helpers/browser';

const BUNDLE = fileURLToPath(new URL('../packages/browser/dist/bundles/faultline.min.js', import.meta.url));

let inbox: Inbox;
let server: StaticServer;
const tunnelBodies: string[] = [];

/** A page that loads the CDN bundle: `head` runs before the SDK's tag, `body` after it. */
function page({ head = '', body = '', dsn = inbox.dsn, attributes = '' }): Route {
  const html = `<!doctype html><meta charset="utf-8"><script>${head}</script>
<script src="/faultline.min.js" data-dsn="${dsn}" data-release="hostpage@1.0.0" ${attributes}></script>
<button id="go">go</button><script>${body}</script>`;
  return { body: html, type: 'text/html; charset=utf-8' };
}

const THROW_ON_CLICK = (message: string): string =>
  `document.getElementById('go').onclick = () => { throw new Error(${JSON.stringify(message)}); };`;

beforeAll(async () => {
  inbox = await startInbox({ port: 0, quiet: true });
  const secretDsn = inbox.dsn.replace('@', ':s3cr3t@');
  server = await serveStatic({
    '/faultline.min.js': BUNDLE,
    '/favicon.ico': { body: '', status: 204 },
    '/onerror-before.html': page({
      head: `window.calls = []; window.onerror = (message) => { calls.push(message); };`,
      body: THROW_ON_CLICK('onerror set before init'),
    }),
    '/onerror-after.html': page({
      body: `window.calls = []; window.onerror = (message) => { calls.push(message); return true; };
       ${THROW_ON_CLICK('onerror set after init')}`,
    }),
    '/listeners.html': page({
      body: `window.calls = [];
       const go = document.getElementById('go');
       const count = (name) => () => calls.push(name);
       const removed = count('removed'), capture = count('capture'), object = { handleEvent: count('object') };
       go.addEventListener('click', removed); go.removeEventListener('click', removed);
       go.addEventListener('click', capture, true); go.removeEventListener('click', capture, { capture: true });
       go.addEventListener('click', object, { once: false }); go.removeEventListener('click', object);
       go.addEventListener('click', count('kept'));`,
    }),
    '/wrapped-fetch.html': page({
      head: `const realFetch = window.fetch;
       window.fetch = function (url) {
         if (String(url).includes('/envelope/')) return Promise.reject(new TypeError('the app blocks this'));
         return realFetch.apply(this, arguments);
       };`,
      body: THROW_ON_CLICK('page wrapped fetch'),
    }),
    '/secret.html': page({ dsn: secretDsn, body: THROW_ON_CLICK('DSN with a secret') }),
    '/tunnel.html': page({ dsn: secretDsn, body: THROW_ON_CLICK('tunnelled'), attributes: 'data-tunnel="/tunnel"' }),
    '/tunnel': (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        tunnelBodies.push(Buffer.concat(chunks).toString('utf8'));
        response.end();
      });
    },
    '/debug-sampled.html': page({ body: THROW_ON_CLICK('sampled out'), attributes: 'data-debug data-sample-rate="0"' }),
    '/csp-control.html': {
      body: '<!doctype html><script>window.inline = true;</script>',
      type: 'text/html',
      headers: { 'Content-Security-Policy': "script-src 'self'" },
    },
  });
});
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  await inbox?.close();
});

function eventWith(value: string): Promise<ReceivedEvent> {
  return waitUntil(() => inbox.events().find((event) => event.exception?.values?.at(-1)?.value === value), `"${value}"`);
}

describe('the host page keeps working', () => {
  test("the page's own onerror, set before init, still runs and the error is still reported", async () => {
    const { page, close } = await openPage(`${server.url}/onerror-before.html`);
    await page.click('#go');
    const event = await eventWith('onerror set before init');
    expect(event.exception?.values?.[0].mechanism).toMatchObject({ type: 'auto.browser.global_handlers.onerror', handled: false });
    expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toEqual([
      'Uncaught Error: onerror set before init',
    ]);
    await close();
  });

  test("the page's own onerror, set after init (even returning true), still runs and the error is still reported", async () => {
    const { page, close } = await openPage(`${server.url}/onerror-after.html`);
    await page.click('#go');
    await eventWith('onerror set after init');
    expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toEqual([
      'Uncaught Error: onerror set after init',
    ]);
    await close();
  });

  test('removeEventListener still removes: plain, capture and handleEvent listeners', async () => {
    const { page, close } = await openPage(`${server.url}/listeners.html`);
    await page.click('#go');
    expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toEqual(['kept']);
    await close();
  });

  test('a page that wraps fetch (and blocks our URL) still gets its errors reported', async () => {
    const { page, close } = await openPage(`${server.url}/wrapped-fetch.html`);
    await page.click('#go');
    await eventWith('page wrapped fetch');
    await close();
  });
});

describe('the CDN bundle', () => {
  test('reads data-debug and data-sample-rate: a sampled-out error is logged and counted, not sent', async () => {
    const { page, consoleMessages, close } = await openPage(`${server.url}/debug-sampled.html`);
    await page.click('#go');
    await page.evaluate(() => (window as unknown as { Faultline: { flush(ms: number): Promise<boolean> } }).Faultline.flush(2000));
    const report = await waitUntil(
      () =>
        inbox
          .envelopes()
          .flatMap(({ items }) => items)
          .find(([headers]) => headers.type === 'client_report'),
      'the client report',
    );
    await close();
    expect(report[1]).toMatchObject({ discarded_events: [{ reason: 'sample_rate', category: 'error', quantity: 1 }] });
    expect(consoleMessages).toContain('warning: [Faultline] Event dropped by sampleRate.');
    expect(inbox.events().some((event) => event.exception?.values?.at(-1)?.value === 'sampled out')).toBe(false);
  });

  test('contains no eval, no new Function and no inline style, so a strict CSP allows it', () => {
    const code = readFileSync(BUNDLE, 'utf8');
    expect(code).not.toMatch(/\beval\s*\(|\bnew Function\b|\bFunction\s*\(|\.style\b|cssText|setAttribute\(\s*["']style/);
  });
});

describe('credentials and tunnel', () => {
  test('a secret key in data-dsn never leaves the page', async () => {
    const { page, close } = await openPage(`${server.url}/secret.html`);
    await page.click('#go');
    await eventWith('DSN with a secret');
    await close();
    const requests = inbox.requests();
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.url).not.toContain('s3cr3t');
      expect(JSON.stringify(request.headers)).not.toContain('s3cr3t');
      expect(Buffer.from(request.body).toString('utf8')).not.toContain('s3cr3t');
    }
  });

  test('data-tunnel sends envelopes to the tunnel, naming the DSN without its secret', async () => {
    const { page, close } = await openPage(`${server.url}/tunnel.html`);
    await page.click('#go');
    const body = await waitUntil(() => tunnelBodies.find((text) => text.includes('tunnelled')), 'the tunnelled event');
    await close();
    const header = JSON.parse(body.split('\n')[0]) as { dsn?: string };
    expect(header.dsn).toBe(inbox.dsn);
    expect(tunnelBodies.join('\n')).not.toContain('s3cr3t');
    expect(inbox.events().some((event) => event.exception?.values?.at(-1)?.value === 'tunnelled')).toBe(false);
  });

  test('the CSP violation check the capture tests rely on does see a violation', async () => {
    const { page, close } = await openPage(`${server.url}/csp-control.html`, { beforeNavigate: recordCspViolations });
    expect(await cspViolations(page)).toEqual(['script-src-elem inline']);
    await close();
  });
});
