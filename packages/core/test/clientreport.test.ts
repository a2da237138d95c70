import { describe, expect, it } from 'vitest';
import { createClientReportAggregator, createClientReportEnvelope, createClientReportItem } from '../src/clientreport';
import { parseEnvelope, serializeEnvelope } from '../src/envelope';

describe('createClientReportAggregator', () => {
  it('sums quantities per reason and category', () => {
    const outcomes = createClientReportAggregator();
    outcomes.record('queue_overflow', 'error');
    outcomes.record('queue_overflow', 'error', 2);
    outcomes.record('queue_overflow', 'attachment');
    outcomes.record('sample_rate', 'error', 5);
    expect(outcomes.take()).toEqual([
      { reason: 'queue_overflow', category: 'error', quantity: 3 },
      { reason: 'queue_overflow', category: 'attachment', quantity: 1 },
      { reason: 'sample_rate', category: 'error', quantity: 5 },
    ]);
  });

  it('clears on take, and a taken list is not changed by later records', () => {
    const outcomes = createClientReportAggregator();
    outcomes.record('network_error', 'session');
    const first = outcomes.take();
    outcomes.record('network_error', 'session');
    expect(first).toEqual([{ reason: 'network_error', category: 'session', quantity: 1 }]);
    expect(outcomes.take()).toEqual([{ reason: 'network_error', category: 'session', quantity: 1 }]);
    expect(outcomes.take()).toEqual([]);
  });

  it('never counts client reports themselves', () => {
    const outcomes = createClientReportAggregator();
    outcomes.record('network_error', 'internal');
    expect(outcomes.take()).toEqual([]);
  });

  it('ignores quantities that are not positive numbers', () => {
    const outcomes = createClientReportAggregator();
    for (const quantity of [0, -1, NaN, Infinity, '3' as unknown as number]) outcomes.record('send_error', 'error', quantity);
    expect(outcomes.take()).toEqual([]);
  });
});

describe('createClientReportEnvelope', () => {
  const discarded = [{ reason: 'queue_overflow' as const, category: 'error', quantity: 3 }];

  it('serializes to the protocol shape', () => {
    expect(serializeEnvelope(createClientReportEnvelope(discarded, { timestamp: 1700000000 }))).toBe(
      '{}\n{"type":"client_report","length":105}\n' +
        '{"timestamp":1700000000,"discarded_events":[{"reason":"queue_overflow","category":"error","quantity":3}]}\n',
    );
  });

  it('puts the dsn in the envelope header when given', () => {
    const [headers, items] = createClientReportEnvelope(discarded, { dsn: 'https://k@h/1', timestamp: 5 });
    expect(headers).toEqual({ dsn: 'https://k@h/1' });
    expect(items).toEqual([createClientReportItem(discarded, 5)]);
  });

  it('stamps the current time in seconds by default', () => {
    const before = Date.now() / 1000;
    const [, [[, payload]]] = parseEnvelope(serializeEnvelope(createClientReportEnvelope(discarded)));
    const { timestamp } = payload as { timestamp: number };
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now() / 1000);
  });
});
