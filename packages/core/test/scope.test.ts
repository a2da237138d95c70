import { beforeEach, describe, expect, it } from 'vitest';
import { Scope } from '../src/scope';
import { makeSession } from '../src/session';
import { getGlobalScope } from '../src/asynccontext';
import type { ErrorEvent } from '../src/types';
import { createTestClient, messageOf, resetGlobals } from './helpers';

describe('Scope', () => {
  it('stores user, tags, extra, contexts, level, fingerprint and transaction name', () => {
    const scope = new Scope()
      .setUser({ id: '42' })
      .setTag('a', '1')
      .setTags({ b: 2 })
      .setExtra('x', { deep: true })
      .setExtras({ y: [1] })
      .setContext('device', { model: 'pixel' })
      .setLevel('warning')
      .setFingerprint(['{{ default }}', 'cart'])
      .setTransactionName('/checkout');
    expect(scope.getScopeData()).toMatchObject({
      user: { id: '42' },
      tags: { a: '1', b: 2 },
      extra: { x: { deep: true }, y: [1] },
      contexts: { device: { model: 'pixel' } },
      level: 'warning',
      fingerprint: ['{{ default }}', 'cart'],
      transactionName: '/checkout',
    });
  });

  it('removes the user and a context with null', () => {
    const scope = new Scope().setUser({ id: 1 }).setContext('os', { name: 'linux' });
    scope.setUser(null).setContext('os', null);
    expect(scope.getUser()).toBeUndefined();
    expect(scope.getScopeData().contexts).toEqual({});
  });

  it('copies what it is given, so later changes by the caller do not leak in', () => {
    const user = { id: '1' };
    const tags = { a: 'x' };
    const scope = new Scope().setUser(user).setTags(tags);
    user.id = '2';
    tags.a = 'y';
    expect(scope.getScopeData().user).toEqual({ id: '1' });
    expect(scope.getScopeData().tags).toEqual({ a: 'x' });
  });

  it('never throws on hostile input: Proxies that throw and throwing getters', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('trap'); }, get: () => { throw new Error('trap'); } });
    const getter = Object.defineProperty({}, 'id', { enumerable: true, get: () => { throw new Error('getter'); } });
    const scope = new Scope();
    expect(() => scope.setUser(hostile).setTags(hostile).setExtras(hostile).setContext('c', hostile)).not.toThrow();
    expect(() => scope.setTag(hostile as unknown as string, 'v').setExtra(Symbol('s') as unknown as string, 1)).not.toThrow();
    expect(() => scope.update(hostile).addBreadcrumb(hostile)).not.toThrow();
    scope.setUser(getter);
    expect(scope.getScopeData().user).toEqual({ id: '[Throws]' });
  });

  it('keeps a `__proto__` key as data instead of swapping the prototype', () => {
    const hostile = new Proxy({}, { set: () => { throw new Error('trap'); }, get: () => { throw new Error('trap'); } });
    const extras = JSON.parse('{"__proto__": 1, "after": 2}') as Record<string, unknown>;
    Object.defineProperty(extras, '__proto__', { value: hostile, enumerable: true });
    const scope = new Scope().setExtras(extras).setContext('__proto__', { a: 1 });
    expect(Object.getPrototypeOf(scope.getScopeData().extra)).toBe(Object.prototype);
    expect(Object.keys(scope.getScopeData().extra)).toEqual(['__proto__', 'after']);
    expect(Object.keys(scope.getScopeData().contexts)).toEqual(['__proto__']);
  });

  it('keeps the newest maxBreadcrumbs breadcrumbs, in order, with a timestamp', () => {
    const scope = new Scope();
    for (let i = 0; i < 150; i++) scope.addBreadcrumb({ message: `m${i}` });
    const { breadcrumbs } = scope.getScopeData();
    expect(breadcrumbs).toHaveLength(100);
    expect(breadcrumbs[0].message).toBe('m50');
    expect(breadcrumbs[99].message).toBe('m149');
    expect(typeof breadcrumbs[0].timestamp).toBe('number');
    scope.addBreadcrumb({ message: 'last' }, 3);
    expect(scope.getScopeData().breadcrumbs.map((b) => b.message)).toEqual(['m148', 'm149', 'last']);
    scope.addBreadcrumb({ message: 'none' }, 0);
    expect(scope.getLastBreadcrumb()?.message).toBe('last');
  });

  it('keeps a breadcrumb timestamp it was given', () => {
    const scope = new Scope().addBreadcrumb({ message: 'old', timestamp: 1700000000.5 });
    expect(scope.getLastBreadcrumb()?.timestamp).toBe(1700000000.5);
  });

  it('clears breadcrumbs and attachments', () => {
    const scope = new Scope().addBreadcrumb({ message: 'a' }).addAttachment({ filename: 'a.txt', data: 'a' });
    expect(scope.getScopeData().attachments).toHaveLength(1);
    scope.clearBreadcrumbs().clearAttachments();
    expect(scope.getScopeData().breadcrumbs).toEqual([]);
    expect(scope.getScopeData().attachments).toEqual([]);
  });

  it('clone() is independent of the original', () => {
    const original = new Scope().setTag('a', 1).addBreadcrumb({ message: 'one' });
    const clone = original.clone();
    clone.setTag('b', 2).addBreadcrumb({ message: 'two' }).setUser({ id: 'u' });
    original.setTag('c', 3);
    expect(original.getScopeData().tags).toEqual({ a: 1, c: 3 });
    expect(clone.getScopeData().tags).toEqual({ a: 1, b: 2 });
    expect(original.getScopeData().breadcrumbs).toHaveLength(1);
    expect(original.getUser()).toBeUndefined();
  });

  it('update() takes capture context data, another scope, or a function', () => {
    const scope = new Scope().setTag('keep', 1);
    scope.update({ tags: { a: 'x' }, level: 'fatal', user: { id: 'u' }, extra: { e: 1 }, contexts: { c: { k: 1 } }, fingerprint: ['f'] });
    expect(scope.getScopeData()).toMatchObject({
      tags: { keep: 1, a: 'x' },
      level: 'fatal',
      user: { id: 'u' },
      extra: { e: 1 },
      contexts: { c: { k: 1 } },
      fingerprint: ['f'],
    });
    scope.update(new Scope().setTag('from', 'scope'));
    expect(scope.getScopeData().tags.from).toBe('scope');
    scope.update((s) => s.setTag('from', 'function'));
    expect(scope.getScopeData().tags.from).toBe('function');
  });

  it('clear() removes all data but keeps the client', () => {
    const client = { getOptions: () => ({}) };
    const scope = new Scope().setClient(client).setTag('a', 1).setUser({ id: 1 }).addEventProcessor((e) => e);
    scope.clear();
    expect(scope.getScopeData()).toMatchObject({ tags: {}, user: {}, eventProcessors: [] });
    expect(scope.getClient()).toBe(client);
  });

  it('uses the client option maxBreadcrumbs when no limit is given', () => {
    const scope = new Scope().setClient({ getOptions: () => ({ maxBreadcrumbs: 2 }) });
    scope.addBreadcrumb({ message: '1' }).addBreadcrumb({ message: '2' }).addBreadcrumb({ message: '3' });
    expect(scope.getScopeData().breadcrumbs.map((b) => b.message)).toEqual(['2', '3']);
  });

  it('holds the last event id and the session', () => {
    const scope = new Scope().setLastEventId('abc');
    expect(scope.getLastEventId()).toBe('abc');
    expect(scope.lastEventId()).toBe('abc');
    expect(scope.clone().lastEventId()).toBe('abc');
    expect(scope.getSession()).toBeUndefined();
  });

  it('gives its session to the user set later (the distinct id), as Sentry does', () => {
    const scope = new Scope().setSession(makeSession({ release: 'a@1' }));
    scope.setUser({ email: 'ana@example.com' });
    expect(scope.getSession()?.did).toBe('ana@example.com');
    scope.setUser({ id: 42, email: 'ana@example.com' });
    expect(scope.getSession()?.did).toBe('42');
    scope.setUser(null);
    expect(scope.getSession()?.did).toBe('42');
  });

  it('a fork (a request’s isolation scope) shares the session but its user does not take it over', () => {
    const scope = new Scope().setSession(makeSession()).setUser({ id: 'process-user' });
    const fork = scope.clone().setUser({ id: 'request-user' });
    expect(fork.getSession()).toBe(scope.getSession());
    expect(scope.getSession()?.did).toBe('process-user');
  });
});

// Sentry's pattern for code sharing a page (extensions, widgets): its own client and scope.
describe('a scope’s own capture methods', () => {
  beforeEach(resetGlobals);

  it('send through the scope’s client with the scope’s data, and return the event id', async () => {
    const test = createTestClient();
    getGlobalScope().setTag('global', 'yes');
    const scope = new Scope().setClient(test.client).setTag('widget', 'chat');
    const ids = [
      scope.captureException(new TypeError('widget failed')),
      scope.captureMessage('widget loaded', 'info'),
      scope.captureEvent({ message: 'ready-made', extra: { n: 1 } }),
    ];
    await test.client.flush(1000);
    const events = test.events();
    expect(events.map((event) => event.event_id)).toEqual(ids);
    expect(events.map((event) => event.tags)).toEqual(Array(3).fill({ global: 'yes', widget: 'chat' }));
    expect(events[0].exception?.values?.[0]).toMatchObject({ type: 'TypeError', value: 'widget failed' });
    expect(events[1].level).toBe('info');
    expect([messageOf(events[1]), messageOf(events[2])]).toEqual(['widget loaded', 'ready-made']);
    expect(events[2].extra).toEqual({ n: 1 });
  });

  it('pass the hint on (beforeSend sees originalException) and a non-Error gets a stack', async () => {
    const seen: unknown[] = [];
    const beforeSend = (event: ErrorEvent, hint: { originalException?: unknown }): ErrorEvent => {
      seen.push(hint.originalException);
      return event;
    };
    const test = createTestClient({ beforeSend });
    new Scope().setClient(test.client).captureException({ reason: 'plain object' }, { data: 1 });
    await test.client.flush(1000);
    expect(seen).toEqual([{ reason: 'plain object' }]);
    expect(test.events()[0].exception?.values?.[0]?.stacktrace?.frames?.length).toBeGreaterThan(0);
  });

  it('without a client send nothing, return an id and never throw', () => {
    const scope = new Scope();
    expect(scope.captureException(new Error('x'))).toMatch(/^[0-9a-f]{32}$/);
    expect(scope.captureMessage('x')).toMatch(/^[0-9a-f]{32}$/);
    expect(scope.captureEvent(null as never)).toMatch(/^[0-9a-f]{32}$/);
  });
});
