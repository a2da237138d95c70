// The Node transport in real processes: X-Sentry-Auth, gzip above 32 KiB, HTTPS through a
// CONNECT proxy (with extra CA certificates), a plain http proxy, and NO_PROXY.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import type { Server as TlsServer } from 'node:tls';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { assertBuilt, nodeFixture, runNode } from './helpers/node';

let inbox: Inbox;
let certDir: string;
let tlsServer: TlsServer;
let proxy: Server;
/** What the proxy saw: CONNECT targets and absolute-form request URLs, with their auth. */
let proxied: Array<{ method: string; target: string; authorization?: string }> = [];

const script = nodeFixture('send.mjs');
const portOf = (server: { address(): AddressInfo | string | null }): number => (server.address() as AddressInfo).port;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
  certDir = mkdtempSync(join(tmpdir(), 'faultline-tls-'));
  // A throwaway self-signed certificate for localhost, made for this run only.
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
  ], { stdio: 'ignore' });
  // TLS in front of the inbox, so the DSN can be https.
  tlsServer = createTlsServer(
    { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
    (socket) => socket.pipe(connect(inbox.port, '127.0.0.1')).pipe(socket).on('error', () => socket.destroy()),
  );
  proxy = createServer(forwardPlainRequest);
  proxy.on('connect', (req: IncomingMessage, client, head) => {
    proxied.push({ method: 'CONNECT', target: req.url ?? '', authorization: req.headers['proxy-authorization'] });
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await Promise.all([
    new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve)),
    new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve)),
  ]);
});

afterAll(async () => {
  proxy.closeAllConnections();
  await Promise.all([
    new Promise((resolve) => proxy.close(resolve)),
    new Promise((resolve) => tlsServer.close(resolve)),
    inbox.close(),
  ]);
  rmSync(certDir, { recursive: true, force: true });
});

/** A plain http proxy: the request target is the absolute URL to forward to. */
function forwardPlainRequest(req: IncomingMessage, res: import('node:http').ServerResponse): void {
  proxied.push({ method: req.method ?? '', target: req.url ?? '', authorization: req.headers['proxy-authorization'] });
  const headers = { ...req.headers };
  delete headers['proxy-authorization'];
  const upstream = request(req.url ?? '', { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

const httpsDsn = (): string => `https://${inbox.key}@localhost:${portOf(tlsServer)}/1`;

async function sendAndFindRequest(env: Record<string, string>) {
  const before = inbox.requests().length;
  const run = await runNode(script, { env });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('flushed true\n');
  const requests = inbox.requests().slice(before);
  expect(requests).toHaveLength(1);
  return requests[0];
}

describe('node transport', () => {
  it('authenticates with X-Sentry-Auth, not the query string', async () => {
    const received = await sendAndFindRequest({ SENTRY_DSN: inbox.dsn });
    expect(received.url).toBe('/api/1/envelope/');
    expect(received.headers['x-sentry-auth']).toBe(
      `Sentry sentry_version=7, sentry_client=faultline.javascript.node/0.1.0, sentry_key=${inbox.key}`,
    );
    expect(received.headers['content-type']).toBe('application/x-sentry-envelope');
    expect(received.headers['content-encoding']).toBeUndefined();
  });

  it('gzips a body over 32 KiB, and the server decodes it intact', async () => {
    const received = await sendAndFindRequest({ SENTRY_DSN: inbox.dsn, ATTACHMENT_BYTES: String(64 * 1024) });
    expect(received.headers['content-encoding']).toBe('gzip');
    expect(Number(received.headers['content-length'])).toBeLessThan(32 * 1024);
    const envelope = inbox.envelopes().at(-1)!;
    const attachment = envelope.items.find(([headers]) => headers.type === 'attachment')!;
    expect(attachment[0]).toMatchObject({ filename: 'big.txt', length: 64 * 1024 });
    expect(Buffer.from(attachment[1] as Uint8Array).toString()).toBe('x'.repeat(64 * 1024));
  });

  it('tunnels https through HTTPS_PROXY with CONNECT, trusting caCerts', async () => {
    proxied = [];
    const received = await sendAndFindRequest({
      SENTRY_DSN: httpsDsn(),
      HTTPS_PROXY: `http://user:p%40ss@127.0.0.1:${portOf(proxy)}`,
      CA_FILE: join(certDir, 'cert.pem'),
    });
    expect(proxied).toEqual([
      {
        method: 'CONNECT',
        target: `localhost:${portOf(tlsServer)}`,
        authorization: `Basic ${Buffer.from('user:p@ss').toString('base64')}`,
      },
    ]);
    expect(received.headers['x-sentry-auth']).toContain(`sentry_key=${inbox.key}`);
  });

  it('refuses a server certificate it was not told to trust', async () => {
    const before = inbox.requests().length;
    const run = await runNode(script, { env: { SENTRY_DSN: httpsDsn() } });
    expect(run.stdout).toBe('flushed true\n');
    expect(inbox.requests().length).toBe(before);
  });

  it('sends http through HTTP_PROXY with the absolute URL as request target', async () => {
    proxied = [];
    await sendAndFindRequest({ SENTRY_DSN: inbox.dsn, HTTP_PROXY: `http://127.0.0.1:${portOf(proxy)}`, NO_PROXY: '' });
    expect(proxied).toEqual([
      { method: 'POST', target: `http://127.0.0.1:${inbox.port}/api/1/envelope/`, authorization: undefined },
    ]);
  });

  it('goes direct when NO_PROXY names the host', async () => {
    proxied = [];
    await sendAndFindRequest({
      SENTRY_DSN: httpsDsn(),
      HTTPS_PROXY: `http://127.0.0.1:${portOf(proxy)}`,
      NO_PROXY: 'example.com, localhost',
      CA_FILE: join(certDir, 'cert.pem'),
    });
    expect(proxied).toEqual([]);
  });
});
