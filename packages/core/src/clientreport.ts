// Client reports: how many events were dropped, and why, sent in a `client_report` item.

import { createEnvelope } from './envelope';
import type { DataCategory, DiscardedEvent, Envelope, EnvelopeItem, Outcome } from './types';

/** Category of client reports themselves: never counted, or reports would report reports. */
const CLIENT_REPORT_CATEGORY = 'internal';

export interface ClientReportAggregator {
  /** Counts `quantity` dropped items of `category` for `reason`. */
  record(reason: Outcome, category: DataCategory, quantity?: number): void;
  /** Returns everything counted so far and starts over. */
  take(): DiscardedEvent[];
}

/**
 * Sums outcomes by reason and category until they are taken for a report.
 *
 * @example
 * const outcomes = createClientReportAggregator();
 * outcomes.record('sample_rate', 'error');
 * outcomes.take(); // [{ reason: 'sample_rate', category: 'error', quantity: 1 }]
 */
export function createClientReportAggregator(): ClientReportAggregator {
  let counts = new Map<string, DiscardedEvent>();
  return {
    record(reason, category, quantity = 1) {
      if (category === CLIENT_REPORT_CATEGORY || !(quantity > 0) || !Number.isFinite(quantity)) return;
      const key = `${reason}:${category}`;
      const existing = counts.get(key);
      if (existing) existing.quantity += quantity;
      else counts.set(key, { reason, category, quantity });
    },
    take() {
      const discarded = Array.from(counts.values());
      counts = new Map();
      return discarded;
    },
  };
}

/**
 * The `client_report` envelope item for these outcomes.
 *
 * @example
 * createClientReportItem(outcomes.take(), Date.now() / 1000);
 */
export function createClientReportItem(discarded: DiscardedEvent[], timestampSeconds: number): EnvelopeItem {
  return [{ type: 'client_report' }, { timestamp: timestampSeconds, discarded_events: discarded }];
}

/**
 * An envelope holding one `client_report` item; `dsn` goes in the header (needed behind a tunnel).
 *
 * @example
 * transport.send(createClientReportEnvelope(outcomes.take(), { dsn: options.tunnel ? options.dsn : undefined }));
 */
export function createClientReportEnvelope(
  discarded: DiscardedEvent[],
  { dsn, timestamp = Date.now() / 1000 }: { dsn?: string; timestamp?: number } = {},
): Envelope {
  return createEnvelope(dsn ? { dsn } : {}, [createClientReportItem(discarded, timestamp)]);
}
