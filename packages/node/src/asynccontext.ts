// Per-request scopes for Node: the current and isolation scope follow the async call chain
// through AsyncLocalStorage, so two requests handled at once never see each other's data.

import { getDefaultCurrentScope, getDefaultIsolationScope, setAsyncContextStrategy } from '@faultline/core';
import type { Scope } from '@faultline/core';
import type { AsyncLocalStorage } from 'node:async_hooks';
import { builtin } from './builtin';

/** The pair of scopes an async call chain sees. */
export interface ScopeContext {
  scope: Scope;
  isolationScope: Scope;
}

let storage: AsyncLocalStorage<ScopeContext> | undefined;

function current(): ScopeContext {
  return storage?.getStore() ?? { scope: getDefaultCurrentScope(), isolationScope: getDefaultIsolationScope() };
}

/**
 * Installs the AsyncLocalStorage strategy; `init` calls it once.
 *
 * @example
 * setNodeAsyncContextStrategy();
 * withIsolationScope((scope) => scope.setTag('request', id)); // visible only in this chain
 */
export function setNodeAsyncContextStrategy(): void {
  const store = (storage ??= new (builtin('node:async_hooks').AsyncLocalStorage)<ScopeContext>());
  setAsyncContextStrategy({
    getCurrentScope: () => current().scope,
    getIsolationScope: () => current().isolationScope,
    withScope(callback) {
      const { scope, isolationScope } = current();
      const fork = scope.clone();
      return store.run({ scope: fork, isolationScope }, callback, fork);
    },
    withIsolationScope(callback) {
      const { scope, isolationScope } = current();
      const fork = isolationScope.clone();
      return store.run({ scope: scope.clone(), isolationScope: fork }, callback, fork);
    },
  });
}

/** The scopes of the running call chain, to come back to them from another one later. */
export function captureScopeContext(): ScopeContext {
  return current();
}

/**
 * Runs `callback` with the given scopes, e.g. to record a breadcrumb for a request from a
 * socket callback that runs outside the request's own call chain.
 */
export function runInScopeContext<T>(context: ScopeContext, callback: () => T): T {
  return storage ? storage.run(context, callback) : callback();
}

/**
 * Switches the rest of the running call chain (and everything it schedules) to `context`.
 * Used where Node announces a request on a diagnostics channel but offers no callback to wrap.
 */
export function enterScopeContext(context: ScopeContext): void {
  storage?.enterWith(context);
}
