import { describe, expect, it } from 'vitest';
import { parseDsn } from '../src/dsn';
import { parseEnvelope, serializeEnvelope } from '../src/envelope';
import { createEventEnvelope, createFeedbackEnvelope, createSessionEnvelope } from '../src/eventenvelope';
import { makeSession } from '../src/session';

const sdk = { name: 'faultline.javascript.node', version: '0.1.0', integrations: ['Dedupe'] };
const dsn = parseDsn('https://public:secret@ingest.example.com/42');
const eventId = '9ec79c33ec9942ab8353589fcb2e04dc';

describe('event envelopes', () => {
  it('puts the event in an `event` item under headers with event_id, sent_at and sdk', () => {
    const envelope = createEventEnvelope({ event_id: eventId, message: 'hi' }, { sdk, dsn });
    const [headers, items] = parseEnvelope(serializeEnvelope(envelope));
    expect(headers).toEqual({ event_id: eventId, sent_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), sdk: { name: sdk.name, version: sdk.version } });
    expect(items).toEqual([[{ type: 'event', length: expect.any(Number) }, { event_id: eventId, message: 'hi' }]]);
  });

  it('sends already serialized event JSON as it is', () => {
    const json = '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","message":"hi"}';
    const body = serializeEnvelope(createEventEnvelope({ event_id: eventId, message: 'ignored' }, { sdk, json }));
    expect(body).toContain(`{"type":"event","length":${json.length}}\n${json}\n`);
  });

  it('adds the DSN (never the secret) to the header only when a tunnel is used', () => {
    const plain = createEventEnvelope({ event_id: eventId }, { sdk, dsn });
    expect(plain[0].dsn).toBeUndefined();
    const tunneled = createEventEnvelope({ event_id: eventId }, { sdk, dsn, tunnel: '/tunnel' });
    expect(tunneled[0].dsn).toBe('https://public@ingest.example.com/42');
  });

  it('adds one attachment item per attachment, with filename and content type', () => {
    const envelope = createEventEnvelope(
      { event_id: eventId },
      { sdk, attachments: [{ filename: 'a.txt', data: 'hello', contentType: 'text/plain' }, { filename: 'b.bin', data: new Uint8Array([1, 2, 3]) }] },
    );
    const text = new TextDecoder().decode(serializeEnvelope(envelope) as Uint8Array);
    expect(text).toContain('{"type":"attachment","length":5,"filename":"a.txt","content_type":"text/plain"}\nhello\n');
    expect(text).toContain('{"type":"attachment","length":3,"filename":"b.bin"}\n');
  });

  it('sends a feedback event as a `feedback` item', () => {
    const envelope = createFeedbackEnvelope({ event_id: eventId, contexts: { feedback: { message: 'broken' } } }, { sdk });
    expect(envelope[1][0][0].type).toBe('feedback');
    expect(envelope[1][0][1]).toMatchObject({ type: 'feedback', contexts: { feedback: { message: 'broken' } } });
  });

  it('puts a session in a `session` item', () => {
    const session = makeSession({ release: 'r@1', environment: 'production' });
    const [headers, items] = parseEnvelope(serializeEnvelope(createSessionEnvelope(session, { sdk })));
    expect(headers.event_id).toBeUndefined();
    expect(items[0][0].type).toBe('session');
    expect(items[0][1]).toMatchObject({ sid: session.sid, status: 'ok', attrs: { release: 'r@1', environment: 'production' } });
  });
});
