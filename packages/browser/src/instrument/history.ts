// Observes same-document navigations: pushState, replaceState and back/forward.
import { fill, safely } from './fill';

export type HistoryListener = (from: string, to: string) => void;

const listeners: HistoryListener[] = [];
let lastHref = '';

/** Calls `listener(from, to)` with full URLs each time the page's URL changes without a load. */
export function onHistoryChange(listener: HistoryListener): void {
  listeners.push(listener);
  if (listeners.length > 1 || typeof history === 'undefined' || typeof location === 'undefined') return;
  lastHref = location.href;
  const notify = (): void => {
    const from = lastHref;
    lastHref = location.href;
    if (from === lastHref) return;
    for (const each of listeners) safely(() => each(from, lastHref));
  };
  addEventListener('popstate', notify);
  for (const name of ['pushState', 'replaceState'] as const) {
    fill(history, name, (original) =>
      function (this: History, ...args: Parameters<History['pushState']>): void {
        original.apply(this, args);
        notify();
      },
    );
  }
}
