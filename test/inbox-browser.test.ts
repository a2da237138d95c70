// The inbox as a browser sees it, in real Chromium: its pages run nothing an event carries
// and a click leads to the stack trace; a page on another origin can post to it and read
// the rate-limit headers.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEnvelope, serializeEnvelope } from '@faultline/core';
import { startInbox, type Inbox } from '@faultline/inbox';
import { closeBrowser, openPage, serveStatic, type OpenedPage, type StaticServer } from './helpers/browser';

let inbox: Inbox | undefined;
let site: StaticServer | undefined;
let opened: OpenedPage | undefined;

afterEach(async () => {
  await opened?.close();
  await site?.close();
  await inbox?.close();
  opened = site = inbox = undefined;
});
afterAll(closeBrowser);

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

function hostileEnvelope(): string {
  const event = {
    event_id: 'c'.repeat(32),
    timestamp: 1764324000,
    platform: 'javascript',
    level: 'error',
    message: XSS,
    exception: {
      values: [
        {
          type: 'TypeError',
          value: XSS,
          stacktrace: {
            frames: [
              {
                filename: 'https://shop.example/app.js',
                function: 'checkout',
                lineno: 41,
                colno: 7,
                in_app: true,
                pre_context: ['function checkout(cart) {'],
                context_line: `  render("${XSS}");`,
                post_context: ['}'],
              },
            ],
          },
        },
      ],
    },
    breadcrumbs: { values: [{ category: 'console', message: XSS, timestamp: 1764323999 }] },
  };
  return serializeEnvelope(createEnvelope({ event_id: event.event_id }, [[{ type: 'event' }, event]])) as string;
}

describe('inbox pages in Chromium', () => {
  it('show an event full of markup as text, run none of it, and link to its stack trace', async () => {
    inbox = await startInbox({ quiet: true });
    const posted = await fetch(`${inbox.url}/api/1/envelope/?sentry_key=${inbox.key}`, { method: 'POST', body: hostileEnvelope() });
    expect(posted.status).toBe(200);

    opened = await openPage(`${inbox.url}/`);
    const { page } = opened;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    expect(await page.locator('td a').first().textContent()).toBe(`TypeError: ${XSS}`);

    await page.locator('td a').first().click();
    await page.waitForURL(/\/event\//);
    expect(await page.locator('h2').first().textContent()).toBe(`TypeError: ${XSS}`);
    expect(await page.locator('summary code').first().textContent()).toBe('at checkout (https://shop.example/app.js:41:7)');
    expect(await page.locator('.current').textContent()).toBe(`   41    render("${XSS}");`);
    expect(await page.locator('table').last().textContent()).toContain(XSS);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelectorAll('script, img').length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
  });
});

describe('inbox CORS in Chromium', () => {
  it('takes a cross-origin fetch with query auth, and shows the page its rate-limit headers', async () => {
    inbox = await startInbox({ quiet: true, respond: [{ headers: { 'X-Sentry-Rate-Limits': '60:error:key', 'Retry-After': '60' } }] });
    site = await serveStatic({ '/': { body: '<!doctype html><title>shop</title>', type: 'text/html' } });
    opened = await openPage(`${site.url}/`);
    const endpoint = `${inbox.url}/api/1/envelope/?sentry_version=7&sentry_key=${inbox.key}`;
    const answer = await opened.page.evaluate(
      async ({ endpoint, body }) => {
        const response = await fetch(endpoint, { method: 'POST', body });
        return { status: response.status, limits: response.headers.get('X-Sentry-Rate-Limits'), retry: response.headers.get('Retry-After') };
      },
      { endpoint, body: hostileEnvelope() },
    );
    expect(answer).toEqual({ status: 200, limits: '60:error:key', retry: '60' });
    // A simple request: no preflight was needed.
    expect(inbox.requests().map((request) => request.method)).toEqual(['POST']);
    expect(inbox.requests()[0].headers.origin).toBe(site.url);
  });

  it('answers the preflight of a cross-origin request with X-Sentry-Auth and gzip', async () => {
    inbox = await startInbox({ quiet: true });
    site = await serveStatic({ '/': { body: '<!doctype html><title>shop</title>', type: 'text/html' } });
    opened = await openPage(`${site.url}/`);
    const status = await opened.page.evaluate(
      async ({ endpoint, auth, body }) => {
        const gzipped = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'X-Sentry-Auth': auth, 'Content-Type': 'application/x-sentry-envelope', 'Content-Encoding': 'gzip' },
          body: gzipped,
        });
        return response.status;
      },
      { endpoint: `${inbox.url}/api/1/envelope/`, auth: `Sentry sentry_version=7, sentry_key=${inbox.key}`, body: hostileEnvelope() },
    );
    expect(status).toBe(200);
    expect(inbox.requests().map((request) => request.method)).toEqual(['OPTIONS', 'POST']);
    expect(inbox.events()).toHaveLength(1);
  });
});
