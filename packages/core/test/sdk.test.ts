import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getGlobalScope } from '../src/asynccontext';
import { logger } from '../src/logger';
import {
  addBreadcrumb,
  addEventProcessor,
  addIntegration,
  captureEvent,
  captureException,
  captureFeedback,
  captureMessage,
  captureSession,
  close,
  endSession,
  flush,
  getClient,
  getCurrentScope,
  getIsolationScope,
  initAndBind,
  isEnabled,
  isInitialized,
  lastEventId,
  setContext,
  setCurrentClient,
  setExtra,
  setExtras,
  setTag,
  setTags,
  setUser,
  startSession,
  withIsolationScope,
  withScope,
} from '../src/sdk';
import { Scope } from '../src/scope';
import type { Event } from '../src/types';
import { createTestClient, initTestClient, resetGlobals } from './helpers';

describe('global API', () => {
  beforeEach(resetGlobals);

  it('initAndBind makes the client current and applies initialScope', async () => {
    const test = initTestClient({ initialScope: { tags: { shop: 'eu' }, user: { id: 'u1' } } });
    expect(getClient()).toBe(test.client);
    captureMessage('hello');
    await flush(1000);
    expect(test.events()[0]).toMatchObject({ logentry: { message: 'hello', formatted: 'hello' }, level: 'info', tags: { shop: 'eu' }, user: { id: 'u1' } });
  });

  it('initialScope may be a function of the scope or a scope, as in Sentry', async () => {
    const test = initTestClient({ initialScope: (scope) => scope.setTag('from', 'callback').setUser({ id: 'u2' }) });
    captureMessage('hello');
    resetGlobals();
    const other = initTestClient({ initialScope: new Scope().setTag('from', 'scope') });
    captureMessage('again');
    await flush(1000);
    expect(test.events()[0]).toMatchObject({ tags: { from: 'callback' }, user: { id: 'u2' } });
    expect(other.events()[0].tags).toEqual({ from: 'scope' });
  });

  it('initAndBind never throws, even for hostile options', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    expect(() => initAndBind(hostile as never)).not.toThrow();
    expect(captureException(new Error('x'))).toMatch(/^[0-9a-f]{32}$/);
  });

  it('addEventProcessor changes and drops later events, counted as event_processor', async () => {
    const { events, client } = initTestClient();
    const dropped = vi.spyOn(client, 'recordDroppedEvent');
    addEventProcessor((event) => (event.message === 'noise' ? null : { ...event, tags: { ...event.tags, seen: 'yes' } }));
    addEventProcessor('not a function' as never);
    captureMessage('noise');
    captureMessage('signal');
    await flush(1000);
    expect(events().map((event) => [event.logentry?.message, event.tags])).toEqual([['signal', { seen: 'yes' }]]);
    expect(dropped).toHaveBeenCalledWith('event_processor', 'error');
  });

  it('captureException sends the error with tags set before, and returns its id', async () => {
    const { events } = initTestClient({ release: 'shop@1.0.0' });
    setTag('area', 'cart');
    const id = captureException(new TypeError('x is undefined'));
    await flush(1000);
    const [event] = events();
    expect(event.event_id).toBe(id);
    expect(event.exception?.values?.[0]).toMatchObject({ type: 'TypeError', value: 'x is undefined' });
    expect(event.tags).toEqual({ area: 'cart' });
    expect(lastEventId()).toBe(id);
  });

  it('captureException takes scope data or a hint as second argument', async () => {
    const { events } = initTestClient();
    captureException(new Error('a'), { tags: { step: 'pay' }, level: 'fatal' });
    captureException(new Error('b'), { mechanism: { type: 'onunhandledrejection', handled: false } });
    captureException(new Error('c'), (scope) => scope.setTag('from', 'function'));
    await flush(1000);
    const [a, b, c] = events();
    expect(a).toMatchObject({ tags: { step: 'pay' }, level: 'fatal' });
    expect(b.exception?.values?.[0].mechanism).toEqual({ type: 'onunhandledrejection', handled: false });
    expect(c.tags).toEqual({ from: 'function' });
    expect(getCurrentScope().getScopeData().tags).toEqual({});
  });

  it("captureException of a string carries the caller's stack, without the SDK frame", async () => {
    const { events } = initTestClient();
    (function userCode() {
      captureException('plain string');
    })();
    await flush(1000);
    const frames = events()[0].exception?.values?.[0].stacktrace?.frames ?? [];
    expect(frames[frames.length - 1].function).toContain('userCode');
  });

  it('captureMessage takes a level or scope data, and attaches the stack with attachStacktrace', async () => {
    const { events } = initTestClient({ attachStacktrace: true });
    (function userCode() {
      captureMessage('warned', 'warning');
    })();
    captureMessage('tagged', { tags: { a: 1 } });
    await flush(1000);
    const [warned, tagged] = events();
    expect(warned).toMatchObject({ logentry: { message: 'warned', formatted: 'warned' }, level: 'warning' });
    const frames = warned.exception?.values?.[0].stacktrace?.frames ?? [];
    expect(frames[frames.length - 1].function).toContain('userCode');
    expect(tagged).toMatchObject({ logentry: { message: 'tagged', formatted: 'tagged' }, level: 'info', tags: { a: '1' } });
  });

  it('captureEvent sends an event as given', async () => {
    const { events } = initTestClient();
    captureEvent({ message: 'manual', level: 'debug', extra: { n: 1 } });
    await flush(1000);
    expect(events()[0]).toMatchObject({ logentry: { message: 'manual', formatted: 'manual' }, level: 'debug', extra: { n: 1 } });
  });

  it('the setters write to the isolation scope', async () => {
    const { events } = initTestClient();
    setUser({ id: '7', email: 'ana@example.com' });
    setTag('a', 1);
    setTags({ b: 2 });
    setExtra('x', 'y');
    setExtras({ z: true });
    setContext('cart', { items: 3 });
    expect(getIsolationScope().getScopeData()).toMatchObject({ user: { id: '7' }, tags: { a: 1, b: 2 }, extra: { x: 'y', z: true }, contexts: { cart: { items: 3 } } });
    expect(getCurrentScope().getScopeData().tags).toEqual({});
    captureMessage('m');
    await flush(1000);
    expect(events()[0]).toMatchObject({ user: { id: '7', email: 'ana@example.com' }, tags: { a: '1', b: '2' }, contexts: { cart: { items: 3 } } });
  });

  describe('addBreadcrumb', () => {
    it('records on the isolation scope with a timestamp', async () => {
      const { events } = initTestClient();
      addBreadcrumb({ category: 'auth', message: 'signed in' });
      expect(getIsolationScope().getLastBreadcrumb()).toMatchObject({ category: 'auth', message: 'signed in', timestamp: expect.any(Number) });
      captureMessage('m');
      await flush(1000);
      expect(events()[0].breadcrumbs?.values).toEqual([expect.objectContaining({ message: 'signed in' })]);
    });

    it('goes through beforeBreadcrumb: changed, dropped with null, dropped when it throws', () => {
      const warn = vi.spyOn(logger, 'warn');
      initTestClient({
        beforeBreadcrumb: (crumb, hint) => {
          if (crumb.message === 'drop') return null;
          if (crumb.message === 'throw') throw new Error('bug');
          return { ...crumb, data: { hinted: hint?.source } };
        },
      });
      addBreadcrumb({ message: 'keep' }, { source: 'test' });
      addBreadcrumb({ message: 'drop' });
      addBreadcrumb({ message: 'throw' });
      expect(getIsolationScope().getScopeData().breadcrumbs.map((b) => [b.message, b.data])).toEqual([['keep', { hinted: 'test' }]]);
      expect(warn).toHaveBeenCalledWith('Breadcrumb dropped: `beforeBreadcrumb` threw.', expect.any(Error));
      warn.mockRestore();
    });

    it('keeps at most maxBreadcrumbs, and none with 0', () => {
      initTestClient({ maxBreadcrumbs: 2 });
      for (const message of ['1', '2', '3']) addBreadcrumb({ message });
      expect(getIsolationScope().getScopeData().breadcrumbs.map((b) => b.message)).toEqual(['2', '3']);
      resetGlobals();
      initTestClient({ maxBreadcrumbs: 0 });
      addBreadcrumb({ message: 'x' });
      expect(getIsolationScope().getScopeData().breadcrumbs).toEqual([]);
    });

    it('cuts the message to maxValueLength when it is recorded', () => {
      initTestClient({ maxValueLength: 5 });
      addBreadcrumb({ message: 'abcdefghij' });
      expect(getIsolationScope().getLastBreadcrumb()?.message?.startsWith('abcde')).toBe(true);
      expect(getIsolationScope().getLastBreadcrumb()?.message?.length).toBeLessThanOrEqual(8);
    });
  });

  describe('withScope', () => {
    it('applies its scope to captures inside only, and returns the callback value', async () => {
      const { events } = initTestClient();
      const result = withScope((scope) => {
        scope.setTag('inside', true);
        captureMessage('in');
        return 5;
      });
      captureMessage('out');
      await flush(1000);
      expect(result).toBe(5);
      expect(events().map((e) => e.tags)).toEqual([{ inside: 'true' }, undefined]);
    });

    it('works for async callbacks', async () => {
      const { events } = initTestClient();
      const result = await withScope(async (scope) => {
        scope.setTag('async', 'yes');
        await new Promise((resolve) => setTimeout(resolve, 1));
        captureMessage('later');
        return 'done';
      });
      await flush(1000);
      expect(result).toBe('done');
      expect(events()[0].tags).toEqual({ async: 'yes' });
    });

    it('withIsolationScope separates setters', async () => {
      const { events } = initTestClient();
      withIsolationScope(() => {
        setTag('request', 1);
        captureMessage('inside');
      });
      captureMessage('outside');
      await flush(1000);
      expect(events().map((e) => e.tags)).toEqual([{ request: '1' }, undefined]);
    });

    it('does not throw without a callback', () => {
      expect(() => withScope(undefined as never)).not.toThrow();
      expect(() => withIsolationScope(42 as never)).not.toThrow();
    });
  });

  describe('captureFeedback', () => {
    it('sends a feedback item with contexts.feedback per the protocol', async () => {
      const test = initTestClient();
      const eventId = captureException(new Error('x'));
      const id = captureFeedback({ message: 'The pay button does nothing', name: 'Ana', email: 'ana@example.com', url: 'https://shop.example/pay', associatedEventId: eventId });
      await flush(1000);
      const [feedback] = test.items<Event>('feedback');
      expect(feedback).toMatchObject({
        event_id: id,
        type: 'feedback',
        level: 'info',
        contexts: {
          feedback: {
            message: 'The pay button does nothing',
            contact_email: 'ana@example.com',
            name: 'Ana',
            url: 'https://shop.example/pay',
            source: 'api',
            associated_event_id: eventId,
          },
        },
      });
      expect(lastEventId()).toBe(eventId);
    });

    it('sends nothing without a message', async () => {
      const test = initTestClient();
      captureFeedback({ message: '' });
      await flush(1000);
      expect(test.envelopes).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('startSession puts a session on the isolation scope; endSession sends it as exited', async () => {
      const test = initTestClient({ release: 'shop@1.0.0', environment: 'staging' });
      setUser({ id: 'u1' });
      const session = startSession();
      expect(getIsolationScope().getSession()).toBe(session);
      captureSession();
      endSession();
      await flush(1000);
      expect(getIsolationScope().getSession()).toBeUndefined();
      expect(test.items('session')).toEqual([
        expect.objectContaining({ sid: session?.sid, did: 'u1', status: 'ok', init: true, attrs: expect.objectContaining({ release: 'shop@1.0.0', environment: 'staging' }) }),
        expect.objectContaining({ sid: session?.sid, status: 'exited', init: false }),
      ]);
    });

    it('startSession ends the previous session', async () => {
      const test = initTestClient({ release: 'r' });
      const first = startSession();
      startSession();
      await flush(1000);
      expect(test.items('session')).toEqual([expect.objectContaining({ sid: first?.sid, status: 'exited' })]);
    });

    it('captureSession(true) ends the session', async () => {
      const test = initTestClient({ release: 'r' });
      startSession();
      captureSession(true);
      await flush(1000);
      expect(test.items('session')).toEqual([expect.objectContaining({ status: 'exited' })]);
    });
  });

  it('flush and close resolve false without a client; close stops capturing', async () => {
    expect(await flush(10)).toBe(false);
    expect(await close(10)).toBe(false);
    const test = initTestClient();
    expect(await close(100)).toBe(true);
    captureMessage('after close');
    await flush(100);
    expect(test.events()).toEqual([]);
  });

  it('returns ids and does nothing without a client', () => {
    expect(captureException(new Error('x'))).toMatch(/^[0-9a-f]{32}$/);
    expect(captureMessage('m')).toMatch(/^[0-9a-f]{32}$/);
    expect(captureEvent({})).toMatch(/^[0-9a-f]{32}$/);
    expect(captureFeedback({ message: 'x' })).toMatch(/^[0-9a-f]{32}$/);
    expect(() => addBreadcrumb({ message: 'x' })).not.toThrow();
    expect(getGlobalScope().getClient()).toBeUndefined();
  });

  it('no call throws for hostile arguments', () => {
    initTestClient({ attachStacktrace: true });
    const hostile = new Proxy(() => undefined, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); }, apply: () => { throw new Error('trap'); } }) as never;
    const calls = [
      () => captureException(hostile, hostile),
      () => captureMessage(hostile, hostile),
      () => captureEvent(hostile, hostile),
      () => captureFeedback(hostile, hostile),
      () => addBreadcrumb(hostile, hostile),
      () => setUser(hostile),
      () => setTag(hostile, hostile),
      () => setTags(hostile),
      () => setExtra(hostile, hostile),
      () => setExtras(hostile),
      () => setContext(hostile, hostile),
      () => startSession(hostile),
      () => flush(hostile),
      () => close(hostile),
    ];
    for (const call of calls) expect(call).not.toThrow();
  });
});

describe('isInitialized, isEnabled and addIntegration (Sentry names)', () => {
  beforeEach(resetGlobals);

  it('isInitialized and isEnabled: false before init, true after, isEnabled false after close', async () => {
    expect([isInitialized(), isEnabled()]).toEqual([false, false]);
    initTestClient();
    expect([isInitialized(), isEnabled()]).toEqual([true, true]);
    await close(100);
    expect([isInitialized(), isEnabled()]).toEqual([true, false]);
  });

  it('isEnabled is false for a client with `enabled: false` or an invalid DSN', () => {
    initTestClient({ enabled: false });
    expect([isInitialized(), isEnabled()]).toEqual([true, false]);
    resetGlobals();
    initTestClient({ dsn: 'not a dsn' });
    expect(isEnabled()).toBe(false);
  });

  it('captureFeedback takes a scope (third argument, as in Sentry): its data and its client', async () => {
    initTestClient();
    const own = createTestClient();
    const scope = new Scope().setClient(own.client).setTag('widget', 'chat');
    const id = captureFeedback({ message: 'slow' }, { attachments: [{ filename: 'shot.txt', data: 'px' }] }, scope);
    await own.client.flush(1000);
    const [feedback] = own.items<Event>('feedback');
    expect(feedback).toMatchObject({ event_id: id, tags: { widget: 'chat' }, contexts: { feedback: { message: 'slow' } } });
    expect(own.envelopes[0][1].map(([header]) => header.type)).toEqual(['feedback', 'attachment']);
  });

  it('setCurrentClient: a client made by hand receives the global API’s events', async () => {
    const test = createTestClient();
    setCurrentClient(test.client);
    expect([getClient(), isInitialized()]).toEqual([test.client, true]);
    captureException(new Error('by hand'));
    await flush(1000);
    expect(test.events().map((event) => event.exception?.values?.[0]?.value)).toEqual(['by hand']);
  });

  it('addIntegration sets up an integration on the current client: later events pass through it', async () => {
    const test = initTestClient();
    captureMessage('before');
    addIntegration({ name: 'Stamp', processEvent: (event) => ({ ...event, tags: { stamped: 'yes' } }) });
    captureMessage('after');
    await flush(1000);
    expect(test.events().map((event) => event.tags?.stamped)).toEqual([undefined, 'yes']);
    expect(test.client.getIntegrationByName('Stamp')).toBeDefined();
  });

  it('addIntegration ignores what is not an integration, and does nothing without a client', () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    expect(() => addIntegration({ name: 'Lonely' })).not.toThrow();
    initTestClient();
    for (const bad of [null, 42, {}, { name: 7 }]) expect(() => addIntegration(bad as never)).not.toThrow();
    expect(warn).toHaveBeenCalledWith('addIntegration needs an integration with a `name`.');
    warn.mockRestore();
  });
});
