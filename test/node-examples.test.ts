// The Node examples, run as users would run them: each framework's error handler reports
// server errors (not 404s) with the request attached; the node-http example crashes on purpose.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { runNodeHttpExample } from '../examples/node-http/run.mjs';
import { REPO_ROOT, assertBuilt, runNode, until } from './helpers/node';

let inbox: Inbox;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
});
afterAll(() => inbox.close());

describe('framework examples', () => {
  for (const framework of ['express', 'fastify', 'koa', 'hono']) {
    it(`${framework}: reports the 500 with its request, not the 404`, async () => {
      let stdout = '';
      const statuses: number[] = [];
      const run = await runNode(`${REPO_ROOT}examples/${framework}/app.mjs`, {
        args: ['--dsn', inbox.dsn, '--port', '0'],
        onSpawn: (child) => {
          child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
          void (async () => {
            await until(() => /listening (\S+)/.test(stdout), 15_000, `${framework} to listen`);
            const base = /listening (\S+)/.exec(stdout)![1];
            for (const path of ['/missing', '/boom']) statuses.push((await fetch(`${base}${path}`)).status);
            await until(() => inbox.events().some((e) => e.tags?.example === framework), 10_000, 'the event');
            child.kill('SIGTERM');
          })();
        },
      });
      expect(run.signal).toBe('SIGTERM');
      expect(statuses).toEqual([404, 500]);
      const events = inbox.events().filter((event) => event.release === `${framework}-example@1.0.0`);
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event.exception?.values?.[0]?.mechanism).toEqual({ type: expect.stringContaining(framework), handled: false });
      expect(event.exception?.values?.[0]?.value).toMatch(/handler failed for \/boom$/);
      expect(event.request).toMatchObject({ method: 'GET' });
      expect(event.request?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/boom$/);
    });
  }
});

describe('node-http example', () => {
  it('reports the handled error and the crash, then exits with code 1', async () => {
    const before = inbox.events().length;
    const { code, stdout, stderr } = await runNodeHttpExample({ dsn: inbox.dsn });
    expect(code).toBe(1);
    expect(stdout).toBe('GET /checkout -> 502\n');
    expect(stderr).toMatch(/^file:\/\/.*examples\/node-http\/app\.mjs:\d+\n/);
    expect(stderr).toContain('Error: Order state is inconsistent after checkout');
    const events = inbox.events().slice(before);
    expect(events.map((event) => [event.level, event.exception?.values?.[0]?.value])).toEqual([
      ['error', 'Payment provider timed out'],
      ['fatal', 'Order state is inconsistent after checkout'],
    ]);
    expect(events[0].tags).toEqual({ route: '/checkout' });
    const crumbs = events[1].breadcrumbs?.values ?? [];
    expect(crumbs.find((crumb) => crumb.category === 'http')?.data).toMatchObject({ method: 'GET', status_code: 502 });
  });
});
