// Observes console calls, e.g. for breadcrumbs. The SDK's own logger keeps the methods
// from before this wrapping, so it never records itself.
import { fill, safely } from './fill';

export type ConsoleLevel = 'debug' | 'info' | 'warn' | 'error' | 'log';
const LEVELS: ConsoleLevel[] = ['debug', 'info', 'warn', 'error', 'log'];

/** Calls `onCall` before each console method of `levels` (default: all) runs. */
export function instrumentConsole(onCall: (level: ConsoleLevel, args: unknown[]) => void, levels: unknown = LEVELS): void {
  if (typeof console === 'undefined') return;
  for (const level of LEVELS) {
    if (Array.isArray(levels) && !levels.includes(level)) continue;
    fill(console, level, (original) =>
      function (this: Console, ...args: unknown[]): void {
        safely(() => onCall(level, args));
        return (original as (...args: unknown[]) => void).apply(this, args);
      },
    );
  }
}
