import { describe, expect, it } from 'vitest';
import { createEnvelope, parseEnvelope, serializeEnvelope } from '@faultline/core';
import { readStoredEnvelope } from '../src/offline/storedenvelope';

const wire = (envelope: Parameters<typeof serializeEnvelope>[0]): Buffer => Buffer.from(serializeEnvelope(envelope) as string);

describe('readStoredEnvelope', () => {
  it('parses the headers, keeps payloads as bytes, and sends back exactly what was stored', () => {
    const event = { event_id: 'e1', message: 'héllo', extra: { nested: [1, 2, 3] } };
    const stored = wire(createEnvelope({ event_id: 'e1', sent_at: '2020-01-01T00:00:00.000Z' }, [
      [{ type: 'event' }, event],
      [{ type: 'attachment', filename: 'a.txt' }, 'line one\nline two'],
    ]));
    const [headers, items] = readStoredEnvelope(stored);
    expect(headers).toEqual({ event_id: 'e1', sent_at: '2020-01-01T00:00:00.000Z' });
    expect(items.map(([itemHeaders]) => itemHeaders.type)).toEqual(['event', 'attachment']);
    expect(items[0][1]).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(serializeEnvelope([headers, items])).equals(stored)).toBe(true);
    expect(parseEnvelope(serializeEnvelope([headers, items]))[1][0][1]).toEqual(event);
  });

  it('parses client reports, which the queue counts when it drops them', () => {
    const report = { timestamp: 1, discarded_events: [{ reason: 'queue_overflow', category: 'error', quantity: 3 }] };
    const [, items] = readStoredEnvelope(wire(createEnvelope({}, [[{ type: 'client_report' }, report]])));
    expect(items[0][1]).toEqual(report);
  });

  it('refuses a truncated file, a bad header and an item without a type', () => {
    expect(() => readStoredEnvelope(Buffer.from('{"event_id":"b"}\n{"type":"event","length":999}\n{}'))).toThrow(/truncated/);
    expect(() => readStoredEnvelope(Buffer.from('not json\n'))).toThrow();
    expect(() => readStoredEnvelope(Buffer.from('[]\n'))).toThrow(/not a JSON object/);
    expect(() => readStoredEnvelope(Buffer.from('{}\n{"length":2}\n{}\n'))).toThrow(/no type/);
  });
});
