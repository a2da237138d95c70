// Real Chromium, the minified CDN bundle, scripts built as `sentry-cli sourcemaps inject`
// leaves them (line 1 registers the file's debug id): the event that reaches the inbox names
// each script of its stack with its debug id, so the server can find the source map.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startInbox, type Inbox, type ReceivedEvent } from '@faultline/inbox';
import { closeBrowser, openPage, serveStatic, waitUntil, type OpenedPage, type StaticServer } from './helpers/browser';

const BUNDLE = readFileSync(new URL('../packages/browser/dist/bundles/faultline.min.js', import.meta.url), 'utf8');
const APP_ID = '6a1f3c2e-9b4d-4e8f-a215-7c0d3b9e4f61';
const CHUNK_ID = 'e0b7d4a9-35c1-4f2a-8d6e-19f4c7a2b503';

/** The registering line an injector puts first in a built file (written here, same behaviour). */
const snippet = (id: string) =>
  `;(function(){try{var g=typeof window!=="undefined"?window:globalThis,s=new g.Error().stack;if(s){g._sentryDebugIds=g._sentryDebugIds||{};g._sentryDebugIds[s]="${id}";g._sentryDebugIdIdentifier="sentry-dbid-${id}"}}catch(e){}})();`;

const APP = `${snippet(APP_ID)}
document.getElementById('save').addEventListener('click', function onSave() { throw new Error('save failed'); });
document.getElementById('pay').addEventListener('click', function onPay() { window.checkout(); });
window.loadChunk = function loadChunk() {
  var script = document.createElement('script');
  script.src = '/assets/chunk.min.js';
  document.head.appendChild(script);
};
`;
const CHUNK = `${snippet(CHUNK_ID)}
window.checkout = function checkout() { throw new Error('payment failed'); };
`;

let inbox: Inbox;
let site: StaticServer;
const pages: OpenedPage[] = [];

beforeAll(async () => {
  inbox = await startInbox({ quiet: true });
  const html = `<!doctype html><script src="/faultline.min.js" data-dsn="${inbox.dsn}" data-release="shop@1.0.0"></script>
<button id="save">Save</button><button id="pay">Pay</button><script src="/assets/app.min.js"></script>`;
  const js = (body: string) => ({ body, type: 'text/javascript' });
  site = await serveStatic({
    '/': { body: html, type: 'text/html' },
    '/faultline.min.js': js(BUNDLE),
    '/assets/app.min.js': js(APP),
    '/assets/chunk.min.js': js(CHUNK),
  });
});
afterAll(async () => {
  await Promise.all(pages.map((opened) => opened.close()));
  await closeBrowser();
  await Promise.all([site?.close(), inbox?.close()]);
});

async function open(): Promise<OpenedPage['page']> {
  const opened = await openPage(`${site.url}/`);
  pages.push(opened);
  return opened.page;
}

function eventWith(value: string): Promise<ReceivedEvent> {
  return waitUntil(() => inbox.events().find((event) => event.exception?.values?.[0]?.value === value), `"${value}"`);
}

describe('debug ids in Chromium, CDN bundle', () => {
  test('an error in an injected script arrives with that script and its debug id in debug_meta', async () => {
    const page = await open();
    await page.click('#save');
    const event = await eventWith('save failed');
    const appUrl = `${site.url}/assets/app.min.js`;
    expect(event.debug_meta).toEqual({ images: [{ type: 'sourcemap', code_file: appUrl, debug_id: APP_ID }] });
    expect(event.exception?.values?.[0].stacktrace?.frames?.map((frame) => frame.filename)).toEqual([appUrl]);
  });

  test('a chunk loaded after the first event adds its own image to later events', async () => {
    const page = await open();
    await page.click('#save');
    await page.evaluate(() => (window as unknown as { loadChunk(): void }).loadChunk());
    await page.waitForFunction(() => typeof (window as unknown as { checkout?: unknown }).checkout === 'function');
    await page.click('#pay');
    const event = await eventWith('payment failed');
    expect(event.debug_meta?.images).toEqual([
      { type: 'sourcemap', code_file: `${site.url}/assets/app.min.js`, debug_id: APP_ID },
      { type: 'sourcemap', code_file: `${site.url}/assets/chunk.min.js`, debug_id: CHUNK_ID },
    ]);
  });
});
