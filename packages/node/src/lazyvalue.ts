// A value read asynchronously once, then available synchronously: event processors use it
// to stay synchronous after the first event, so an event reaches the transport (or is
// dropped) in the same tick instead of piling up in memory during a burst.

export interface LazyValue<T> {
  /** The value once loaded, else `undefined`. */
  current(): T | undefined;
  /** Starts the load on the first call; every call gets the same promise. */
  load(): Promise<T>;
}

/**
 * @example
 * const modules = lazyValue(() => readModules(root));
 * const found = modules.current();
 * return found ? apply(found) : modules.load().then(apply);
 */
export function lazyValue<T>(read: () => Promise<T>): LazyValue<T> {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    current: () => value,
    load: () =>
      (pending ??= read().then((result) => {
        value = result;
        return result;
      })),
  };
}
