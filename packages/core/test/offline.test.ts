import { describe, expect, it, vi } from 'vitest';
import { createEnvelope, parseEnvelope, serializeEnvelope } from '../src/envelope';
import { makeOfflineTransport } from '../src/offline/transport';
import { retryDelay } from '../src/offline/backoff';
import type { OfflineStore, QueuedEnvelope } from '../src/offline/types';
import { createTransport } from '../src/transport';
import type { BaseTransportOptions, DiscardedEvent, Envelope, TransportRequest, TransportResponse } from '../src/types';

const eventEnvelope = (id: string): Envelope =>
  createEnvelope({ event_id: id, sent_at: '2020-01-01T00:00:00.000Z' }, [
    [{ type: 'event' }, { event_id: id }],
    [{ type: 'attachment', filename: 'a.txt' }, 'hello'],
  ]);
const sessionEnvelope = (sid: string): Envelope => createEnvelope({}, [[{ type: 'session' }, { sid }]]);

/** A store in memory, keeping copies (as the real ones do) and its size in wire bytes. */
function memoryStore(initial: Envelope[] = []) {
  const copy = (envelope: Envelope): QueuedEnvelope => ({ envelope: parseEnvelope(serializeEnvelope(envelope)) });
  const queue = initial.map(copy);
  const store: OfflineStore & { queue: QueuedEnvelope[]; failPush?: boolean } = {
    queue,
    push(envelope) {
      if (store.failPush) throw new Error('disk full');
      queue.push(copy(envelope));
    },
    shift: () => queue.shift(),
    release: (entry) => void queue.unshift(entry),
    remove: () => undefined,
    size: () => ({ count: queue.length, bytes: queue.reduce((sum, { envelope }) => sum + serializeEnvelope(envelope).length, 0) }),
  };
  return store;
}

type Answer = TransportResponse | Error | ((request: TransportRequest) => TransportResponse | Error);

/**
 * An offline transport over core's transport whose server answers with `answer` (which
 * the test may change); `delivered` holds the event ids of 2xx answers, `outcomes` the drops.
 */
function setup(store = memoryStore(), options: Record<string, unknown> = {}, answer: Answer = { statusCode: 200 }) {
  const state = { answer };
  const delivered: string[] = [];
  const requests: string[] = [];
  const outcomes: DiscardedEvent[] = [];
  const makeRequest = async (request: TransportRequest): Promise<TransportResponse> => {
    const [headers, items] = parseEnvelope(request.body);
    const label = String(headers.event_id ?? (items[0][1] as { sid?: string }).sid ?? items[0][0].type);
    requests.push(label);
    const answer = typeof state.answer === 'function' ? state.answer(request) : state.answer;
    if (answer instanceof Error) throw answer;
    if (answer.statusCode! < 300) delivered.push(label);
    return answer;
  };
  const make = makeOfflineTransport((o: BaseTransportOptions) => createTransport(o, makeRequest), () => store);
  const transport = make({
    url: 'http://127.0.0.1:1/api/1/envelope/',
    recordDroppedEvent: (reason, category, quantity = 1) => outcomes.push({ reason, category, quantity }),
    offline: { minDelayMs: 40, maxDelayMs: 400 },
    ...options,
  });
  return { transport, store, state, delivered, requests, outcomes };
}

describe('offline queue', () => {
  it('keeps an envelope through a network error and sends it once the server answers', async () => {
    const context = setup();
    context.state.answer = new Error('ECONNREFUSED');
    await context.transport.send(eventEnvelope('a'));
    expect(context.store.queue).toHaveLength(1);
    expect(context.outcomes).toEqual([]);
    context.state.answer = { statusCode: 200 };
    await vi.waitFor(() => expect(context.delivered).toEqual(['a']));
    expect(context.store.queue).toHaveLength(0);
    expect(context.outcomes).toEqual([]);
  });

  it('retries 5xx and 408, and never another 4xx (413 counted as send_error)', async () => {
    for (const statusCode of [500, 503, 408]) {
      const context = setup();
      context.state.answer = { statusCode };
      await context.transport.send(eventEnvelope('x'));
      expect(context.store.queue).toHaveLength(1);
    }
    for (const statusCode of [400, 413]) {
      const context = setup();
      context.state.answer = { statusCode };
      await context.transport.send(eventEnvelope('x'));
      expect(context.store.queue).toHaveLength(0);
      expect(context.outcomes).toEqual([
        { reason: 'send_error', category: 'error', quantity: 1 },
        { reason: 'send_error', category: 'attachment', quantity: 1 },
      ]);
    }
  });

  it('backs off: retries come later and later while the server stays down', async () => {
    const context = setup(memoryStore(), { offline: { minDelayMs: 100, maxDelayMs: 400 } });
    const times: number[] = [];
    context.state.answer = () => (times.push(Date.now()), new Error('down'));
    await context.transport.send(eventEnvelope('a'));
    await vi.waitFor(() => expect(times.length).toBeGreaterThanOrEqual(5), { timeout: 5000 });
    const gaps = times.slice(1).map((time, i) => time - times[i]);
    // 100 ms doubling with up to 50% jitter: 100..150, 200..300, then capped at 400.
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(395);
    expect(gaps[3]).toBeGreaterThanOrEqual(395);
    expect(gaps[3]).toBeLessThan(1000);
  });

  it('waits at least as long as Retry-After says', async () => {
    const context = setup();
    context.state.answer = { statusCode: 503, headers: { 'retry-after': '0.5' } };
    const failedAt = Date.now();
    await context.transport.send(eventEnvelope('a'));
    context.state.answer = { statusCode: 200 };
    await vi.waitFor(() => expect(context.delivered).toEqual(['a']), { timeout: 3000 });
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(480);
  });

  it('waits for Retry-After also when the replay started at init is still reading a slow store', async () => {
    // IndexedDB on a first page load: the init round's first read outlasts the failed send.
    const store = memoryStore();
    const fastShift = store.shift;
    let reads = 0;
    store.shift = () => (reads++ === 0 ? new Promise((resolve) => setTimeout(() => resolve(fastShift()), 100)) : fastShift());
    const context = setup(store, {}, { statusCode: 503, headers: { 'retry-after': '0.5' } });
    const failedAt = Date.now();
    await context.transport.send(eventEnvelope('a'));
    context.state.answer = { statusCode: 200 };
    await vi.waitFor(() => expect(context.delivered).toEqual(['a']), { timeout: 3000 });
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(480);
  });

  it('spills to the queue when the buffer is full instead of dropping', async () => {
    const context = setup(memoryStore(), { bufferSize: 2 });
    const ids = Array.from({ length: 20 }, (_, i) => `e${i}`);
    await Promise.all(ids.map((id) => context.transport.send(eventEnvelope(id))));
    await vi.waitFor(() => expect([...context.delivered].sort()).toEqual([...ids].sort()));
    expect(context.outcomes).toEqual([]);
  });

  it('flush waits for what spilled while the server is fine', async () => {
    const context = setup(memoryStore(), { bufferSize: 2 });
    const ids = Array.from({ length: 30 }, (_, i) => `e${i}`);
    for (const id of ids) void context.transport.send(eventEnvelope(id));
    expect(await context.transport.flush(5000)).toBe(true);
    expect([...context.delivered].sort()).toEqual([...ids].sort());
  });

  it('drops the oldest past maxCount, counted cache_overflow per item category', async () => {
    const context = setup(memoryStore(), { offline: { minDelayMs: 60_000, maxCount: 2 } });
    context.state.answer = new Error('down');
    for (const id of ['a', 'b', 'c']) await context.transport.send(eventEnvelope(id));
    await vi.waitFor(() => expect(context.outcomes).toHaveLength(2));
    expect(context.outcomes).toEqual([
      { reason: 'cache_overflow', category: 'error', quantity: 1 },
      { reason: 'cache_overflow', category: 'attachment', quantity: 1 },
    ]);
    expect(context.store.queue.map(({ envelope }) => envelope[0].event_id)).toEqual(['b', 'c']);
  });

  it('drops by bytes too, and a dropped client report passes its counts on', async () => {
    const report = createEnvelope({}, [
      [{ type: 'client_report' }, { timestamp: 1, discarded_events: [{ reason: 'sample_rate', category: 'error', quantity: 7 }] }],
    ]);
    const store = memoryStore([report]);
    // 134 + 158 bytes: over 200, so the report (the oldest) goes.
    const context = setup(store, { offline: { minDelayMs: 60_000, maxBytes: 200 } }, new Error('down'));
    await context.transport.flush(); // the replay at creation gave the report back
    await context.transport.send(eventEnvelope('a'));
    await vi.waitFor(() => expect(context.outcomes).toEqual([{ reason: 'sample_rate', category: 'error', quantity: 7 }]));
  });

  it('keeps a failed client report in memory, not in the queue, until the next success (or the exit)', async () => {
    const report = (quantity: number): Envelope =>
      createEnvelope({}, [[{ type: 'client_report' }, { timestamp: 1, discarded_events: [{ reason: 'sample_rate', category: 'error', quantity }] }]]);
    const context = setup(memoryStore(), {}, new Error('down'));
    await context.transport.send(report(2));
    await context.transport.send(report(3));
    expect(context.store.queue).toHaveLength(0);
    const [saved] = context.transport.unsent!();
    expect(saved[1][0][1]).toMatchObject({ discarded_events: [{ quantity: 2 }, { quantity: 3 }] });
    const reports: unknown[] = [];
    context.state.answer = (request) => {
      const [, items] = parseEnvelope(request.body);
      if (items[0][0].type === 'client_report') reports.push(items[0][1]);
      return { statusCode: 200 };
    };
    await context.transport.send(sessionEnvelope('s'));
    await vi.waitFor(() => expect(context.delivered).toEqual(['s', 'client_report']));
    expect(reports).toMatchObject([{ discarded_events: [{ quantity: 2 }, { quantity: 3 }] }]);
    await context.transport.flush();
    expect(context.transport.unsent!()).toEqual([]);
  });

  it('counts what it could not store with the outcome the send would have had', async () => {
    const store = memoryStore();
    store.failPush = true;
    const context = setup(store);
    context.state.answer = new Error('down');
    await context.transport.send(eventEnvelope('a'));
    await vi.waitFor(() => expect(context.outcomes.map((o) => o.reason)).toEqual(['network_error', 'network_error']));
  });

  it('replays right after creation (not during it), with a fresh sent_at', async () => {
    const store = memoryStore([eventEnvelope('old1'), eventEnvelope('old2')]);
    const shift = vi.spyOn(store, 'shift');
    const bodies: Array<string | Uint8Array> = [];
    const context = setup(store);
    expect(shift).not.toHaveBeenCalled();
    context.state.answer = (request) => (bodies.push(request.body), { statusCode: 200 });
    await vi.waitFor(() => expect([...context.delivered].sort()).toEqual(['old1', 'old2']));
    expect(store.queue).toHaveLength(0);
    for (const body of bodies) expect(parseEnvelope(body)[0].sent_at).not.toBe('2020-01-01T00:00:00.000Z');
  });

  it('holds a queued category until its rate limit ends while other categories flow', async () => {
    const context = setup();
    context.state.answer = { statusCode: 200, headers: { 'x-sentry-rate-limits': '0.6:error:organization' } };
    // Taken before the answer that sets the limit: a slow machine cannot shorten the wait seen.
    const limitedAt = Date.now();
    await context.transport.send(sessionEnvelope('s0'));
    // Queued while errors are limited: kept, not counted, sent after the limit.
    context.store.queue.push({ envelope: eventEnvelope('queued') });
    context.state.answer = { statusCode: 200 };
    void context.transport.replay!();
    await context.transport.send(sessionEnvelope('s1'));
    expect(context.delivered).toEqual(['s0', 's1']);
    // A fresh error under the limit is dropped and counted.
    await context.transport.send(eventEnvelope('fresh'));
    expect(context.outcomes.map((o) => `${o.reason}:${o.category}`)).toEqual(['ratelimit_backoff:error']);
    await vi.waitFor(() => expect(context.delivered).toContain('queued'), { timeout: 3000 });
    expect(Date.now() - limitedAt).toBeGreaterThanOrEqual(600);
  });

  it('keeps retrying when putting an envelope back takes longer than the wait it found', async () => {
    const store = memoryStore();
    const fastRelease = store.release;
    store.release = (entry) => new Promise<void>((resolve) => setTimeout(() => resolve(fastRelease(entry)), 100));
    const context = setup(store);
    context.state.answer = { statusCode: 200, headers: { 'x-sentry-rate-limits': '0.05:error:organization' } };
    await context.transport.send(sessionEnvelope('s0'));
    store.queue.push({ envelope: eventEnvelope('queued') });
    context.state.answer = { statusCode: 200 };
    void context.transport.replay!();
    await vi.waitFor(() => expect(context.delivered).toContain('queued'), { timeout: 2000 });
  });

  it('replays at once when a fresh send succeeds after failures', async () => {
    const context = setup(memoryStore(), { offline: { minDelayMs: 60_000 } });
    context.state.answer = new Error('down');
    await context.transport.send(eventEnvelope('a'));
    await context.transport.replay!();
    context.state.answer = { statusCode: 200 };
    await context.transport.send(eventEnvelope('b'));
    await vi.waitFor(() => expect(context.delivered).toEqual(['b', 'a']));
  });

  it('lists envelopes still waiting for an answer, for a process that must exit', async () => {
    const context = setup();
    let answer!: () => void;
    context.state.answer = () => ({ statusCode: 200 });
    const envelope = eventEnvelope('slow');
    const held = new Promise<void>((resolve) => (answer = resolve));
    const make = makeOfflineTransport(
      (o: BaseTransportOptions) => createTransport(o, () => held.then(() => ({ statusCode: 200 }))),
      () => memoryStore(),
    );
    const transport = make({ url: 'http://127.0.0.1:1/', recordDroppedEvent: () => undefined });
    const sent = transport.send(envelope);
    expect(transport.unsent!()).toEqual([envelope]);
    answer();
    await sent;
    expect(transport.unsent!()).toEqual([]);
  });

  it('is a plain transport with offline: false', async () => {
    const context = setup(memoryStore(), { offline: false });
    context.state.answer = new Error('down');
    await context.transport.send(eventEnvelope('a'));
    expect(context.store.queue).toHaveLength(0);
    expect(context.outcomes.map((o) => o.reason)).toEqual(['network_error', 'network_error']);
  });
});

describe('retryDelay', () => {
  const config = { minDelayMs: 5000, maxDelayMs: 3_600_000 };
  it('doubles from 5 s with up to 50% jitter, capped at 1 h, never below Retry-After', () => {
    for (let i = 0; i < 50; i++) {
      expect(retryDelay(0, config)).toBeGreaterThanOrEqual(5000);
      expect(retryDelay(0, config)).toBeLessThanOrEqual(7500);
      expect(retryDelay(3, config)).toBeGreaterThanOrEqual(40_000);
      expect(retryDelay(3, config)).toBeLessThanOrEqual(60_000);
      expect(retryDelay(40, config)).toBe(3_600_000);
    }
    expect(retryDelay(0, config, 120_000)).toBe(120_000);
    expect(retryDelay(0, config, 1e12)).toBe(2_147_483_647);
  });
});
