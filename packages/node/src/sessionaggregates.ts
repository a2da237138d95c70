// Release health for servers: one session per request would flood the server, so requests
// are counted per minute and sent as a `sessions` item (Sentry's "request mode").

import { createEnvelope, logger } from '@faultline/core';
import type { Client } from '@faultline/core';

export type RequestOutcome = 'exited' | 'errored' | 'crashed';

interface Bucket {
  started: string;
  exited: number;
  errored: number;
  crashed: number;
}

/** Buckets are sent at least this often while requests keep coming. */
const SEND_INTERVAL_MS = 60_000;

/**
 * Counts finished requests by minute and outcome; sends them every minute and whenever
 * the client flushes or closes.
 *
 * @example
 * const aggregates = createRequestSessionAggregator(client);
 * aggregates.record('errored');
 */
export function createRequestSessionAggregator(client: Client): { record(outcome: RequestOutcome): void } {
  let buckets = new Map<string, Bucket>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (buckets.size === 0) return;
    const aggregates = [...buckets.values()].map((bucket) => withoutZeros(bucket));
    buckets = new Map();
    const { release, environment } = client.getOptions();
    const sdk = client.getOptions()._metadata?.sdk;
    const headers = { sent_at: new Date().toISOString(), ...(sdk ? { sdk: { name: sdk.name, version: sdk.version } } : {}) };
    const payload = { aggregates, attrs: { release, environment: environment ?? 'production' } };
    void client.sendEnvelope(createEnvelope(headers, [[{ type: 'sessions' }, payload]]));
  };
  client.on('flush', send);
  client.on('close', send);

  return {
    record(outcome) {
      try {
        const started = minuteOf(new Date());
        let bucket = buckets.get(started);
        if (!bucket) buckets.set(started, (bucket = { started, exited: 0, errored: 0, crashed: 0 }));
        bucket[outcome]++;
        if (!timer) {
          timer = setTimeout(send, SEND_INTERVAL_MS);
          // Counting requests must never keep a process alive.
          timer.unref();
        }
      } catch (error) {
        logger.warn('Could not count a request session:', error);
      }
    },
  };
}

/** `2026-11-28T10:04:00Z`: the start of the minute, as the protocol expects. */
function minuteOf(date: Date): string {
  return `${date.toISOString().slice(0, 16)}:00Z`;
}

function withoutZeros(bucket: Bucket): Record<string, string | number> {
  const result: Record<string, string | number> = { started: bucket.started };
  for (const key of ['exited', 'errored', 'crashed'] as const) if (bucket[key] > 0) result[key] = bucket[key];
  return result;
}
