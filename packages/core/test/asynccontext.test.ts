import { beforeEach, describe, expect, it } from 'vitest';
import {
  getAsyncContextStrategy,
  getDefaultCurrentScope,
  getDefaultIsolationScope,
  getGlobalScope,
  setAsyncContextStrategy,
} from '../src/asynccontext';
import type { AsyncContextStrategy } from '../src/asynccontext';
import { Scope } from '../src/scope';
import { getCurrentScope, getIsolationScope, withIsolationScope, withScope } from '../src/sdk';
import { resetGlobals } from './helpers';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('async context (default stack strategy)', () => {
  beforeEach(resetGlobals);

  it('forks the current scope for a sync callback and returns its value', () => {
    getCurrentScope().setTag('outer', 1);
    const result = withScope((scope) => {
      expect(getCurrentScope()).toBe(scope);
      scope.setTag('inner', 2);
      return 'value';
    });
    expect(result).toBe('value');
    expect(getCurrentScope().getScopeData().tags).toEqual({ outer: 1 });
  });

  it('restores the scope when the callback throws, and lets the error through', () => {
    const before = getCurrentScope();
    expect(() => withScope(() => { throw new Error('user error'); })).toThrow('user error');
    expect(getCurrentScope()).toBe(before);
  });

  it('keeps the forked scope for an async callback until its promise settles', async () => {
    let inside: Scope | undefined;
    const promise = withScope(async (scope) => {
      scope.setTag('async', true);
      await tick();
      inside = getCurrentScope();
      return 7;
    });
    expect(await promise).toBe(7);
    expect(inside?.getScopeData().tags).toEqual({ async: true });
    expect(getCurrentScope()).toBe(getDefaultCurrentScope());
  });

  it('removes layers by identity when async callbacks finish out of order', async () => {
    let releaseFirst!: () => void;
    const first = withScope(() => new Promise<void>((resolve) => (releaseFirst = resolve)));
    let releaseSecond!: () => void;
    let second: Scope | undefined;
    const secondDone = withScope((scope) => {
      second = scope;
      return new Promise<void>((resolve) => (releaseSecond = resolve));
    });
    releaseFirst();
    await first;
    await tick();
    expect(getCurrentScope()).toBe(second);
    releaseSecond();
    await secondDone;
    await tick();
    expect(getCurrentScope()).toBe(getDefaultCurrentScope());
  });

  it('forks the isolation scope with withIsolationScope', () => {
    getIsolationScope().setTag('request', 'outer');
    withIsolationScope((isolation) => {
      expect(getIsolationScope()).toBe(isolation);
      isolation.setTag('request', 'inner');
    });
    expect(getIsolationScope().getScopeData().tags).toEqual({ request: 'outer' });
    expect(getIsolationScope()).toBe(getDefaultIsolationScope());
  });

  it('shares one global scope through globalThis, for a second copy of the SDK', () => {
    const carrier = (globalThis as unknown as Record<string, { globalScope: Scope } | undefined>).__FAULTLINE__;
    expect(carrier?.globalScope).toBe(getGlobalScope());
  });

  it('uses an installed strategy, and the stack again after unsetting it', () => {
    const current = new Scope();
    const isolation = new Scope();
    const strategy: AsyncContextStrategy = {
      getCurrentScope: () => current,
      getIsolationScope: () => isolation,
      withScope: (callback) => callback(current),
      withIsolationScope: (callback) => callback(isolation),
    };
    setAsyncContextStrategy(strategy);
    expect(getAsyncContextStrategy()).toBe(strategy);
    expect(getCurrentScope()).toBe(current);
    expect(getIsolationScope()).toBe(isolation);
    setAsyncContextStrategy(undefined);
    expect(getCurrentScope()).toBe(getDefaultCurrentScope());
  });
});
