import { describe, expect, it } from 'vitest';
import { errorEvent, eventEnvelope, postEnvelope, testInbox } from './helpers';

const HOSTILE = '<script>alert(1)</script>';

/** An event carrying markup in every field the pages show. */
function hostileEvent(): Record<string, unknown> {
  const event = errorEvent({
    level: `"><script>alert(2)</script>`,
    release: '<b>1.0</b>',
    environment: '<img src=x onerror=alert(3)>',
    platform: '<svg onload=alert(4)>',
    tags: { '<script>': HOSTILE },
    user: { id: HOSTILE },
    breadcrumbs: { values: [{ category: HOSTILE, message: HOSTILE, level: 'info', data: { html: HOSTILE } }] },
  });
  const [exception] = (event.exception as any).values;
  exception.type = '<img src=x onerror=alert(5)>';
  exception.value = HOSTILE;
  const frame = exception.stacktrace.frames[1];
  Object.assign(frame, { function: HOSTILE, filename: `"><script>alert(6)</script>`, context_line: `</pre>${HOSTILE}` });
  frame.pre_context = [HOSTILE];
  return event;
}

async function page(url: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

describe('HTML pages', () => {
  it('lists errors with type, message, time, release and environment, newest first', async () => {
    const inbox = await testInbox();
    await postEnvelope(inbox, eventEnvelope(errorEvent({ event_id: undefined, release: 'shop@1.0.0' }), { event_id: undefined }));
    await postEnvelope(inbox, eventEnvelope());
    const { html, headers } = await page(`${inbox.url}/`);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('TypeError: cart.items is undefined');
    expect(html).toContain('2025-11-28T10:00:00.500Z');
    expect(html).toContain('<td>staging</td>');
    expect(html.indexOf('shop@1.2.3')).toBeLessThan(html.indexOf('shop@1.0.0'));
    expect(html).toMatch(/<a href="\/event\/\d{13}-1-[0-9a-f]{8}\/0">/);
  });

  it('shows one event: stack trace most recent call first, source context, breadcrumbs', async () => {
    const inbox = await testInbox();
    await postEnvelope(inbox, eventEnvelope());
    const [stored] = inbox.envelopes();
    const { status, html } = await page(`${inbox.url}/event/${stored.id}/0`);
    expect(status).toBe(200);
    expect(html).toContain('<h2>TypeError: cart.items is undefined</h2>');
    expect(html.indexOf('at total (src/cart.js:12:5)')).toBeLessThan(html.indexOf('at listOnTimeout'));
    expect(html).toContain('   10  function total(cart) {\n');
    expect(html).toContain('<span class="current">   12    for (const item of cart.items) {</span>');
    expect(html).toContain('   14    }\n');
    expect(html).toContain('button#checkout');
    expect(html).toContain('ui.click');
  });

  it('answers 404 for an unknown event page', async () => {
    const inbox = await testInbox();
    expect((await page(`${inbox.url}/event/0000000000000-1-deadbeef/0`)).status).toBe(404);
  });

  it('escapes everything it shows: no markup of the event reaches the page', async () => {
    const inbox = await testInbox();
    expect((await postEnvelope(inbox, eventEnvelope(hostileEvent()))).status).toBe(200);
    const [stored] = inbox.envelopes();
    for (const path of ['/', `/event/${stored.id}/0`]) {
      const { html } = await page(`${inbox.url}${path}`);
      expect(html, path).not.toMatch(/<script|<img|<svg|<b>/i);
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('sends a CSP that allows no script at all', async () => {
    const inbox = await testInbox();
    await postEnvelope(inbox, eventEnvelope());
    const [stored] = inbox.envelopes();
    for (const path of ['/', `/event/${stored.id}/0`]) {
      const csp = (await page(`${inbox.url}${path}`)).headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
      expect(csp).not.toMatch(/script-src|unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('serves pages and listings only to a loopback Host (no DNS rebinding)', async () => {
    const inbox = await testInbox();
    const { request } = await import('node:http');
    const status = (host: string, path: string) =>
      new Promise<number>((done, fail) => {
        request(`${inbox.url}${path}`, { headers: { Host: host } }, (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        })
          .on('error', fail)
          .end();
      });
    expect(await status(`evil.example:${inbox.port}`, '/')).toBe(403);
    expect(await status(`evil.example:${inbox.port}`, '/api/1/events/')).toBe(403);
    expect(await status(`localhost:${inbox.port}`, '/api/1/events/')).toBe(200);
    expect(await status(`127.0.0.1:${inbox.port}`, '/')).toBe(200);
  });
});
