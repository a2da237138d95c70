// @vitest-environment happy-dom
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureMessage, getIsolationScope } from '@faultline/core';
import type { Breadcrumb } from '@faultline/core';
import { breadcrumbsIntegration } from '../../src/integrations/breadcrumbs';
import { consoleIntegration } from '../../src/integrations/console';
import { initForTest, settle, type BrowserTestSdk } from '../helpers';

let sdk: BrowserTestSdk;
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Methods', '*');
    if (request.method === 'OPTIONS') response.statusCode = 204;
    else if (request.url === '/missing') response.statusCode = 404;
    response.end(request.method === 'OPTIONS' ? undefined : '{}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sdk = initForTest({ defaultIntegrations: false, integrations: [breadcrumbsIntegration(), consoleIntegration()] });
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  getIsolationScope().clearBreadcrumbs();
  sdk.reset();
});

/** The breadcrumbs the server receives with the next event. */
async function sentBreadcrumbs(): Promise<Breadcrumb[]> {
  captureMessage('probe');
  await settle();
  return sdk.events().at(-1)?.breadcrumbs?.values ?? [];
}

describe('Breadcrumbs', () => {
  test('a console line, with its level and arguments (the Console integration)', async () => {
    console.warn('cart is empty', { items: 0 });
    const [crumb] = await sentBreadcrumbs();
    expect(crumb).toMatchObject({
      category: 'console',
      level: 'warning',
      message: 'cart is empty {"items":0}',
      data: { arguments: ['cart is empty', { items: 0 }], logger: 'console' },
    });
    expect(typeof crumb.timestamp).toBe('number');
  });

  test('every console method by default (log as info, as the server reads it)', async () => {
    for (const method of ['debug', 'info', 'log', 'warn', 'error'] as const) console[method](method);
    expect((await sentBreadcrumbs()).map((crumb) => [crumb.level, crumb.message])).toEqual([
      ['debug', 'debug'],
      ['info', 'info'],
      ['info', 'log'],
      ['warning', 'warn'],
      ['error', 'error'],
    ]);
  });

  test('a click, named by a short CSS selector', async () => {
    document.body.innerHTML = '<div id="toolbar"><button id="save" class="primary big">Save</button><span class="icon">x</span></div>';
    document.querySelector<HTMLElement>('#save')!.click();
    document.querySelector<HTMLElement>('.icon')!.click();
    const crumbs = await sentBreadcrumbs();
    expect(crumbs.map((c) => [c.category, c.message])).toEqual([
      ['ui.click', 'button#save.primary.big'],
      ['ui.click', 'div#toolbar > span.icon'],
    ]);
  });

  test('typing into a field: one breadcrumb per field per second, never the key', async () => {
    document.body.innerHTML = '<input name="email"><textarea id="note"></textarea>';
    const type = (selector: string, key: string): void => {
      document.querySelector(selector)!.dispatchEvent(new KeyboardEvent('keypress', { key, bubbles: true }));
    };
    type('input', 'a');
    type('input', 'b');
    type('#note', 'c');
    const crumbs = await sentBreadcrumbs();
    expect(crumbs.map((c) => [c.category, c.message])).toEqual([
      ['ui.input', 'input[name="email"]'],
      ['ui.input', 'textarea#note'],
    ]);
    expect(JSON.stringify(crumbs)).not.toMatch(/"a"|"b"|"c"/);
  });

  test('fetch requests with method, URL and status', async () => {
    await fetch(`${origin}/cart`, { method: 'post', body: '{}' });
    await fetch(new Request(`${origin}/missing`));
    await fetch('http://127.0.0.1:1/refused').catch(() => undefined);
    // The browser also logs failed requests to the console.
    const crumbs = (await sentBreadcrumbs()).filter((c) => c.category === 'fetch');
    expect(crumbs.map((c) => [c.category, c.level, c.data])).toEqual([
      ['fetch', 'info', { method: 'POST', url: `${origin}/cart`, status_code: 200 }],
      ['fetch', 'warning', { method: 'GET', url: `${origin}/missing`, status_code: 404 }],
      ['fetch', 'error', { method: 'GET', url: 'http://127.0.0.1:1/refused' }],
    ]);
  });

  test('a fetch that fails still rejects for the app', async () => {
    await expect(fetch('http://127.0.0.1:1/refused')).rejects.toThrow();
  });

  test('XMLHttpRequest with method, URL and status', async () => {
    const xhr = new XMLHttpRequest();
    xhr.open('delete', `${origin}/missing`);
    const done = new Promise((resolve) => xhr.addEventListener('loadend', resolve));
    xhr.send();
    await done;
    await settle();
    const crumbs = (await sentBreadcrumbs()).filter((c) => c.category === 'xhr');
    expect(crumbs.map((c) => [c.category, c.type, c.level, c.data])).toEqual([
      ['xhr', 'http', 'warning', { method: 'DELETE', url: `${origin}/missing`, status_code: 404 }],
    ]);
  });

  test("an event captured in the app's XMLHttpRequest onload already has that request's breadcrumb; a reused request gets one per send", async () => {
    const xhr = new XMLHttpRequest();
    const seen: Breadcrumb[][] = [];
    for (const path of ['/first', '/missing']) {
      xhr.open('GET', `${origin}${path}`);
      const loaded = new Promise<void>((resolve) => {
        xhr.onload = () => {
          seen.push(getIsolationScope().getScopeData().breadcrumbs.filter((crumb) => crumb.category === 'xhr'));
          resolve();
        };
      });
      xhr.send();
      await loaded;
    }
    expect(seen.map((crumbs) => crumbs.map((crumb) => crumb.data?.url))).toEqual([
      [`${origin}/first`],
      [`${origin}/first`, `${origin}/missing`],
    ]);
  });

  test('history navigations from and to, relative within the origin', async () => {
    const start = location.pathname;
    history.pushState({}, '', '/checkout?step=2');
    history.replaceState({}, '', '/checkout?step=2'); // same URL: no navigation
    history.pushState({}, '', `${location.origin}/done`);
    const crumbs = await sentBreadcrumbs();
    expect(crumbs.map((c) => [c.category, c.data])).toEqual([
      ['navigation', { from: start, to: '/checkout?step=2' }],
      ['navigation', { from: '/checkout?step=2', to: '/done' }],
    ]);
  });
});
