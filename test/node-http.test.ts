// HTTP in real Node processes: per-request isolation under concurrency, request data,
// and breadcrumbs for outgoing http.get and fetch.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { assertBuilt, nodeFixture, runNode, until } from './helpers/node';

let inbox: Inbox;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
});
afterAll(() => inbox.close());

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      res.resume().on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('incoming requests', () => {
  it('keeps tags, user and breadcrumbs of 200 concurrent requests apart', async () => {
    let port = 0;
    let stdout = '';
    const child = runNode(nodeFixture('server.mjs'), {
      env: { SENTRY_DSN: inbox.dsn, SENTRY_ENVIRONMENT: 'isolation' },
      timeoutMs: 60_000,
      onSpawn: (process) => {
        process.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk;
          port = Number(/listening (\d+)/.exec(stdout)?.[1] ?? 0);
        });
        void until(() => port > 0, 10_000, 'the server to listen').then(async () => {
          const ids = Array.from({ length: 200 }, (_, i) => `r${i}`);
          const headers = { cookie: 'session=secret-cookie', authorization: 'Bearer abc', 'x-forwarded-for': '203.0.113.9' };
          await Promise.all(ids.map((id) => get(port, `/orders?id=${id}`, headers)));
          await until(() => inbox.events().filter((e) => e.environment === 'isolation').length >= 200, 30_000, '200 events');
          process.kill('SIGTERM');
        });
      },
    });
    const run = await child;
    expect(run.signal).toBe('SIGTERM');
    const events = inbox.events().filter((event) => event.environment === 'isolation');
    expect(events).toHaveLength(200);
    for (const event of events) {
      const id = /failed (r\d+)/.exec(event.exception?.values?.[0]?.value ?? '')?.[1];
      expect(id).toBeDefined();
      expect(event.tags).toEqual({ request_id: id });
      expect(event.user).toEqual({ id });
      const own = (event.breadcrumbs?.values ?? []).filter((crumb) => crumb.category === 'test');
      expect(own.map((crumb) => crumb.message)).toEqual([`start ${id}`]);
      const logs = (event.breadcrumbs?.values ?? []).filter((crumb) => crumb.category === 'console');
      // The process-wide breadcrumb from before the request, then only this request's own.
      expect(logs.map((crumb) => crumb.message)).toEqual([`listening ${port}`, `handling ${id}`]);
      expect(event.request).toMatchObject({ method: 'GET', url: `http://127.0.0.1:${port}/orders`, query_string: `id=${id}` });
      // Without sendDefaultPii: no cookies, no client address.
      expect(event.request?.cookies).toBeUndefined();
      expect(event.request?.headers?.cookie).toBeUndefined();
      expect(event.request?.headers?.['x-forwarded-for']).toBeUndefined();
      expect(event.user?.ip_address).toBeUndefined();
      expect(event.request?.headers?.authorization).toBe('[Filtered]');
      expect(event.transaction).toBe('GET /orders');
    }
  });
});

describe('outgoing requests', () => {
  it('records an http breadcrumb for http.get and for fetch', async () => {
    const run = await runNode(nodeFixture('outgoing.mjs'), { env: { SENTRY_DSN: inbox.dsn, SENTRY_ENVIRONMENT: 'outgoing' } });
    expect(run.code).toBe(0);
    const events = inbox.events().filter((e) => e.environment === 'outgoing');
    expect(events.map((e) => e.exception?.values?.[0]?.value)).toEqual(['before the requests', 'after two requests']);
    const event = events[1];
    const http = (event.breadcrumbs?.values ?? []).filter((crumb) => crumb.category === 'http');
    expect(http).toHaveLength(2);
    expect(http[0]).toMatchObject({
      type: 'http',
      level: 'info',
      data: { method: 'GET', status_code: 200, 'http.query': '?page=2' },
    });
    expect(http[0].data?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/via-http-get$/);
    expect(http[1]).toMatchObject({ type: 'http', level: 'warning', data: { method: 'POST', status_code: 404 } });
    expect(http[1].data?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/missing\/via-fetch$/);
  });
});
