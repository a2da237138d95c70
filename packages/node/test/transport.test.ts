// The Node transport against real local servers: auth header, keep-alive and its socket
// bound, gzip threshold, timeouts and failures counted as outcomes.

import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createEnvelope } from '@faultline/core';
import type { DataCategory, Outcome } from '@faultline/core';
import { makeNodeTransport } from '../src/transports/http';

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  socket: unknown;
}

let server: Server | undefined;

afterEach(async () => {
  if (!server) return;
  const closing = server;
  server = undefined;
  closing.closeAllConnections();
  await new Promise((resolve) => closing.close(resolve));
});

async function listen(answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end()) {
  const received: Received[] = [];
  const sockets = new Set<unknown>();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), socket: req.socket });
      answer(req, res);
    });
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { received, sockets, port: (server.address() as AddressInfo).port };
}

function transportFor(port: number, extra: Record<string, unknown> = {}) {
  const dropped: Array<[Outcome, DataCategory]> = [];
  const transport = makeNodeTransport({
    url: `http://127.0.0.1:${port}/api/1/envelope/?sentry_version=7&sentry_key=pub&sentry_client=faultline.javascript.node%2F0.1.0`,
    recordDroppedEvent: (reason, category) => void dropped.push([reason, category]),
    ...extra,
  });
  return { transport, dropped };
}

const eventEnvelope = (message: string) =>
  createEnvelope({ event_id: 'a'.repeat(32) }, [[{ type: 'event' }, { message }]]);

describe('makeNodeTransport', () => {
  it('moves the query-string auth into X-Sentry-Auth and posts the envelope', async () => {
    const { received, port } = await listen();
    const { transport } = transportFor(port);
    const response = await transport.send(eventEnvelope('hello'));
    expect(response).toMatchObject({ statusCode: 200 });
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/api/1/envelope/');
    expect(received[0].headers['x-sentry-auth']).toBe(
      'Sentry sentry_version=7, sentry_client=faultline.javascript.node/0.1.0, sentry_key=pub',
    );
    expect(received[0].headers['content-type']).toBe('application/x-sentry-envelope');
    expect(received[0].body.toString()).toContain('"message":"hello"');
  });

  it('leaves a tunnel URL without auth as it is', async () => {
    const { received, port } = await listen();
    const transport = makeNodeTransport({ url: `http://127.0.0.1:${port}/tunnel?x=1`, recordDroppedEvent: () => {} });
    await transport.send(eventEnvelope('tunnelled'));
    expect(received[0].url).toBe('/tunnel?x=1');
    expect(received[0].headers['x-sentry-auth']).toBeUndefined();
  });

  it('gzips only bodies above 32 KiB', async () => {
    const { received, port } = await listen();
    const { transport } = transportFor(port);
    const big = 'y'.repeat(40 * 1024);
    await transport.send(eventEnvelope('small'));
    await transport.send(createEnvelope({}, [[{ type: 'attachment', filename: 'a.txt' }, big]]));
    expect(received[0].headers['content-encoding']).toBeUndefined();
    expect(received[1].headers['content-encoding']).toBe('gzip');
    expect(Number(received[1].headers['content-length'])).toBe(received[1].body.length);
    expect(gunzipSync(received[1].body).toString()).toContain(big);
  });

  it('reuses keep-alive sockets and never opens more than maxSockets', async () => {
    const { sockets, port } = await listen((_req, res) => setTimeout(() => res.end(), 20));
    const { transport } = transportFor(port, { maxSockets: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => transport.send(eventEnvelope(`burst ${i}`))));
    expect(sockets.size).toBe(3);
    await transport.send(eventEnvelope('later'));
    expect(sockets.size).toBe(3);
  });

  it('returns status and lower-case headers, so rate limits apply', async () => {
    const { received, port } = await listen((_req, res) => {
      res.writeHead(429, { 'X-Sentry-Rate-Limits': '60:error:key', 'Retry-After': '60' }).end();
    });
    const { transport, dropped } = transportFor(port);
    const response = await transport.send(eventEnvelope('limited'));
    expect(response).toMatchObject({ statusCode: 429, headers: { 'x-sentry-rate-limits': '60:error:key' } });
    await transport.send(eventEnvelope('not sent'));
    expect(received).toHaveLength(1);
    expect(dropped).toEqual([
      ['ratelimit_backoff', 'error'],
      ['ratelimit_backoff', 'error'],
    ]);
  });

  it('gives up on a server that never answers after `timeout`, counting a network error', async () => {
    const { port } = await listen(() => {});
    const { transport, dropped } = transportFor(port, { timeout: 200 });
    const start = Date.now();
    await transport.send(eventEnvelope('stuck'));
    expect(Date.now() - start).toBeLessThan(5000);
    expect(dropped).toEqual([['network_error', 'error']]);
  });

  it('counts a refused connection as a network error and never throws', async () => {
    const { port } = await listen();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const { transport, dropped } = transportFor(port);
    await expect(transport.send(eventEnvelope('nobody there'))).resolves.toBeUndefined();
    expect(dropped).toEqual([['network_error', 'error']]);
  });

  it('counts an unusable URL as a network error instead of throwing at init', async () => {
    const dropped: string[] = [];
    const transport = makeNodeTransport({ url: 'not a url', recordDroppedEvent: (reason) => void dropped.push(reason) });
    await transport.send(eventEnvelope('x'));
    expect(dropped).toEqual(['network_error']);
  });
});
