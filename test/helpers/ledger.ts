// The reliability ledger read from what the inbox stored: every captured item is either
// delivered or counted in a client report, per category.

import { expect } from 'vitest';
import { itemTypeToCategory } from '@faultline/core';
import type { ClientReport } from '@faultline/core';
import type { Inbox } from '@faultline/inbox';

export interface Ledger {
  /** Items stored per category, each event id once. */
  delivered: Record<string, number>;
  /** Client-report outcomes per category, then per reason. */
  counted: Record<string, Record<string, number>>;
  /** Event ids stored more than once. */
  duplicates: string[];
}

/**
 * Reads the ledger from everything the inbox stored.
 *
 * @example
 * expect(readLedger(inbox).counted.error).toEqual({ ratelimit_backoff: 3 });
 */
export function readLedger(inbox: Inbox): Ledger {
  const ledger: Ledger = { delivered: {}, counted: {}, duplicates: [] };
  const seen = new Set<string>();
  for (const { items } of inbox.envelopes()) {
    for (const [headers, payload] of items) {
      if (headers.type === 'client_report') {
        for (const { category, reason, quantity } of (payload as ClientReport).discarded_events) {
          const byReason = (ledger.counted[category] ??= {});
          byReason[reason] = (byReason[reason] ?? 0) + quantity;
        }
        continue;
      }
      const category = itemTypeToCategory(headers.type);
      const id = `${category}:${(payload as { event_id?: string }).event_id}`;
      if (seen.has(id)) {
        ledger.duplicates.push(id);
        continue;
      }
      seen.add(id);
      ledger.delivered[category] = (ledger.delivered[category] ?? 0) + 1;
    }
  }
  return ledger;
}

/** Sum of a category's outcomes. */
export function countedIn(ledger: Ledger, category: string): number {
  return Object.values(ledger.counted[category] ?? {}).reduce((sum, quantity) => sum + quantity, 0);
}

/**
 * Asserts captured = delivered + counted for every category, with nothing delivered twice;
 * returns the ledger for further checks.
 *
 * @example
 * expectBalanced(inbox, { error: 10, feedback: 2 });
 */
export function expectBalanced(inbox: Inbox, captured: Record<string, number>): Ledger {
  const ledger = readLedger(inbox);
  const balance = (categories: Record<string, number>) =>
    Object.fromEntries(Object.keys(categories).map((category) => [category, (ledger.delivered[category] ?? 0) + countedIn(ledger, category)]));
  expect({ balance: balance(captured), duplicates: ledger.duplicates }).toEqual({ balance: captured, duplicates: [] });
  return ledger;
}
