// Timers and deadlines shared by the client, the transport and the offline queue.

// Longest delay timers accept (2^31 - 1 ms); beyond it they fire at once, with a warning.
const MAX_DELAY_MS = 2_147_483_647;

/** `setTimeout` that never keeps a Node process alive (browsers have no `unref`). */
export function backgroundTimer(callback: () => void, delayMs: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(callback, Math.min(delayMs, MAX_DELAY_MS));
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/**
 * `true` when `work` fulfils within `timeoutMs`, `false` when it rejects or time runs out
 * first. Without a positive `timeoutMs` it waits as long as it takes, as Sentry's `flush()`.
 *
 * @example
 * const sent = await settledWithin(drain(), 2000);
 */
export function settledWithin(work: PromiseLike<unknown>, timeoutMs?: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = timeoutMs! > 0 ? backgroundTimer(() => resolve(false), timeoutMs!) : undefined;
    const settle = (result: boolean): void => {
      clearTimeout(timer);
      resolve(result);
    };
    work.then(() => settle(true), () => settle(false));
  });
}
