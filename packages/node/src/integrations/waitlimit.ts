// While an integration's data loads, only a few events may wait for it. In a synchronous
// burst nothing loads before the app's loop ends: every waiting event would stay in memory
// until then, so the others go on without the data (it is best-effort).

/** Events that may wait at once for one integration's pending load. */
const MAX_WAITING_EVENTS = 8;

/**
 * `wait(load, then)`: `then`'s result once `load()` settles, or `undefined` when too many
 * wait (`load` is then not called: nothing is allocated for an event that goes on).
 */
export type WaitLimit = <T, R>(load: () => Promise<T>, then: (value: T) => R) => Promise<R> | undefined;

/**
 * @example
 * const wait = waitLimit();
 * return wait(modules.load, (found) => add(event, found)) ?? event; // `event` as is when full
 */
export function waitLimit(limit = MAX_WAITING_EVENTS): WaitLimit {
  let waiting = 0;
  return (load, then) => {
    if (waiting >= limit) return undefined;
    waiting++;
    return load().finally(() => waiting--).then(then);
  };
}

/**
 * Starts `load` once the app's current work is done, not inside `init`, and without keeping
 * the process alive: the data is then ready before most events need it. A timer, not
 * `setImmediate`: the offline queue starts one in `init` anyway, and the first use of each
 * kind costs Node a compile of its internals (bench/node-startup.mjs).
 */
export function loadSoon(load: () => unknown): void {
  setTimeout(() => void load(), 0).unref();
}
