import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Client } from '../src/client';
import { getGlobalScope, getInstalledIntegrations } from '../src/asynccontext';
import { logger } from '../src/logger';
import { Scope } from '../src/scope';
import { getCurrentScope, getIsolationScope } from '../src/sdk';
import { makeSession } from '../src/session';
import { createTransport } from '../src/transport';
import type { ClientReport, Event, Integration } from '../src/types';
import { TEST_DSN, createTestClient, createTestTransport, messageOf, resetGlobals, testOptions } from './helpers';

const flushed = async <T extends { client: Client }>(test: T): Promise<T> => {
  await test.client.flush(1000);
  return test;
};
const outcomes = (reports: ClientReport[]) => reports.flatMap((report) => report.discarded_events);

describe('Client', () => {
  beforeEach(resetGlobals);
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    logger.disable();
  });

  describe('DSN and transport', () => {
    it('builds its transport for the envelope URL of the DSN, with transportOptions', () => {
      const sink = createTestTransport();
      const make = vi.fn(sink.transport);
      new Client(testOptions({ transport: make, transportOptions: { bufferSize: 3 } }, sink));
      expect(make).toHaveBeenCalledWith(
        expect.objectContaining({
          url: 'https://ingest.example.com/api/42/envelope/?sentry_version=7&sentry_key=public&sentry_client=faultline.javascript.core%2F0.1.0',
          bufferSize: 3,
          recordDroppedEvent: expect.any(Function),
        }),
      );
    });

    it('sends to the tunnel when one is set', () => {
      const { urls } = createTestClient({ tunnel: 'https://shop.example/tunnel' });
      expect(urls).toEqual(['https://shop.example/tunnel']);
    });

    it('trims whitespace and quotes around the DSN, with a warning', () => {
      const warn = vi.spyOn(logger, 'warn');
      const { client } = createTestClient({ dsn: ` "${TEST_DSN}"\n` });
      expect(client.getDsn()?.host).toBe('ingest.example.com');
      expect(warn).toHaveBeenCalledWith('Removed whitespace or quotes around the DSN.');
    });

    it('stays disabled for an invalid DSN, says which rule failed, and still returns ids', async () => {
      const warn = vi.spyOn(logger, 'warn');
      const test = createTestClient({ dsn: 'https://public@ingest.example.com/not-a-number' });
      expect(warn.mock.calls.map((call) => call.join(' '))).toContain(
        'Invalid DSN: project id "not-a-number" is not numeric; SDK disabled.',
      );
      expect(test.client.captureException(new Error('x'))).toMatch(/^[0-9a-f]{32}$/);
      expect(test.client.captureMessage('m')).toMatch(/^[0-9a-f]{32}$/);
      await flushed(test);
      expect(test.urls).toEqual([]);
      expect(test.envelopes).toEqual([]);
    });

    it('warns for http to a host that is not loopback, not for localhost', () => {
      const warn = vi.spyOn(logger, 'warn');
      createTestClient({ dsn: 'http://public@errors.example.com/1' });
      expect(warn).toHaveBeenCalledWith(
        'DSN uses plain http to errors.example.com; use https outside local development.',
      );
      warn.mockClear();
      for (const host of ['localhost:8000', '127.0.0.1', '[::1]:9000', 'app.localhost']) createTestClient({ dsn: `http://public@${host}/1` });
      expect(warn).not.toHaveBeenCalled();
    });

    it('does nothing without a DSN or with enabled: false', async () => {
      for (const options of [{ dsn: undefined }, { enabled: false }]) {
        const test = createTestClient(options);
        test.client.captureException(new Error('x'));
        await flushed(test);
        expect(test.envelopes).toEqual([]);
      }
    });

    it('survives a transport factory that throws', () => {
      const client = new Client(testOptions({ transport: () => { throw new Error('factory'); } }, createTestTransport()));
      expect(client.captureException(new Error('x'))).toMatch(/^[0-9a-f]{32}$/);
    });
  });

  describe('event fields', () => {
    it('fills in id, timestamp, platform, level, release, environment, dist, server_name and sdk', async () => {
      const test = await flushed(createTestClient({
        release: 'shop@2.0.0',
        dist: '7',
        serverName: 'web-1',
        platform: 'node',
        integrations: [{ name: 'Custom' }],
        _metadata: { sdk: { name: 'faultline.javascript.node', version: '0.1.0', packages: [{ name: 'npm:@faultline/node', version: '0.1.0' }] } },
      }));
      const before = Date.now() / 1000;
      const id = test.client.captureException(new Error('x'));
      await flushed(test);
      const [event] = test.events();
      expect(event.event_id).toBe(id);
      expect(event.timestamp).toBeGreaterThanOrEqual(before - 1);
      expect(event.timestamp).toBeLessThan(Date.now() / 1000 + 1);
      expect(event).toMatchObject({
        platform: 'node',
        level: 'error',
        release: 'shop@2.0.0',
        environment: 'production',
        dist: '7',
        server_name: 'web-1',
        sdk: { name: 'faultline.javascript.node', version: '0.1.0', integrations: ['Custom'], packages: [{ name: 'npm:@faultline/node', version: '0.1.0' }] },
      });
      expect(test.envelopes[0][0]).toMatchObject({ event_id: id, sdk: { name: 'faultline.javascript.node', version: '0.1.0' } });
    });

    it("keeps the event's own release and environment", async () => {
      const test = createTestClient({ release: 'a', environment: 'staging' });
      test.client.captureEvent({ message: 'm', release: 'b', environment: 'canary' });
      await flushed(test);
      expect(test.events()[0]).toMatchObject({ release: 'b', environment: 'canary' });
    });

    it('uses a valid event_id given by the event or the hint', async () => {
      const test = createTestClient();
      const id = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
      expect(test.client.captureEvent({ event_id: id, message: 'm' })).toBe(id);
      expect(test.client.captureException(new Error('x'), { event_id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' })).toBe('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
      await flushed(test);
      expect(test.events().map((e) => e.event_id)).toEqual([id, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']);
    });

    it('sends level log as info, for the event and its breadcrumbs (the server schema has no log)', async () => {
      const test = createTestClient();
      const scope = new Scope().addBreadcrumb({ category: 'console', level: 'log', message: 'hi' }).addBreadcrumb({ level: 'warning', message: 'w' });
      test.client.captureMessage('logged', 'log', undefined, scope);
      await flushed(test);
      const [event] = test.events();
      expect(event.level).toBe('info');
      expect(event.breadcrumbs?.values?.map((crumb) => crumb.level)).toEqual(['info', 'warning']);
      expect(scope.getLastBreadcrumb()?.level).toBe('warning');
      expect(scope.getScopeData().breadcrumbs[0].level).toBe('log');
    });

    it('records the last event id on the isolation scope', () => {
      const { client } = createTestClient();
      const id = client.captureMessage('m');
      expect(getIsolationScope().getLastEventId()).toBe(id);
    });
  });

  describe('scope merge', () => {
    it('merges global -> isolation -> current -> capture context, the event winning key by key', async () => {
      const test = createTestClient();
      getGlobalScope().setTags({ layer: 'global', g: 1 }).setUser({ id: 'global' });
      getIsolationScope().setTags({ layer: 'isolation', i: 1 }).setExtra('from', 'isolation');
      const current = new Scope().setTags({ layer: 'current', c: 1 }).setContext('app', { build: 5 });
      test.client.captureEvent({ message: 'm', tags: { own: 1 }, extra: { from: 'event' } }, { captureContext: { tags: { layer: 'context' } } }, current);
      await flushed(test);
      const [event] = test.events();
      expect(event.tags).toEqual({ layer: 'context', g: '1', i: '1', c: '1', own: '1' });
      expect(event.user).toEqual({ id: 'global' });
      expect(event.extra).toEqual({ from: 'event' });
      expect(event.contexts).toEqual({ app: { build: 5 } });
    });

    it('uses the current scope of the async context when none is passed', async () => {
      const test = createTestClient();
      getCurrentScope().setTag('current', 'yes');
      test.client.captureMessage('m');
      await flushed(test);
      expect(test.events()[0].tags).toEqual({ current: 'yes' });
    });

    it('lets the scope level and fingerprint apply', async () => {
      const test = createTestClient();
      const scope = new Scope().setLevel('fatal').setFingerprint(['checkout']).setTransactionName('/pay');
      test.client.captureException(new Error('x'), undefined, scope);
      await flushed(test);
      expect(test.events()[0]).toMatchObject({ level: 'fatal', fingerprint: ['checkout'], transaction: '/pay' });
    });

    it('merges breadcrumbs of all scopes by time and keeps the newest maxBreadcrumbs', async () => {
      const test = createTestClient({ maxBreadcrumbs: 3 });
      getGlobalScope().addBreadcrumb({ message: 'g', timestamp: 1 });
      getIsolationScope().addBreadcrumb({ message: 'i1', timestamp: 2 }).addBreadcrumb({ message: 'i2', timestamp: 4 });
      const scope = new Scope().addBreadcrumb({ message: 'c', timestamp: 3 });
      test.client.captureMessage('m', 'info', undefined, scope);
      await flushed(test);
      expect(test.events()[0].breadcrumbs?.values?.map((b) => b.message)).toEqual(['i1', 'c', 'i2']);
    });

    it('gives each event its own copy of the scopes\' records: a processor editing one leaves the scope alone', async () => {
      const test = createTestClient();
      getIsolationScope().setTags({ plan: 'pro' }).setUser({ id: '42' });
      getGlobalScope().addEventProcessor((event) => {
        event.tags!.edited = true;
        event.user!.id = 'changed';
        return event;
      });
      test.client.captureMessage('first');
      test.client.captureMessage('second');
      await flushed(test);
      expect(test.events().map((event) => [event.tags, event.user])).toEqual([
        [{ plan: 'pro', edited: 'true' }, { id: 'changed' }],
        [{ plan: 'pro', edited: 'true' }, { id: 'changed' }],
      ]);
      expect(getIsolationScope().getScopeData()).toMatchObject({ tags: { plan: 'pro' }, user: { id: '42' } });
    });

    it('adds no empty user, tags, extra or contexts, even when Object.prototype has an enumerable key', async () => {
      const test = createTestClient();
      Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true });
      try {
        test.client.captureMessage('m');
      } finally {
        delete (Object.prototype as Record<string, unknown>).polluted;
      }
      await flushed(test);
      expect(test.events()[0]).not.toHaveProperty('user');
      expect(test.events()[0]).not.toHaveProperty('tags');
      expect(test.events()[0]).not.toHaveProperty('extra');
      expect(test.events()[0]).not.toHaveProperty('contexts');
    });

    it('runs the event processors of every scope', async () => {
      const test = createTestClient();
      getGlobalScope().addEventProcessor((event) => ({ ...event, tags: { ...event.tags, global: 1 } }));
      const scope = new Scope().addEventProcessor(async (event) => ({ ...event, tags: { ...event.tags, current: 1 } }));
      test.client.captureMessage('m', 'info', undefined, scope);
      await flushed(test);
      expect(test.events()[0].tags).toEqual({ global: '1', current: '1' });
    });
  });

  describe('processing and drops', () => {
    const reports = (test: ReturnType<typeof createTestClient>) => outcomes(test.items<ClientReport>('client_report'));

    it('runs scope processors, then integrations, then normalize and scrub, then sampleRate, then beforeSend', async () => {
      const order: string[] = [];
      const integration: Integration = { name: 'Order', processEvent: (event) => (order.push('integration'), event) };
      const test = createTestClient({
        integrations: [integration],
        maxValueLength: 10,
        beforeSend: (event) => {
          order.push(`beforeSend sees ${String(event.message)}`);
          return event;
        },
      });
      const scope = new Scope().addEventProcessor((event) => {
        order.push(`processor sees ${String(event.message)}`);
        return event;
      });
      test.client.captureMessage('a long message over ten', 'info', undefined, scope);
      await flushed(test);
      expect(order[0]).toBe('processor sees a long message over ten');
      expect(order[1]).toBe('integration');
      expect(order[2].startsWith('beforeSend sees a long mes')).toBe(true);
      expect(order[2].length).toBeLessThan('beforeSend sees a long message over ten'.length);
    });

    it('drops with beforeSend returning null, counted as before_send', async () => {
      const test = createTestClient({ beforeSend: () => null });
      test.client.captureException(new Error('x'));
      await flushed(test);
      expect(test.events()).toEqual([]);
      expect(reports(test)).toEqual([{ reason: 'before_send', category: 'error', quantity: 1 }]);
    });

    it('waits for an async beforeSend and sends what it resolves', async () => {
      const test = createTestClient({ beforeSend: async (event) => ({ ...event, tags: { async: true } }) });
      test.client.captureException(new Error('x'));
      await flushed(test);
      expect(test.events()[0].tags).toEqual({ async: 'true' });
    });

    it('drops the event when beforeSend throws or rejects, logs why, and never throws', async () => {
      const warn = vi.spyOn(logger, 'warn');
      const failure = new Error('beforeSend bug');
      const sync = createTestClient({ beforeSend: () => { throw failure; } });
      expect(() => sync.client.captureException(new Error('x'))).not.toThrow();
      const async = createTestClient({ beforeSend: () => Promise.reject(failure) });
      async.client.captureException(new Error('x'));
      await flushed(sync);
      await flushed(async);
      for (const test of [sync, async]) {
        expect(test.events()).toEqual([]);
        expect(reports(test)).toEqual([{ reason: 'before_send', category: 'error', quantity: 1 }]);
      }
      expect(warn).toHaveBeenCalledWith('Event dropped: beforeSend threw.', failure);
    });

    it('drops the event when beforeSend returns something that is not an event', async () => {
      const test = createTestClient({ beforeSend: () => 42 as never });
      test.client.captureException(new Error('x'));
      await flushed(test);
      expect(test.events()).toEqual([]);
      expect(reports(test)).toEqual([{ reason: 'before_send', category: 'error', quantity: 1 }]);
    });

    it('drops the event when a processor returns null or throws, counted as event_processor', async () => {
      const test = createTestClient({
        integrations: [{ name: 'Thrower', processEvent: (event) => { if (event.message === 'throw') throw new Error('bug'); return event; } }],
      });
      const scope = new Scope().addEventProcessor((event) => (event.message === 'drop' ? null : event));
      test.client.captureMessage('drop', 'info', undefined, scope);
      test.client.captureMessage('throw', 'info', undefined, scope);
      test.client.captureMessage('keep', 'info', undefined, scope);
      await flushed(test);
      expect(test.events().map(messageOf)).toEqual(['keep']);
      expect(reports(test)).toEqual([{ reason: 'event_processor', category: 'error', quantity: 2 }]);
    });

    it('drops everything with sampleRate 0, counted as sample_rate', async () => {
      const test = createTestClient({ sampleRate: 0 });
      test.client.captureException(new Error('x'));
      test.client.captureMessage('m');
      await flushed(test);
      expect(test.events()).toEqual([]);
      expect(reports(test)).toEqual([{ reason: 'sample_rate', category: 'error', quantity: 2 }]);
    });

    it('samples at the given rate', async () => {
      const random = vi.spyOn(Math, 'random');
      const test = createTestClient({ sampleRate: 0.5 });
      random.mockReturnValue(0.49);
      test.client.captureMessage('kept');
      random.mockReturnValue(0.5);
      test.client.captureMessage('sampled out');
      await flushed(test);
      expect(test.events().map(messageOf)).toEqual(['kept']);
    });

    it('cuts exception values, messages and breadcrumb messages to maxValueLength', async () => {
      const test = createTestClient({ maxValueLength: 20 });
      const long = 'x'.repeat(1000);
      test.client.captureException(new Error(long), undefined, new Scope().addBreadcrumb({ message: long }));
      test.client.captureMessage(long);
      await flushed(test);
      const [error, message] = test.events();
      for (const text of [error.exception?.values?.[0].value, messageOf(message), error.breadcrumbs?.values?.[0].message]) {
        expect(text?.startsWith('x'.repeat(20))).toBe(true);
        expect(text!.length).toBeLessThanOrEqual(23);
      }
    });

    it('sends attachments of the scope and the hint, and counts them when the event is dropped', async () => {
      const test = createTestClient();
      const scope = new Scope().addAttachment({ filename: 'scope.txt', data: 'from scope' });
      test.client.captureException(new Error('x'), { attachments: [{ filename: 'hint.txt', data: 'from hint', contentType: 'text/plain' }] }, scope);
      await flushed(test);
      const [, items] = test.envelopes[0];
      expect(items.map(([headers]) => [headers.type, headers.filename])).toEqual([['event', undefined], ['attachment', 'scope.txt'], ['attachment', 'hint.txt']]);
      expect(new TextDecoder().decode(items[1][1] as Uint8Array)).toBe('from scope');

      const dropped = createTestClient({ beforeSend: () => null });
      dropped.client.captureException(new Error('x'), undefined, scope.clone().addAttachment({ filename: 'b', data: 'b' }));
      await flushed(dropped);
      expect(reports(dropped)).toEqual([
        { reason: 'before_send', category: 'error', quantity: 1 },
        { reason: 'before_send', category: 'attachment', quantity: 2 },
      ]);
    });

    it('sends what hint.attachments holds after processors and beforeSend, which see the scope’s files there', async () => {
      const seen: string[][] = [];
      const test = createTestClient({
        beforeSend: (event, hint) => {
          seen.push((hint.attachments ?? []).map((file) => file.filename));
          hint.attachments = [...(hint.attachments ?? []).filter((file) => file.filename !== 'drop.txt'), { filename: 'added.txt', data: 'by beforeSend' }];
          return event;
        },
      });
      const scope = new Scope().addAttachment({ filename: 'scope.txt', data: 'from scope' }).addEventProcessor((event, hint) => {
        hint.attachments?.push({ filename: 'drop.txt', data: 'x' }, { filename: 'processor.txt', data: 'by a processor' });
        return event;
      });
      test.client.captureException(new Error('x'), undefined, scope);
      await flushed(test);
      expect(seen).toEqual([['scope.txt', 'drop.txt', 'processor.txt']]);
      const [, items] = test.envelopes[0];
      expect(items.map(([headers]) => headers.filename ?? headers.type)).toEqual(['event', 'scope.txt', 'processor.txt', 'added.txt']);
      expect(new TextDecoder().decode(items[3][1] as Uint8Array)).toBe('by beforeSend');
      expect(scope.getScopeData().attachments.map((file) => file.filename)).toEqual(['scope.txt']);
    });

    it('sends valid JSON under 1 MB whatever beforeSend returns: cycles, BigInt, huge strings', async () => {
      const test = createTestClient({
        beforeSend: (event) => {
          const cyclic: Record<string, unknown> = {};
          cyclic.self = cyclic;
          return { ...event, extra: { cyclic, big: 10n, huge: 'x'.repeat(5_000_000) }, tags: { n: 1n as never } };
        },
      });
      test.client.captureException(new Error('kept'));
      await flushed(test);
      const body = test.bodies[0] as string;
      expect(body.length).toBeLessThan(1024 * 1024);
      const [event] = test.events();
      expect(event.exception?.values?.[0].value).toBe('kept');
      expect(event.extra?.cyclic).toEqual({ self: '[Circular ~]' });
    });

    it('ignores attachments that could not be sent, and still sends the event', async () => {
      const test = createTestClient();
      const attachments = [{ filename: 'ok.txt', data: 'ok' }, { filename: 'bad', data: { cyclic: globalThis } }, null] as never;
      test.client.captureException(new Error('x'), { attachments });
      await flushed(test);
      expect(test.envelopes[0][1].map(([headers]) => headers.filename ?? headers.type)).toEqual(['event', 'ok.txt']);
    });

    it('never throws and still returns an id for hostile input', async () => {
      const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } }) as never;
      const test = createTestClient();
      expect(test.client.captureException(hostile, hostile)).toMatch(/^[0-9a-f]{32}$/);
      expect(test.client.captureMessage(hostile, hostile, hostile)).toMatch(/^[0-9a-f]{32}$/);
      expect(test.client.captureEvent(hostile, hostile, hostile)).toMatch(/^[0-9a-f]{32}$/);
      await flushed(test);
    });
  });

  describe('feedback', () => {
    it('sends a feedback event as a feedback item, skipping sampleRate and beforeSend', async () => {
      const beforeSend = vi.fn(() => null);
      const test = createTestClient({ sampleRate: 0, beforeSend });
      test.client.captureEvent({ type: 'feedback', contexts: { feedback: { message: 'broken' } } });
      await flushed(test);
      expect(test.items<Event>('feedback')[0]).toMatchObject({ type: 'feedback', contexts: { feedback: { message: 'broken' } } });
      expect(beforeSend).not.toHaveBeenCalled();
    });

    it('counts a dropped feedback as category feedback', async () => {
      const test = createTestClient({ integrations: [{ name: 'DropAll', processEvent: () => null }] });
      test.client.captureEvent({ type: 'feedback', contexts: { feedback: { message: 'broken' } } });
      await flushed(test);
      expect(outcomes(test.items<ClientReport>('client_report'))).toEqual([{ reason: 'event_processor', category: 'feedback', quantity: 1 }]);
    });
  });

  describe('hooks', () => {
    it('calls preprocessEvent, beforeEnvelope and afterSendEvent, and stops after unsubscribing', async () => {
      const test = createTestClient();
      const calls: string[] = [];
      test.client.on('preprocessEvent', (event) => {
        calls.push('preprocess');
        event.tags = { preprocessed: true };
      });
      const off = test.client.on('beforeEnvelope', () => calls.push('envelope'));
      test.client.on('afterSendEvent', (_event, response) => calls.push(`after ${(response as { statusCode: number }).statusCode}`));
      test.client.on('afterSendEvent', () => { throw new Error('hook bug'); });
      test.client.captureMessage('m');
      await flushed(test);
      expect(calls).toEqual(['preprocess', 'envelope', 'after 200']);
      expect(test.events()[0].tags).toEqual({ preprocessed: 'true' });
      off();
      test.client.captureMessage('m2');
      await flushed(test);
      expect(calls.filter((c) => c === 'envelope')).toHaveLength(1);
    });

    it('emits flush and close', async () => {
      const { client } = createTestClient();
      const calls: string[] = [];
      client.on('flush', () => calls.push('flush'));
      client.on('close', () => calls.push('close'));
      await client.flush(100);
      await client.close(100);
      expect(calls).toEqual(['flush', 'flush', 'close']);
    });
  });

  describe('flush and close', () => {
    it('flush waits for asynchronous processing', async () => {
      const test = createTestClient({ beforeSend: (event) => new Promise((resolve) => setTimeout(() => resolve(event), 30)) });
      test.client.captureMessage('slow');
      expect(await test.client.flush(1000)).toBe(true);
      expect(test.events()).toHaveLength(1);
    });

    it('flush resolves false when the timeout passes first', async () => {
      const test = createTestClient({ beforeSend: () => new Promise(() => undefined) });
      test.client.captureMessage('never');
      expect(await test.client.flush(20)).toBe(false);
    });

    it('flush keeps its deadline when processing used it up and a request is unanswered', async () => {
      const hanging = new Client(
        testOptions(
          {
            transport: (options) => createTransport(options, () => new Promise(() => undefined)),
            beforeSend: (event) => (event.message === 'slow' ? new Promise(() => undefined) : event),
          },
          createTestTransport(),
        ),
      );
      hanging.init();
      hanging.captureMessage('in flight');
      hanging.captureMessage('slow');
      const start = Date.now();
      expect(await hanging.flush(30)).toBe(false);
      expect(Date.now() - start).toBeLessThan(1000);
    });

    it('clamps a huge flush timeout to what timers accept', async () => {
      const test = createTestClient({ beforeSend: () => new Promise(() => undefined) });
      test.client.captureMessage('never');
      const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
      void test.client.flush(1e12);
      await Promise.resolve();
      expect(setTimeoutSpy.mock.calls.map((call) => call[1])).toEqual([2_147_483_647]);
    });

    it('close turns capturing off for good', async () => {
      const test = createTestClient();
      expect(await test.client.close(100)).toBe(true);
      test.client.captureException(new Error('after close'));
      await flushed(test);
      expect(test.events()).toEqual([]);
    });
  });

  describe('client reports', () => {
    it('sends outcomes on flush and on close, and nothing when there is nothing to report', async () => {
      const test = createTestClient();
      await test.client.flush(100);
      expect(test.items('client_report')).toEqual([]);
      test.client.recordDroppedEvent('queue_overflow', 'error', 3);
      await test.client.flush(100);
      test.client.recordDroppedEvent('network_error', 'session');
      await test.client.close(100);
      const reports = test.items<ClientReport>('client_report');
      expect(reports.map((r) => r.discarded_events)).toEqual([
        [{ reason: 'queue_overflow', category: 'error', quantity: 3 }],
        [{ reason: 'network_error', category: 'session', quantity: 1 }],
      ]);
      expect(typeof reports[0].timestamp).toBe('number');
    });

    it('sends outcomes by itself a minute after a drop, on a timer that does not keep Node alive', async () => {
      vi.useFakeTimers();
      const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
      const test = createTestClient();
      test.client.recordDroppedEvent('ratelimit_backoff', 'error');
      test.client.recordDroppedEvent('ratelimit_backoff', 'error');
      const timer = setTimeoutSpy.mock.results[0].value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      await vi.advanceTimersByTimeAsync(59_000);
      expect(test.items('client_report')).toEqual([]);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(outcomes(test.items<ClientReport>('client_report'))).toEqual([{ reason: 'ratelimit_backoff', category: 'error', quantity: 2 }]);
    });

    it('puts the DSN in the client report envelope header behind a tunnel', async () => {
      const test = createTestClient({ tunnel: 'https://shop.example/tunnel' });
      test.client.recordDroppedEvent('sample_rate', 'error');
      await test.client.flush(100);
      expect(test.envelopes[0][0].dsn).toBe(TEST_DSN);
    });

    it('records nothing with sendClientReports: false', async () => {
      const test = createTestClient({ sendClientReports: false, sampleRate: 0 });
      test.client.captureMessage('m');
      await test.client.close(100);
      expect(test.envelopes).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('counts an error in the session and sends an update on its first error', async () => {
      const test = createTestClient({ release: 'shop@1.0.0' });
      const session = makeSession({ release: 'shop@1.0.0', environment: 'production' });
      getIsolationScope().setSession(session);
      test.client.captureException(new Error('one'));
      test.client.captureException(new Error('two'));
      test.client.captureMessage('not an error');
      await flushed(test);
      expect(session.errors).toBe(2);
      expect(test.items('session')).toEqual([expect.objectContaining({ sid: session.sid, errors: 1, status: 'ok', init: true })]);
    });

    it('marks the session crashed for an unhandled error and sends it', async () => {
      const test = createTestClient({ release: 'shop@1.0.0' });
      const session = makeSession({ release: 'shop@1.0.0' });
      getIsolationScope().setSession(session);
      test.client.captureException(new Error('handled'));
      test.client.captureException(new Error('fatal'), { mechanism: { type: 'onerror', handled: false } });
      await flushed(test);
      expect(test.items('session')).toEqual([
        expect.objectContaining({ errors: 1, status: 'ok', init: true }),
        expect.objectContaining({ errors: 2, status: 'crashed', init: false }),
      ]);
    });

    it('does not count events that were dropped', async () => {
      const test = createTestClient({ release: 'r', beforeSend: () => null });
      const session = makeSession({ release: 'r' });
      getIsolationScope().setSession(session);
      test.client.captureException(new Error('x'));
      await flushed(test);
      expect(session.errors).toBe(0);
    });

    it('does not send sessions without a release', async () => {
      const test = createTestClient();
      test.client.captureSession(makeSession({}));
      await flushed(test);
      expect(test.items('session')).toEqual([]);
    });
  });

  describe('integrations', () => {
    it('runs setupOnce once per process per name and setup for every client', () => {
      const setupOnce = vi.fn();
      const setup = vi.fn();
      const integration = (): Integration => ({ name: 'Counted', setupOnce, setup });
      const first = createTestClient({ integrations: [integration()] });
      const second = createTestClient({ integrations: [integration()] });
      expect(setupOnce).toHaveBeenCalledTimes(1);
      expect(setup.mock.calls.map(([client]) => client)).toEqual([first.client, second.client]);
      expect(getInstalledIntegrations().has('Counted')).toBe(true);
    });

    it('skips an integration whose setup throws, and finds the others by name', () => {
      const good: Integration = { name: 'Good' };
      const { client } = createTestClient({ integrations: [{ name: 'Bad', setup: () => { throw new Error('bug'); } }, good] });
      expect(client.getIntegrationByName('Good')).toBe(good);
      expect(client.getIntegrationByName('Bad')).toBeUndefined();
    });

    it('addIntegration adds one after init and lists it in sdk.integrations', async () => {
      const test = createTestClient();
      test.client.addIntegration({ name: 'Late', processEvent: (event) => ({ ...event, tags: { late: true } }) });
      test.client.captureMessage('m');
      await flushed(test);
      expect(test.events()[0]).toMatchObject({ tags: { late: 'true' }, sdk: { integrations: ['Late'] } });
    });
  });
});
