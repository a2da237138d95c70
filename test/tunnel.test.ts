// The tunnel is closed: an envelope reaches the upstream only when its header names an
// allowed DSN, and only at the URL built from that DSN. Every SSRF attempt gets a 4xx with
// nothing sent to the inbox (the allowed upstream) nor to a foreign listener.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createEnvelope, parseDsn, serializeEnvelope, uuid4 } from '@faultline/core';
import { createTunnelHandler } from '@faultline/node';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { findAllowedDsn } from '../packages/node/src/tunnel/allowed';
import { messageOf } from '../packages/core/test/helpers';

const MiB = 1024 * 1024;

let inbox: Inbox;
let foreign: Server;
let foreignHits = 0;
let tunnelServer: Server;
let tunnelUrl: string;
let foreignPort: number;

const portOf = (server: Server): number => (server.address() as AddressInfo).port;
const listen = (server: Server): Promise<void> => new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const closeServer = (server: Server | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A browser-style envelope (what `@faultline/browser` sends to a tunnel) naming `dsn`. */
function envelopeFor(dsn: unknown, message = 'through the tunnel'): string {
  const eventId = uuid4();
  const header = { event_id: eventId, sent_at: new Date().toISOString(), dsn, sdk: { name: 'faultline.javascript.browser', version: '0.1.0' } };
  return serializeEnvelope(
    createEnvelope(header as never, [[{ type: 'event' }, { event_id: eventId, logentry: { message, formatted: message }, level: 'error', platform: 'javascript' }]]),
  ) as string;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** POSTs (or `method`s) `body` to `url` with full control over headers; chunks are sent chunked. */
function send(
  url: string,
  body: string | Uint8Array | Uint8Array[] = '',
  { method = 'POST', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(body);
    const request = httpRequest(url, {
      method,
      headers: { 'content-type': 'text/plain;charset=UTF-8', ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    if (chunked) {
      for (const chunk of body) request.write(chunk);
      request.end();
    } else {
      request.end(body);
    }
  });
}

beforeAll(async () => {
  inbox = await startInbox({ quiet: true });
  foreign = createServer((req, res) => {
    foreignHits++;
    res.end('foreign');
  });
  await listen(foreign);
  foreignPort = portOf(foreign);
  tunnelServer = createServer(createTunnelHandler({ dsn: inbox.dsn }));
  await listen(tunnelServer);
  tunnelUrl = `http://127.0.0.1:${portOf(tunnelServer)}/tunnel`;
});

afterAll(async () => {
  await Promise.all([closeServer(tunnelServer), closeServer(foreign), inbox?.close()]);
});

let forwardedBefore = 0;
beforeEach(() => {
  forwardedBefore = inbox.requests().length;
  foreignHits = 0;
});

/** Nothing reached the inbox since the test began, and nothing ever reached the foreign listener. */
function expectNothingForwarded(): void {
  expect(inbox.requests().length).toBe(forwardedBefore);
  expect(foreignHits).toBe(0);
}

describe('the happy path', () => {
  it('forwards a browser envelope to the allowed DSN, with its own auth and none of the browser headers', async () => {
    const body = envelopeFor(inbox.dsn, 'tunnelled once');
    // The request itself points elsewhere in every way it can; the tunnel must not care.
    const answer = await send(`${tunnelUrl}?dsn=${encodeURIComponent(`http://k@127.0.0.1:${foreignPort}/1`)}`, body, {
      headers: {
        cookie: 'sessionid=browser-session-cookie',
        authorization: 'Bearer browser-bearer-token',
        'x-sentry-auth': 'Sentry sentry_key=someone-elses-key, sentry_version=7',
        'x-forwarded-host': `127.0.0.1:${foreignPort}`,
        host: `127.0.0.1:${foreignPort}`,
        'user-agent': 'Mozilla/5.0 (browser)',
      },
    });
    expect(answer.status).toBe(200);

    const [forwarded] = inbox.requests().slice(forwardedBefore);
    expect(forwarded.path).toBe('/api/1/envelope/');
    expect(new URL(forwarded.url, 'http://x').searchParams.get('sentry_key')).toBe(inbox.key);
    expect(Buffer.from(forwarded.body).toString('utf8')).toBe(body);
    expect(forwarded.headers['content-type']).toBe('application/x-sentry-envelope');
    for (const name of ['cookie', 'authorization', 'x-sentry-auth', 'x-forwarded-host', 'x-forwarded-for', 'user-agent']) {
      expect(forwarded.headers[name], name).toBeUndefined();
    }
    expect(forwarded.headers.host).toBe(`127.0.0.1:${inbox.port}`);
    expect(inbox.events().some((event) => messageOf(event) === 'tunnelled once')).toBe(true);
    expect(foreignHits).toBe(0);
  });

  it('accepts a gzip body and forwards the envelope it holds', async () => {
    const body = envelopeFor(inbox.dsn, 'gzipped through the tunnel');
    const answer = await send(tunnelUrl, gzipSync(body), { headers: { 'content-encoding': 'gzip' } });
    expect(answer.status).toBe(200);
    expect(inbox.events().some((event) => messageOf(event) === 'gzipped through the tunnel')).toBe(true);
  });

  it('reads a chunked body without Content-Length', async () => {
    const bytes = Buffer.from(envelopeFor(inbox.dsn, 'chunked through the tunnel'));
    const answer = await send(tunnelUrl, [bytes.subarray(0, 7), bytes.subarray(7, 50), bytes.subarray(50)]);
    expect(answer.status).toBe(200);
    expect(inbox.events().some((event) => messageOf(event) === 'chunked through the tunnel')).toBe(true);
  });

  it('passes back the upstream status, X-Sentry-Rate-Limits and Retry-After', async () => {
    const limited = await startInbox({
      quiet: true,
      respond: () => ({ status: 429, headers: { 'X-Sentry-Rate-Limits': '60:error:key', 'Retry-After': '60' } }),
    });
    const server = createServer(createTunnelHandler({ dsn: limited.dsn }));
    await listen(server);
    try {
      const answer = await send(`http://127.0.0.1:${portOf(server)}/`, envelopeFor(limited.dsn));
      expect(answer.status).toBe(429);
      expect(answer.headers['x-sentry-rate-limits']).toBe('60:error:key');
      expect(answer.headers['retry-after']).toBe('60');
      expect(limited.requests()).toHaveLength(1);
    } finally {
      await closeServer(server);
      await limited.close();
    }
  });

  it('routes each envelope to its own DSN among allowedDsns', async () => {
    const second = await startInbox({ quiet: true });
    const server = createServer(createTunnelHandler({ allowedDsns: [inbox.dsn, second.dsn] }));
    await listen(server);
    try {
      const url = `http://127.0.0.1:${portOf(server)}/`;
      expect((await send(url, envelopeFor(second.dsn, 'for the second inbox'))).status).toBe(200);
      expect((await send(url, envelopeFor(inbox.dsn, 'for the first inbox'))).status).toBe(200);
      expect(second.events().map(messageOf)).toEqual(['for the second inbox']);
      expect(inbox.events().some((event) => messageOf(event) === 'for the first inbox')).toBe(true);
    } finally {
      await closeServer(server);
      await second.close();
    }
  });

  it('takes allowedDsns as a single string too', async () => {
    const server = createServer(createTunnelHandler({ allowedDsns: inbox.dsn as unknown as string[] }));
    await listen(server);
    try {
      expect((await send(`http://127.0.0.1:${portOf(server)}/`, envelopeFor(inbox.dsn, 'one allowed string'))).status).toBe(200);
      expect(inbox.events().some((event) => messageOf(event) === 'one allowed string')).toBe(true);
    } finally {
      await closeServer(server);
    }
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const gone = createServer();
    await listen(gone);
    const deadDsn = `http://abc@127.0.0.1:${portOf(gone)}/1`;
    await closeServer(gone);
    const server = createServer(createTunnelHandler({ dsn: deadDsn }));
    await listen(server);
    try {
      expect((await send(`http://127.0.0.1:${portOf(server)}/`, envelopeFor(deadDsn))).status).toBe(502);
    } finally {
      await closeServer(server);
    }
  });
});

describe('SSRF attempts: a 4xx and nothing forwarded', () => {
  const attempts: Array<[string, () => string, number]> = [
    ['a foreign host', () => `http://${inbox.key}@evil.example/1`, 403],
    ['a foreign host on this machine', () => `http://${inbox.key}@localhost:${foreignPort}/1`, 403],
    ['another project', () => `http://${inbox.key}@127.0.0.1:${inbox.port}/2`, 403],
    ['another key', () => `http://0123456789abcdef0123456789abcdef@127.0.0.1:${inbox.port}/1`, 403],
    ['a different port', () => `http://${inbox.key}@127.0.0.1:${foreignPort}/1`, 403],
    ['a different protocol', () => `https://${inbox.key}@127.0.0.1:${inbox.port}/1`, 403],
    ['an IP literal (cloud metadata)', () => `http://${inbox.key}@169.254.169.254/1`, 403],
    ['an IPv4-mapped IPv6 literal of the upstream', () => `http://${inbox.key}@[::ffff:7f00:1]:${inbox.port}/1`, 403],
    ['a decimal IP literal of the upstream', () => `http://${inbox.key}@2130706433:${inbox.port}/1`, 403],
    ['the allowed host as userinfo', () => `http://127.0.0.1:${inbox.port}@evil.example/1`, 403],
    ['the allowed DSN as userinfo', () => `http://${inbox.key}@127.0.0.1:${inbox.port}@127.0.0.1:${foreignPort}/1`, 403],
    ['a fragment before the host', () => `http://${inbox.key}@127.0.0.1:${inbox.port}#@127.0.0.1:${foreignPort}/1`, 400],
    ['path traversal in front of the project', () => `http://${inbox.key}@127.0.0.1:${inbox.port}/../../1`, 403],
    ['path traversal to another project', () => `http://${inbox.key}@127.0.0.1:${inbox.port}/1/../2`, 403],
    ['an encoded traversal as the project', () => `http://${inbox.key}@127.0.0.1:${inbox.port}/1%2F..%2F2`, 400],
    ['file:', () => 'file:///etc/passwd', 400],
    ['file: shaped like a DSN', () => `file://${inbox.key}@127.0.0.1/1`, 400],
    ['a DSN with surrounding whitespace', () => ` ${inbox.dsn}`, 400],
  ];

  it.each(attempts)('%s', async (_name, dsn, status) => {
    const answer = await send(tunnelUrl, envelopeFor(dsn()));
    expect(answer.status).toBe(status);
    expectNothingForwarded();
  });

  const malformed: Array<[string, string | Uint8Array]> = [
    ['an empty body', ''],
    ['a header that is not JSON', 'dsn=http://a@b/1\n{"type":"event"}\n{}\n'],
    ['a header that is a JSON array', '["dsn"]\n{"type":"event"}\n{}\n'],
    ['a header without dsn', '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"}\n{"type":"event"}\n{}\n'],
    ['a dsn that is not a string', '{"dsn":42}\n{"type":"event"}\n{}\n'],
    ['a dsn that is an object', '{"dsn":{"host":"127.0.0.1"}}\n{"type":"event"}\n{}\n'],
    ['a header split over lines', '{\n"dsn":"x"}\n'],
    ['a header that is not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a])],
  ];

  it.each(malformed)('a malformed header: %s', async (_name, body) => {
    const answer = await send(tunnelUrl, body);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/header|dsn/);
    expectNothingForwarded();
  });

  it('an oversized body with Content-Length: 413', async () => {
    const body = envelopeFor(inbox.dsn) + 'x'.repeat(MiB);
    const answer = await send(tunnelUrl, body);
    expect(answer.status).toBe(413);
    expectNothingForwarded();
  });

  it('an oversized chunked body: 413 while it streams', async () => {
    const header = Buffer.from(envelopeFor(inbox.dsn));
    const chunks = [header, ...Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x78))];
    const answer = await send(tunnelUrl, chunks);
    expect(answer.status).toBe(413);
    expectNothingForwarded();
  });

  it('a small gzip body that inflates past the cap: 413', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(envelopeFor(inbox.dsn)), Buffer.alloc(64 * MiB, 0x20)]));
    expect(bomb.byteLength).toBeLessThan(MiB / 4);
    const answer = await send(tunnelUrl, bomb, { headers: { 'content-encoding': 'gzip' } });
    expect(answer.status).toBe(413);
    expectNothingForwarded();
  });

  it('a corrupt gzip body: 400; an unknown encoding: 415', async () => {
    expect((await send(tunnelUrl, 'not gzip at all', { headers: { 'content-encoding': 'gzip' } })).status).toBe(400);
    expect((await send(tunnelUrl, envelopeFor(inbox.dsn), { headers: { 'content-encoding': 'zstd' } })).status).toBe(415);
    expectNothingForwarded();
  });

  it('a smaller maxBodyBytes is honoured', async () => {
    const server = createServer(createTunnelHandler({ dsn: inbox.dsn, maxBodyBytes: 100 }));
    await listen(server);
    try {
      const answer = await send(`http://127.0.0.1:${portOf(server)}/`, envelopeFor(inbox.dsn));
      expect(answer.status).toBe(413);
      expectNothingForwarded();
    } finally {
      await closeServer(server);
    }
  });

  it.each(['GET', 'PUT', 'DELETE', 'OPTIONS'])('%s: 405 with Allow: POST', async (method) => {
    const answer = await send(tunnelUrl, method === 'GET' ? '' : envelopeFor(inbox.dsn), { method });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expectNothingForwarded();
  });

  it('options that throw when read: no throw at setup, and nothing forwarded', async () => {
    const hostile = Object.defineProperty({}, 'dsn', { get: () => { throw new Error('hostile'); }, enumerable: true });
    const server = createServer(createTunnelHandler(hostile));
    await listen(server);
    try {
      expect((await send(`http://127.0.0.1:${portOf(server)}/`, envelopeFor(inbox.dsn))).status).toBe(500);
      expectNothingForwarded();
    } finally {
      await closeServer(server);
    }
  });

  it('a tunnel whose configured DSN is invalid forwards nothing', async () => {
    const server = createServer(createTunnelHandler({ dsn: 'file:///etc/passwd' }));
    await listen(server);
    try {
      const answer = await send(`http://127.0.0.1:${portOf(server)}/`, envelopeFor('file:///etc/passwd'));
      expect(answer.status).toBe(500);
      expectNothingForwarded();
    } finally {
      await closeServer(server);
    }
  });
});

describe('DSN comparison', () => {
  const allowed = [parseDsn('https://abc@o1.ingest.example.com/sub/42')];
  it.each([
    ['the same DSN', 'https://abc@o1.ingest.example.com/sub/42', true],
    ['an upper-case host', 'https://abc@O1.Ingest.Example.com/sub/42', true],
    ['the default port written out', 'https://abc@o1.ingest.example.com:443/sub/42', true],
    ['a secret key added', 'https://abc:ignored@o1.ingest.example.com/sub/42', true],
    ['another port', 'https://abc@o1.ingest.example.com:8443/sub/42', false],
    ['http', 'http://abc@o1.ingest.example.com/sub/42', false],
    ['no path prefix', 'https://abc@o1.ingest.example.com/42', false],
    ['another path prefix', 'https://abc@o1.ingest.example.com/other/42', false],
    ['a leading zero in the project', 'https://abc@o1.ingest.example.com/sub/042', false],
    ['a host that only starts like it', 'https://abc@o1.ingest.example.com.evil.example/sub/42', false],
    ['a key in another case', 'https://ABC@o1.ingest.example.com/sub/42', false],
  ])('%s: allowed is %s', (_name, claimed, expected) => {
    expect(findAllowedDsn(parseDsn(claimed), allowed) !== undefined).toBe(expected);
  });
});

describe('framework adapters', () => {
  it('Fastify: `app.register(tunnel.fastify, { path })` forwards, refuses and caps', async () => {
    const app = Fastify();
    app.register(createTunnelHandler({ dsn: inbox.dsn, maxBodyBytes: 64 * 1024 }).fastify, { path: '/tunnel' });
    app.get('/', async () => 'app');
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${portOf(app.server)}/tunnel`;
      expect((await send(url, envelopeFor(inbox.dsn, 'via fastify'))).status).toBe(200);
      expect(inbox.events().some((event) => messageOf(event) === 'via fastify')).toBe(true);
      const before = inbox.requests().length;
      // The Content-Type Fastify has no parser for still reaches the tunnel.
      const typed = { headers: { 'content-type': 'application/x-sentry-envelope' } };
      expect((await send(url, envelopeFor(`http://${inbox.key}@127.0.0.1:${foreignPort}/1`), typed)).status).toBe(403);
      expect((await send(url, envelopeFor(inbox.dsn) + 'x'.repeat(65 * 1024), typed)).status).toBe(413);
      expect((await send(url, '', { method: 'GET' })).status).toBe(405);
      expect(inbox.requests().length).toBe(before);
      expect(foreignHits).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('Hono: `app.post(path, tunnel.hono)` forwards, refuses and caps', async () => {
    const app = new Hono();
    app.all('/tunnel', createTunnelHandler({ dsn: inbox.dsn, maxBodyBytes: 64 * 1024 }).hono);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise((resolve) => (server.listening ? resolve(undefined) : server.once('listening', resolve)));
    try {
      const url = `http://127.0.0.1:${portOf(server)}/tunnel`;
      expect((await send(url, envelopeFor(inbox.dsn, 'via hono'))).status).toBe(200);
      expect(inbox.events().some((event) => messageOf(event) === 'via hono')).toBe(true);
      const before = inbox.requests().length;
      expect((await send(url, envelopeFor(`http://another@127.0.0.1:${inbox.port}/1`))).status).toBe(403);
      expect((await send(url, envelopeFor(inbox.dsn) + 'x'.repeat(65 * 1024))).status).toBe(413);
      expect((await send(url, '', { method: 'GET' })).status).toBe(405);
      expect(inbox.requests().length).toBe(before);
    } finally {
      await closeServer(server);
    }
  });
});
