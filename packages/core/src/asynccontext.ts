// Which scopes are "current": a stack by default (browser), AsyncLocalStorage in Node.
//
// The state lives in one object on `globalThis` under `__FAULTLINE__`, so the ESM and CJS
// copies of this package that a Node app may load side by side share one global scope,
// one strategy and one client instead of silently splitting the user's context in two.

import { isThenable } from './pipeline';
import { Scope } from './scope';

/** Decides which current and isolation scope a call sees; Node supplies one on AsyncLocalStorage. */
export interface AsyncContextStrategy {
  getCurrentScope(): Scope;
  getIsolationScope(): Scope;
  /** Runs `callback` with a fork of the current scope; returns what it returns (a promise too). */
  withScope<T>(callback: (scope: Scope) => T): T;
  /** Runs `callback` with a fork of the isolation scope (and of the current scope). */
  withIsolationScope<T>(callback: (scope: Scope) => T): T;
}

interface ScopeLayer {
  scope: Scope;
  isolationScope: Scope;
}

interface Carrier {
  globalScope: Scope;
  defaultCurrentScope: Scope;
  defaultIsolationScope: Scope;
  stack: ScopeLayer[];
  strategy?: AsyncContextStrategy;
  /** Names of integrations whose `setupOnce` already ran in this process. */
  installedIntegrations: Set<string>;
}

const CARRIER_KEY = '__FAULTLINE__';

function carrier(): Carrier {
  const holder = globalThis as unknown as Record<string, Carrier | undefined>;
  let state = holder[CARRIER_KEY];
  if (!state) {
    const defaultCurrentScope = new Scope();
    const defaultIsolationScope = new Scope();
    state = {
      globalScope: new Scope(),
      defaultCurrentScope,
      defaultIsolationScope,
      stack: [{ scope: defaultCurrentScope, isolationScope: defaultIsolationScope }],
      installedIntegrations: new Set(),
    };
    holder[CARRIER_KEY] = state;
  }
  return state;
}

/** The scope applied to every event, from every client. */
export function getGlobalScope(): Scope {
  return carrier().globalScope;
}

/** The current scope outside any `withScope`; a strategy uses it as its root. */
export function getDefaultCurrentScope(): Scope {
  return carrier().defaultCurrentScope;
}

/** The isolation scope outside any `withIsolationScope`; a strategy uses it as its root. */
export function getDefaultIsolationScope(): Scope {
  return carrier().defaultIsolationScope;
}

/** Names of integrations whose `setupOnce` already ran, shared by every copy of the SDK. */
export function getInstalledIntegrations(): Set<string> {
  return carrier().installedIntegrations;
}

/**
 * Installs a platform strategy; `undefined` restores the default stack.
 *
 * @example
 * setAsyncContextStrategy({ getCurrentScope, getIsolationScope, withScope, withIsolationScope });
 */
export function setAsyncContextStrategy(strategy: AsyncContextStrategy | undefined): void {
  carrier().strategy = strategy;
}

export function getAsyncContextStrategy(): AsyncContextStrategy {
  return carrier().strategy ?? stackStrategy;
}

function top(): ScopeLayer {
  const stack = carrier().stack;
  return stack[stack.length - 1];
}

/**
 * Pushes `layer`, runs `callback`, and removes the layer again when the callback returns
 * or, for a promise, settles. The layer is removed by identity, so two async callbacks
 * finishing out of order do not pop each other's scopes.
 */
function runInLayer<T>(layer: ScopeLayer, callback: (scope: Scope) => T, argument: Scope): T {
  const stack = carrier().stack;
  stack.push(layer);
  const remove = (): void => {
    const index = stack.lastIndexOf(layer);
    if (index > 0) stack.splice(index, 1);
  };
  let result: T;
  try {
    result = callback(argument);
  } catch (error) {
    remove();
    throw error;
  }
  if (isThenable(result)) {
    try {
      result.then(remove, remove);
    } catch {
      remove();
    }
  } else {
    remove();
  }
  return result;
}

const stackStrategy: AsyncContextStrategy = {
  getCurrentScope: () => top().scope,
  getIsolationScope: () => top().isolationScope,
  withScope(callback) {
    const { scope, isolationScope } = top();
    const fork = scope.clone();
    return runInLayer({ scope: fork, isolationScope }, callback, fork);
  },
  withIsolationScope(callback) {
    const { scope, isolationScope } = top();
    const fork = isolationScope.clone();
    return runInLayer({ scope: scope.clone(), isolationScope: fork }, callback, fork);
  },
};
