// `waitFor`-style promises that settle when the inbox's state reaches a count.

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

export class Waiters {
  private readonly pending = new Set<Waiter>();

  /** Resolves with `read()` once it has at least `count` entries; rejects after `timeoutMs`. */
  wait<T>(read: () => T[], count: number, timeoutMs: number, what: string): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const current = read();
          if (current.length < count) return;
          this.settle(waiter, timer);
          resolve(current);
        },
        fail: (error) => {
          this.settle(waiter, timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiter.fail(new Error(`waited ${timeoutMs} ms for ${count} ${what}, got ${read().length}`));
      }, timeoutMs);
      this.pending.add(waiter);
      waiter.check();
    });
  }

  /** Call after every change. */
  notify(): void {
    for (const waiter of [...this.pending]) waiter.check();
  }

  failAll(error: Error): void {
    for (const waiter of [...this.pending]) waiter.fail(error);
  }

  private settle(waiter: Waiter, timer: ReturnType<typeof setTimeout>): void {
    clearTimeout(timer);
    this.pending.delete(waiter);
  }
}
