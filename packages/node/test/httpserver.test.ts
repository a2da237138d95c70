// Incoming requests in-process: request data, PII rules and request-mode sessions.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureException, setTag } from '@faultline/core';
import { httpServerIntegration } from '../src/integrations/httpserver';
import { initNodeTest, resetGlobals } from './helpers';

let server: Server | undefined;

beforeEach(resetGlobals);
afterEach(async () => {
  if (!server) return;
  const closing = server;
  server = undefined;
  closing.closeAllConnections();
  await new Promise((resolve) => closing.close(resolve));
});

/** A server whose handler captures an error for paths under /fail. */
async function startServer(decorate?: (req: IncomingMessage) => void): Promise<string> {
  server = createServer((req, res) => {
    decorate?.(req);
    setTag('path', req.url);
    if (req.url?.startsWith('/fail')) captureException(new Error(`failed ${req.url}`));
    res.end('done');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const headers = { cookie: 'lang=en; theme=dark', 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'user-agent': 'test' };

/** A server that reads the body as a plain node:http app does, then captures an error. */
async function startBodyServer(read: (req: IncomingMessage) => Promise<string>): Promise<{ base: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer(async (req, res) => {
    seen.push(await read(req));
    captureException(new Error('after the body'));
    res.end('done');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const readWithData = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text));
  });

describe('raw request bodies (no framework parsed one)', () => {
  const json = JSON.stringify({ name: 'x', items: [1, 2, 3] });

  it('with sendDefaultPii: the text the app read is request.data, and the app still gets all of it', async () => {
    const { client, events } = initNodeTest([httpServerIntegration()], { sendDefaultPii: true });
    const { base, seen } = await startBodyServer(readWithData);
    const big = 'y'.repeat(20_000);
    await (await fetch(`${base}/a`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json })).text();
    await (await fetch(`${base}/b`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: big })).text();
    await client.flush(1000);
    expect(seen).toEqual([json, big]);
    expect(events().map((event) => event.request?.data)).toEqual([json, big.slice(0, 10 * 1024)]);
  });

  it('an app that reads with for await (no data listener) keeps working; a binary upload is not kept', async () => {
    const { client, events } = initNodeTest([httpServerIntegration()], { sendDefaultPii: true });
    const { base, seen } = await startBodyServer(async (req) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      return text;
    });
    await (await fetch(`${base}/a`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json })).text();
    await client.flush(1000);
    expect(seen).toEqual([json]);
    server!.removeAllListeners('request');
    server!.on('request', async (req, res) => {
      seen.push(await readWithData(req));
      captureException(new Error('upload'));
      res.end();
    });
    await (await fetch(`${base}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'bytes' })).text();
    await client.flush(1000);
    expect(seen).toEqual([json, 'bytes']);
    expect(events().map((event) => event.request && 'data' in event.request)).toEqual([false, false]);
  });

  it('without sendDefaultPii: no body', async () => {
    const { client, events } = initNodeTest([httpServerIntegration()]);
    const { base, seen } = await startBodyServer(readWithData);
    await (await fetch(`${base}/a`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json })).text();
    await client.flush(1000);
    expect(seen).toEqual([json]);
    expect(events()[0].request).not.toHaveProperty('data');
  });
});

describe('httpServerIntegration', () => {
  it('adds method, URL, query and headers, without cookies or addresses by default', async () => {
    const { client, events } = initNodeTest([httpServerIntegration()]);
    const base = await startServer();
    await (await fetch(`${base}/fail/order?id=7&x=1`, { headers })).text();
    await client.flush(1000);
    const [event] = events();
    expect(event.request).toMatchObject({ method: 'GET', url: `${base}/fail/order`, query_string: 'id=7&x=1' });
    expect(event.request?.headers?.['user-agent']).toBe('test');
    expect(event.request?.headers?.cookie).toBeUndefined();
    expect(event.request?.headers?.['x-forwarded-for']).toBeUndefined();
    expect(event.request?.cookies).toBeUndefined();
    expect(event.user?.ip_address).toBeUndefined();
    expect(event.transaction).toBe('GET /fail/order');
    expect(event.tags).toEqual({ path: '/fail/order?id=7&x=1' });
  });

  it('with sendDefaultPii adds cookies, the parsed body and the client address', async () => {
    const { client, events } = initNodeTest([httpServerIntegration()], { sendDefaultPii: true });
    const base = await startServer((req) => Object.assign(req, { body: { qty: 2 } }));
    await (await fetch(`${base}/fail`, { method: 'POST', headers })).text();
    await client.flush(1000);
    const [event] = events();
    expect(event.request?.cookies).toEqual({ lang: 'en', theme: 'dark' });
    expect(event.request?.data).toEqual({ qty: 2 });
    expect(event.user?.ip_address).toBe('203.0.113.7');
  });

  it('does not leak a request scope into the next request on the same keep-alive socket', async () => {
    const { client, events } = initNodeTest([httpServerIntegration()]);
    const base = await startServer();
    await (await fetch(`${base}/first`)).text();
    await (await fetch(`${base}/fail/second`)).text();
    await client.flush(1000);
    expect(events().map((event) => event.tags)).toEqual([{ path: '/fail/second' }]);
  });

  it('counts requests as release-health aggregates (exited / errored) with a release', async () => {
    const { client, items } = initNodeTest([httpServerIntegration()], { release: 'api@1.0.0', environment: 'test' });
    const base = await startServer();
    for (const path of ['/ok', '/ok', '/fail']) await (await fetch(`${base}${path}`)).text();
    await client.flush(1000);
    const [sessions] = items<{ aggregates: Array<Record<string, unknown>>; attrs: unknown }>('sessions');
    expect(sessions.attrs).toEqual({ release: 'api@1.0.0', environment: 'test' });
    expect(sessions.aggregates).toHaveLength(1);
    expect(sessions.aggregates[0]).toEqual({ started: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/), exited: 2, errored: 1 });
  });
});
