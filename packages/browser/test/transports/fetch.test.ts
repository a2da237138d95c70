// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { createEnvelope } from '@faultline/core';
import type { Envelope } from '@faultline/core';
import { makeFetchTransport } from '../../src/transports/fetch';
import { settle } from '../helpers';

const URL_WITH_AUTH = 'https://o1.ingest.example.com/api/42/envelope/?sentry_version=7&sentry_key=public';

interface Call {
  url: string;
  init: RequestInit;
  respond(status: number, headers?: Record<string, string>): void;
  fail(): void;
}

/** Stands in for the network: records each request and lets the test answer it. */
function fakeFetch(): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = ((url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      calls.push({
        url,
        init,
        respond: (status, headers) => resolve(new Response(null, { status, headers })),
        fail: () => reject(new TypeError('Failed to fetch')),
      });
    })) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

function eventEnvelope(bytes: number): Envelope {
  return createEnvelope({ event_id: 'a'.repeat(32) }, [[{ type: 'event' }, { message: 'x'.repeat(bytes) }]]);
}

function transportWith(network: { fetch: typeof fetch }, dropped: unknown[] = []) {
  return makeFetchTransport({ url: URL_WITH_AUTH, recordDroppedEvent: (...args) => dropped.push(args) }, network.fetch);
}

describe('fetch transport', () => {
  test('a simple CORS request: POST to the auth URL, text/plain, no other headers', async () => {
    const network = fakeFetch();
    const sent = transportWith(network).send(eventEnvelope(10));
    await settle();
    const [call] = network.calls;
    expect(call.url).toBe(URL_WITH_AUTH);
    expect(call.init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } });
    expect(Object.keys(call.init.headers as object)).toEqual(['Content-Type']);
    expect(String(call.init.body).split('\n')[1]).toMatch(/^\{"type":"event","length":\d+\}$/);
    call.respond(200);
    expect(await sent).toMatchObject({ statusCode: 200 });
  });

  test('keepalive only while the pending bodies stay under 60 KB', async () => {
    const network = fakeFetch();
    const transport = transportWith(network);
    void transport.send(eventEnvelope(40_000));
    void transport.send(eventEnvelope(40_000));
    await settle();
    expect(network.calls.map((call) => call.init.keepalive)).toEqual([true, false]);
    network.calls[0].respond(200);
    network.calls[1].respond(200);
    await settle();
    void transport.send(eventEnvelope(40_000));
    await settle();
    expect(network.calls[2].init.keepalive).toBe(true);
  });

  test('keepalive only while fewer than 15 requests are in flight', async () => {
    const network = fakeFetch();
    const transport = transportWith(network);
    for (let i = 0; i < 16; i++) void transport.send(eventEnvelope(10));
    await settle();
    expect(network.calls.map((call) => call.init.keepalive)).toEqual([...Array(14).fill(true), false, false]);
  });

  test('rate-limit headers reach the transport: a limited category is then dropped and counted', async () => {
    const network = fakeFetch();
    const dropped: unknown[] = [];
    const transport = transportWith(network, dropped);
    const first = transport.send(eventEnvelope(10));
    await settle();
    network.calls[0].respond(200, { 'X-Sentry-Rate-Limits': '60:error:organization' });
    await first;
    await transport.send(eventEnvelope(10));
    expect(network.calls).toHaveLength(1);
    expect(dropped).toEqual([['ratelimit_backoff', 'error', 1]]);
  });

  test('a network failure never rejects', async () => {
    const network = fakeFetch();
    const sent = transportWith(network).send(eventEnvelope(10));
    await settle();
    network.calls[0].fail();
    await expect(sent).resolves.not.toThrow();
  });

  test('the page becoming hidden flushes the transport; becoming visible does not', () => {
    const transport = transportWith(fakeFetch());
    const flushes: unknown[] = [];
    const original = transport.flush;
    transport.flush = (timeout) => (flushes.push(timeout), original(timeout));
    const becomes = (state: DocumentVisibilityState): void => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    becomes('visible');
    expect(flushes).toHaveLength(0);
    becomes('hidden');
    expect(flushes).toHaveLength(1);
  });
});
