// Real Chromium: a page's `init({ dsn, tunnel: '/tunnel' })` delivers through the tunnel
// mounted in an Express app, same-origin, and the browser's cookies stay behind; a page
// whose DSN the tunnel does not allow delivers nothing anywhere.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTunnelHandler } from '@faultline/node';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { closeBrowser, openPage, waitUntil } from './helpers/browser';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
/** The part of Express 5 this test uses (the repository has no @types/express). */
interface ExpressApp {
  use(path: string, handler: Handler): void;
  get(path: string, handler: (req: IncomingMessage, res: ServerResponse & { type(t: string): { send(body: string): void } }) => void): void;
  post(path: string, handler: Handler): void;
  listen(port: number, host: string, done: () => void): Server;
}
const express = createRequire(import.meta.url)('express') as (() => ExpressApp) & { static(root: string): Handler };

const dist = (pkg: string): string => fileURLToPath(new URL(`../packages/${pkg}/dist`, import.meta.url));

let inbox: Inbox;
let foreignInbox: Inbox;
let server: Server;
let baseUrl: string;
const tunnelPosts: number[] = [];
const cookiesAtTunnel: Array<string | undefined> = [];

/** A page that imports the ESM build through an import map and reports via the tunnel. */
function pageFor(dsn: string, message: string): string {
  const imports = { '@faultline/browser': '/pkg/browser/index.mjs', '@faultline/core': '/pkg/core/index.mjs' };
  return `<!doctype html><meta charset="utf-8">
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
  import { init } from '@faultline/browser';
  document.cookie = 'sessionid=browser-session-cookie';
  init({ dsn: ${JSON.stringify(dsn)}, tunnel: '/tunnel', release: 'tunnel-page@1.0.0' });
  document.getElementById('go').onclick = () => { throw new Error(${JSON.stringify(message)}); };
  window.ready = true;
</script>
<button id="go">go</button>`;
}

beforeAll(async () => {
  inbox = await startInbox({ quiet: true });
  foreignInbox = await startInbox({ quiet: true });
  const app = express();
  app.use('/pkg/core', express.static(dist('core')));
  app.use('/pkg/browser', express.static(dist('browser')));
  app.get('/allowed.html', (_req, res) => res.type('html').send(pageFor(inbox.dsn, 'through the express tunnel')));
  app.get('/foreign.html', (_req, res) => res.type('html').send(pageFor(foreignInbox.dsn, 'aimed at a foreign DSN')));
  const tunnel = createTunnelHandler({ dsn: inbox.dsn });
  app.post('/tunnel', (req, res) => {
    cookiesAtTunnel.push(req.headers.cookie);
    res.on('finish', () => tunnelPosts.push(res.statusCode));
    void tunnel(req, res);
  });
  await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', resolve)));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeBrowser();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await Promise.all([inbox?.close(), foreignInbox?.close()]);
});

describe('a browser behind the tunnel', () => {
  test('an uncaught error reaches the inbox through the Express tunnel, without the browser cookies', async () => {
    const { page, close } = await openPage(`${baseUrl}/allowed.html`);
    try {
      await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
      await page.click('#go');
      const event = await waitUntil(
        () => inbox.events().find((received) => received.exception?.values?.at(-1)?.value === 'through the express tunnel'),
        'the tunnelled event',
      );
      expect(event.release).toBe('tunnel-page@1.0.0');
      expect(tunnelPosts).toContain(200);
      // The browser did send its cookie to the tunnel (same origin)...
      expect(cookiesAtTunnel).toContain('sessionid=browser-session-cookie');
      // ...and every request the inbox saw came from the tunnel, none from the browser itself.
      const received = inbox.requests();
      expect(received.length).toBeGreaterThan(0);
      for (const request of received) {
        expect(request.headers.cookie).toBeUndefined();
        expect(request.headers.origin).toBeUndefined();
        expect(request.headers['user-agent']).toBeUndefined();
        expect(new URL(request.url, 'http://x').searchParams.get('sentry_key')).toBe(inbox.key);
      }
    } finally {
      await close();
    }
  });

  test('a page whose DSN is not allowed gets 403 and nothing reaches either server', async () => {
    const before = inbox.requests().length;
    const postsBefore = tunnelPosts.length;
    const { page, close } = await openPage(`${baseUrl}/foreign.html`);
    try {
      await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
      await page.click('#go');
      await waitUntil(() => tunnelPosts.slice(postsBefore).includes(403), 'the refused tunnel request');
      expect(inbox.requests().length).toBe(before);
      expect(foreignInbox.requests()).toEqual([]);
    } finally {
      await close();
    }
  });
});
