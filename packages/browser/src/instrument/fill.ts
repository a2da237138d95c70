// Replacing a global method in place, and calling SDK code from inside an app's call
// without ever letting an SDK bug escape into it.

/**
 * Replaces `target[name]` with `wrap(original)`; leaves it alone when it is not a function.
 *
 * @example
 * fill(window, 'fetch', (original) => function (...args) { return original.apply(this, args); });
 */
export function fill<T extends object, K extends keyof T>(target: T, name: K, wrap: (original: T[K]) => T[K]): void {
  const original = target[name];
  if (typeof original !== 'function') return;
  try {
    target[name] = wrap(original);
  } catch {
    // A frozen or read-only property: leave the app's function as it is.
  }
}

/** Runs SDK code on the app's call path; an exception in it is swallowed, never the app's. */
export function safely(run: () => void): void {
  try {
    run();
  } catch {
    // The SDK must never break the host app.
  }
}
