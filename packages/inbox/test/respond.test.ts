import { describe, expect, it } from 'vitest';
import type { ScriptedRequest } from '../src/index';
import { errorEvent, eventEnvelope, postEnvelope, testInbox } from './helpers';

describe('respond: scripted answers', () => {
  it('uses a list one answer per ingest request, then answers normally', async () => {
    const inbox = await testInbox({
      respond: [
        { status: 429, headers: { 'Retry-After': '7' } },
        { status: 503 },
        { headers: { 'X-Sentry-Rate-Limits': '60:error:key' } },
      ],
    });
    const statuses: number[] = [];
    const headers: Array<string | null> = [];
    for (let i = 0; i < 4; i++) {
      const response = await postEnvelope(inbox, eventEnvelope(errorEvent({ event_id: undefined, message: `try ${i}` }), { event_id: undefined }));
      statuses.push(response.status);
      headers.push(response.headers.get('retry-after') ?? response.headers.get('x-sentry-rate-limits'));
    }
    expect(statuses).toEqual([429, 503, 200, 200]);
    expect(headers).toEqual(['7', null, '60:error:key', null]);
    // Non-2xx answers stored nothing; the 2xx ones did.
    expect(inbox.events().map((event) => event.message)).toEqual(['try 2', 'try 3']);
    expect(inbox.requests().map((request) => request.status)).toEqual([429, 503, 200, 200]);
  });

  it('calls a function with the request, body decoded', async () => {
    const seen: ScriptedRequest[] = [];
    const inbox = await testInbox({
      respond: (request) => {
        seen.push(request);
        return request.index === 0 ? { status: 500 } : undefined;
      },
    });
    await postEnvelope(inbox, eventEnvelope());
    await postEnvelope(inbox, eventEnvelope());
    expect(seen.map((request) => [request.index, request.method, request.path])).toEqual([
      [0, 'POST', '/api/1/envelope/'],
      [1, 'POST', '/api/1/envelope/'],
    ]);
    expect(Buffer.from(seen[0].body).toString()).toBe(eventEnvelope());
    expect(seen[0].url).toBe(`/api/1/envelope/?sentry_version=7&sentry_key=${inbox.key}`);
    expect(inbox.events()).toHaveLength(1);
  });

  it('waits for an async function', async () => {
    const inbox = await testInbox({ respond: async ({ index }) => (index === 0 ? { status: 502 } : undefined) });
    expect((await postEnvelope(inbox, eventEnvelope())).status).toBe(502);
    expect((await postEnvelope(inbox, eventEnvelope())).status).toBe(200);
    expect(inbox.events()).toHaveLength(1);
  });

  it('stores a non-2xx answer when told, and never stores bad input', async () => {
    const inbox = await testInbox({ respond: [{ status: 429, store: true }, { status: 200 }] });
    expect((await postEnvelope(inbox, eventEnvelope())).status).toBe(429);
    expect(inbox.events()).toHaveLength(1);
    const malformed = await postEnvelope(inbox, '{}\n{"type":"event","length":9}\n{}\n');
    expect(malformed.status).toBe(400);
    expect(inbox.envelopes()).toHaveLength(1);
  });

  it('drops the connection without an answer', async () => {
    const inbox = await testInbox({ respond: [{ destroy: true }] });
    await expect(postEnvelope(inbox, eventEnvelope())).rejects.toThrow();
    expect(inbox.events()).toEqual([]);
    expect((await postEnvelope(inbox, eventEnvelope())).status).toBe(200);
    expect(inbox.requests().map((request) => request.status)).toEqual([0, 200]);
  });

  it('delays the answer; the envelope is stored before it', async () => {
    const inbox = await testInbox({ respond: [{ delayMs: 300 }] });
    const started = Date.now();
    const pending = postEnvelope(inbox, eventEnvelope());
    await inbox.waitFor(1);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers 500 naming the problem when the script is broken', async () => {
    const inbox = await testInbox({
      respond: () => {
        throw new Error('oops in test');
      },
    });
    const response = await postEnvelope(inbox, eventEnvelope());
    expect(response.status).toBe(500);
    expect(response.headers.get('x-sentry-error')).toBe('the respond script failed: oops in test');
    const invalid = await testInbox({ respond: [{ status: 42 }] });
    expect((await postEnvelope(invalid, eventEnvelope())).headers.get('x-sentry-error')).toMatch(/status must be/);
  });
});

describe('waiting', () => {
  it('waitFor resolves with the events once enough arrived', async () => {
    const inbox = await testInbox();
    const waiting = inbox.waitFor(2, 5000);
    await postEnvelope(inbox, eventEnvelope(errorEvent({ message: 'one' })));
    await postEnvelope(inbox, eventEnvelope(errorEvent({ message: 'two' })));
    expect((await waiting).map((event) => event.message)).toEqual(['one', 'two']);
  });

  it('waitFor rejects at the timeout, saying how many arrived', async () => {
    const inbox = await testInbox();
    await postEnvelope(inbox, eventEnvelope());
    await expect(inbox.waitFor(2, 100)).rejects.toThrow('waited 100 ms for 2 events, got 1');
  });

  it('waitForRequests counts refused requests too', async () => {
    const inbox = await testInbox({ respond: [{ status: 503 }] });
    const waiting = inbox.waitForRequests(1, 5000);
    await postEnvelope(inbox, eventEnvelope());
    expect((await waiting)[0]).toMatchObject({ method: 'POST', path: '/api/1/envelope/', status: 503 });
    expect((await inbox.waitForEnvelopes(0)).length).toBe(0);
  });

  it('close() rejects pending waits and ends scripted delays', async () => {
    const inbox = await testInbox({ respond: [{ delayMs: 60_000 }] });
    const waiting = inbox.waitFor(5, 60_000).catch((error: Error) => error);
    const request = postEnvelope(inbox, eventEnvelope()).catch((error: Error) => error);
    await inbox.waitFor(1);
    const started = Date.now();
    await inbox.close();
    expect(String(await waiting)).toBe('Error: the inbox was closed');
    expect(await request).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
