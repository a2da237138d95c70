import { describe, expect, it, vi } from 'vitest';
import { createEnvelope, parseEnvelope, serializeEnvelope } from '../src/envelope';
import { createTransport } from '../src/transport';
import type { BaseTransportOptions, DiscardedEvent, Envelope, TransportRequest, TransportResponse } from '../src/types';

const eventEnvelope = (message = 'boom'): Envelope =>
  createEnvelope({ event_id: 'e1' }, [
    [{ type: 'event' }, { message }],
    [{ type: 'attachment', filename: 'a.txt' }, 'hello'],
  ]);
const sessionEnvelope = (): Envelope => createEnvelope({}, [[{ type: 'session' }, { sid: 's', status: 'ok' }]]);
const clientReportEnvelope = (): Envelope =>
  createEnvelope({}, [[{ type: 'client_report' }, { timestamp: 1, discarded_events: [] }]]);

interface PendingRequest {
  request: TransportRequest;
  respond(response: TransportResponse): void;
  fail(error: Error): void;
}

/** A transport whose requests wait until the test answers them, plus what it recorded. */
function setup(options: Partial<BaseTransportOptions> = {}) {
  const pending: PendingRequest[] = [];
  const outcomes: DiscardedEvent[] = [];
  const makeRequest = vi.fn(
    (request: TransportRequest) =>
      new Promise<TransportResponse>((respond, fail) => {
        pending.push({ request, respond, fail });
      }),
  );
  const transport = createTransport(
    {
      url: 'http://127.0.0.1:1/api/1/envelope/',
      recordDroppedEvent: (reason, category, quantity = 1) => outcomes.push({ reason, category, quantity }),
      ...options,
    },
    makeRequest,
  );
  return { transport, pending, outcomes, makeRequest };
}

/** Sends and answers the request at once. */
async function sendAnswered(context: ReturnType<typeof setup>, envelope: Envelope, answer: TransportResponse | Error) {
  const sent = context.transport.send(envelope);
  await vi.waitFor(() => expect(context.pending.length).toBeGreaterThan(0));
  const request = context.pending.shift()!;
  if (answer instanceof Error) request.fail(answer);
  else request.respond(answer);
  return sent;
}

const itemTypes = (body: string | Uint8Array) => parseEnvelope(body)[1].map(([headers]) => headers.type);

describe('createTransport: sending', () => {
  it('posts the serialized envelope and resolves with the response', async () => {
    const context = setup();
    const envelope = eventEnvelope();
    const response = await sendAnswered(context, envelope, { statusCode: 200, headers: {} });
    expect(response).toEqual({ statusCode: 200, headers: {} });
    expect(context.makeRequest).toHaveBeenCalledTimes(1);
    expect(context.makeRequest.mock.calls[0][0].body).toBe(serializeEnvelope(envelope));
    expect(context.outcomes).toEqual([]);
  });

  it('treats a response without a status as delivered', async () => {
    const context = setup();
    await sendAnswered(context, eventEnvelope(), undefined as unknown as TransportResponse);
    expect(context.outcomes).toEqual([]);
  });
});

describe('createTransport: rate limits', () => {
  it('drops limited items before sending, counts them by category, and sends the rest', async () => {
    const context = setup();
    await sendAnswered(context, sessionEnvelope(), { statusCode: 200, headers: { 'x-sentry-rate-limits': '60:error:key' } });
    const sent = context.transport.send(eventEnvelope());
    await vi.waitFor(() => expect(context.pending).toHaveLength(1));
    expect(itemTypes(context.pending[0].request.body)).toEqual(['attachment']);
    expect(parseEnvelope(context.pending[0].request.body)[0]).toEqual({ event_id: 'e1' });
    expect(context.outcomes).toEqual([{ reason: 'ratelimit_backoff', category: 'error', quantity: 1 }]);
    context.pending[0].respond({ statusCode: 200 });
    await sent;
  });

  it('makes no request when every item is limited', async () => {
    const context = setup();
    await sendAnswered(context, sessionEnvelope(), { statusCode: 429, headers: { 'retry-after': '30' } });
    context.outcomes.length = 0;
    await expect(context.transport.send(eventEnvelope())).resolves.toBeUndefined();
    expect(context.makeRequest).toHaveBeenCalledTimes(1);
    expect(context.outcomes).toEqual([
      { reason: 'ratelimit_backoff', category: 'error', quantity: 1 },
      { reason: 'ratelimit_backoff', category: 'attachment', quantity: 1 },
    ]);
  });

  it('counts an envelope rejected with 429 as ratelimit_backoff and blocks what follows', async () => {
    const context = setup();
    await sendAnswered(context, sessionEnvelope(), { statusCode: 429 });
    expect(context.outcomes).toEqual([{ reason: 'ratelimit_backoff', category: 'session', quantity: 1 }]);
    await context.transport.send(sessionEnvelope());
    expect(context.makeRequest).toHaveBeenCalledTimes(1);
  });

  it('lets a limit expire', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const context = setup();
      await sendAnswered(context, sessionEnvelope(), { statusCode: 200, headers: { 'x-sentry-rate-limits': '1:session:key' } });
      await context.transport.send(sessionEnvelope());
      expect(context.makeRequest).toHaveBeenCalledTimes(1);
      vi.setSystemTime(Date.now() + 1001);
      await sendAnswered(context, sessionEnvelope(), { statusCode: 200 });
      expect(context.makeRequest).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never counts a dropped client report', async () => {
    const context = setup();
    await sendAnswered(context, clientReportEnvelope(), { statusCode: 429 });
    await context.transport.send(clientReportEnvelope());
    expect(context.outcomes).toEqual([]);
  });
});

describe('createTransport: failures', () => {
  it('counts a 413 as send_error and does not offer it for retry', async () => {
    const onFailedSend = vi.fn(() => true);
    const context = setup({ onFailedSend });
    await sendAnswered(context, eventEnvelope(), { statusCode: 413 });
    expect(onFailedSend).not.toHaveBeenCalled();
    expect(context.outcomes).toEqual([
      { reason: 'send_error', category: 'error', quantity: 1 },
      { reason: 'send_error', category: 'attachment', quantity: 1 },
    ]);
  });

  it('counts other 4xx as send_error without retry', async () => {
    const onFailedSend = vi.fn(() => true);
    const context = setup({ onFailedSend });
    await sendAnswered(context, sessionEnvelope(), { statusCode: 400 });
    expect(onFailedSend).not.toHaveBeenCalled();
    expect(context.outcomes).toEqual([{ reason: 'send_error', category: 'session', quantity: 1 }]);
  });

  it('counts 5xx as send_error when nobody takes it', async () => {
    const context = setup();
    await sendAnswered(context, sessionEnvelope(), { statusCode: 503 });
    expect(context.outcomes).toEqual([{ reason: 'send_error', category: 'session', quantity: 1 }]);
  });

  it('offers 5xx and 408 to onFailedSend, with Retry-After, and records nothing when taken', async () => {
    const onFailedSend = vi.fn(() => true);
    const context = setup({ onFailedSend });
    const envelope = sessionEnvelope();
    await sendAnswered(context, envelope, { statusCode: 503, headers: { 'retry-after': '7' } });
    await sendAnswered(context, envelope, { statusCode: 408 });
    expect(onFailedSend.mock.calls).toEqual([
      [envelope, { kind: 'status', statusCode: 503, retryAfterMs: 7000 }],
      [envelope, { kind: 'status', statusCode: 408 }],
    ]);
    expect(context.outcomes).toEqual([]);
  });

  it('counts a network failure as network_error', async () => {
    const context = setup();
    await expect(sendAnswered(context, eventEnvelope(), new Error('ECONNREFUSED'))).resolves.toBeUndefined();
    expect(context.outcomes).toEqual([
      { reason: 'network_error', category: 'error', quantity: 1 },
      { reason: 'network_error', category: 'attachment', quantity: 1 },
    ]);
  });

  it('offers a network failure to onFailedSend', async () => {
    const onFailedSend = vi.fn(() => true);
    const context = setup({ onFailedSend });
    const envelope = eventEnvelope();
    await sendAnswered(context, envelope, new Error('offline'));
    expect(onFailedSend).toHaveBeenCalledWith(envelope, { kind: 'network' });
    expect(context.outcomes).toEqual([]);
  });

  it('records the outcome when onFailedSend declines or throws', async () => {
    for (const onFailedSend of [() => false, () => { throw new Error('hook bug'); }]) {
      const context = setup({ onFailedSend });
      await sendAnswered(context, sessionEnvelope(), new Error('offline'));
      expect(context.outcomes).toEqual([{ reason: 'network_error', category: 'session', quantity: 1 }]);
    }
  });

  it('never rejects: a throwing executor, a throwing recorder, an unserializable payload', async () => {
    const throwing = createTransport(
      {
        url: 'x',
        recordDroppedEvent: () => {
          throw new Error('recorder bug');
        },
      },
      () => {
        throw new Error('sync throw');
      },
    );
    await expect(throwing.send(eventEnvelope())).resolves.toBeUndefined();
    await expect(throwing.send(null as unknown as Envelope)).resolves.toBeUndefined();

    const context = setup();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(context.transport.send(createEnvelope({}, [[{ type: 'event' }, circular]]))).resolves.toBeUndefined();
    expect(context.makeRequest).not.toHaveBeenCalled();
    expect(context.outcomes).toEqual([{ reason: 'internal_sdk_error', category: 'error', quantity: 1 }]);
  });
  it('counts an envelope whose response cannot be read as a network error, and never rejects', async () => {
    const unreadable = {
      get statusCode(): number {
        throw new Error('hostile response');
      },
    } as TransportResponse;
    const outcomes: DiscardedEvent[] = [];
    const transport = createTransport(
      { url: 'x', recordDroppedEvent: (reason, category, quantity = 1) => outcomes.push({ reason, category, quantity }) },
      () => Promise.resolve(unreadable),
    );
    await expect(transport.send(sessionEnvelope())).resolves.toBeUndefined();
    expect(outcomes).toEqual([{ reason: 'network_error', category: 'session', quantity: 1 }]);
  });
});

describe('createTransport: bounded buffer', () => {
  it('drops past bufferSize as queue_overflow without a request, and accepts again once drained', async () => {
    const context = setup({ bufferSize: 2 });
    const first = context.transport.send(sessionEnvelope());
    const second = context.transport.send(sessionEnvelope());
    await expect(context.transport.send(eventEnvelope())).resolves.toBeUndefined();
    expect(context.makeRequest).toHaveBeenCalledTimes(2);
    expect(context.outcomes).toEqual([
      { reason: 'queue_overflow', category: 'error', quantity: 1 },
      { reason: 'queue_overflow', category: 'attachment', quantity: 1 },
    ]);
    for (const request of context.pending.splice(0)) request.respond({ statusCode: 200 });
    await Promise.all([first, second]);
    await sendAnswered(context, sessionEnvelope(), { statusCode: 200 });
    expect(context.makeRequest).toHaveBeenCalledTimes(3);
  });

  it('holds 64 requests by default', async () => {
    const context = setup();
    for (let i = 0; i < 64; i++) void context.transport.send(sessionEnvelope());
    await context.transport.send(sessionEnvelope());
    expect(context.makeRequest).toHaveBeenCalledTimes(64);
    expect(context.outcomes).toEqual([{ reason: 'queue_overflow', category: 'session', quantity: 1 }]);
  });

  it('hands an overflowing envelope to onOverflow, recording nothing when taken', async () => {
    const onOverflow = vi.fn(() => true);
    const context = setup({ bufferSize: 1, onOverflow });
    void context.transport.send(sessionEnvelope());
    const envelope = eventEnvelope();
    await context.transport.send(envelope);
    expect(onOverflow).toHaveBeenCalledWith(envelope);
    expect(context.outcomes).toEqual([]);
  });
});

describe('createTransport: flush', () => {
  it('resolves true at once when nothing is in flight', async () => {
    await expect(setup().transport.flush(10)).resolves.toBe(true);
  });

  it('resolves true once every request is answered, including one started meanwhile', async () => {
    const context = setup();
    void context.transport.send(sessionEnvelope());
    const flushed = context.transport.flush(5000);
    void context.transport.send(sessionEnvelope());
    context.pending.shift()!.respond({ statusCode: 200 });
    await vi.waitFor(() => expect(context.pending).toHaveLength(1));
    let done = false;
    void flushed.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    context.pending.shift()!.fail(new Error('offline'));
    await expect(flushed).resolves.toBe(true);
  });

  it('resolves false at the timeout while a request hangs', async () => {
    const context = setup();
    void context.transport.send(sessionEnvelope());
    await expect(context.transport.flush(30)).resolves.toBe(false);
  });
});
