import { describe, expect, it } from 'vitest';
import {
  addItemToEnvelope,
  createEnvelope,
  EnvelopeError,
  itemTypeToCategory,
  parseEnvelope,
  serializeEnvelope,
} from '../src/envelope';
import type { Envelope } from '../src/types';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const asBytes = (body: string | Uint8Array): Uint8Array => (typeof body === 'string' ? encode(body) : body);
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('createEnvelope / addItemToEnvelope', () => {
  it('creates an envelope with no items by default', () => {
    expect(createEnvelope({ event_id: 'a' })).toEqual([{ event_id: 'a' }, []]);
  });

  it('returns a new envelope with the item appended and leaves the original alone', () => {
    const original = createEnvelope({}, [[{ type: 'event' }, { a: 1 }]]);
    const extended = addItemToEnvelope(original, [{ type: 'attachment', filename: 'a.txt' }, 'hi']);
    expect(extended[1]).toHaveLength(2);
    expect(extended[1][1]).toEqual([{ type: 'attachment', filename: 'a.txt' }, 'hi']);
    expect(original[1]).toHaveLength(1);
  });
});

describe('serializeEnvelope', () => {
  it('writes the documented layout as a string when every payload is text or JSON', () => {
    const envelope = createEnvelope(
      { event_id: '9ec79c33ec9942ab8353589fcb2e04dc', sdk: { name: 'faultline.javascript.node', version: '0.1.0' } },
      [
        [{ type: 'event' }, { message: 'hi' }],
        [{ type: 'attachment', filename: 'a.txt', content_type: 'text/plain' }, 'hello'],
      ],
    );
    expect(serializeEnvelope(envelope)).toBe(
      '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","sdk":{"name":"faultline.javascript.node","version":"0.1.0"}}\n' +
        '{"type":"event","length":16}\n{"message":"hi"}\n' +
        '{"type":"attachment","length":5,"filename":"a.txt","content_type":"text/plain"}\nhello\n',
    );
  });

  it('counts UTF-8 bytes, not UTF-16 units, in length', () => {
    const body = serializeEnvelope(createEnvelope({}, [[{ type: 'attachment', filename: 'h' }, 'héllo 😀']]));
    // h(1) é(2) llo(3) space(1) 😀(4)
    expect(body).toBe('{}\n{"type":"attachment","length":11,"filename":"h"}\nhéllo 😀\n');
  });

  it('counts multibyte characters inside JSON payloads', () => {
    const body = serializeEnvelope(createEnvelope({}, [[{ type: 'event' }, { message: '日本 😀' }]]));
    const payload = '{"message":"日本 😀"}';
    expect(encode(payload).length).toBe(25);
    expect(body).toBe(`{}\n{"type":"event","length":25}\n${payload}\n`);
  });

  it('counts a lone surrogate as the 3 bytes of U+FFFD that UTF-8 encoding writes', () => {
    const body = serializeEnvelope(createEnvelope({}, [[{ type: 'attachment' }, 'a\ud800b']]));
    expect(body).toBe('{}\n{"type":"attachment","length":5}\na\ud800b\n');
    expect(encode('a\ud800b').length).toBe(5);
  });

  it('returns bytes, exactly, once a payload is binary', () => {
    const envelope = createEnvelope({ event_id: 'x' }, [
      [{ type: 'event' }, { message: 'é' }],
      [{ type: 'attachment', filename: 'b.bin', content_type: 'application/octet-stream' }, allBytes],
    ]);
    const body = serializeEnvelope(envelope);
    expect(body).toBeInstanceOf(Uint8Array);
    const head = encode(
      '{"event_id":"x"}\n{"type":"event","length":16}\n{"message":"é"}\n' +
        '{"type":"attachment","length":256,"filename":"b.bin","content_type":"application/octet-stream"}\n',
    );
    const expected = new Uint8Array([...head, ...allBytes, 10]);
    expect(Array.from(body as Uint8Array)).toEqual(Array.from(expected));
  });

  it('overrides a wrong length given by the caller and keeps the other header fields in order', () => {
    const body = serializeEnvelope(createEnvelope({}, [[{ type: 'attachment', length: 99, filename: 'a' }, 'abc']]));
    expect(body).toBe('{}\n{"type":"attachment","length":3,"filename":"a"}\nabc\n');
  });

  it('writes an empty payload with length 0', () => {
    expect(serializeEnvelope(createEnvelope({}, [[{ type: 'attachment' }, '']]))).toBe(
      '{}\n{"type":"attachment","length":0}\n\n',
    );
  });

  it('writes a payload JSON cannot express as null', () => {
    expect(serializeEnvelope(createEnvelope({}, [[{ type: 'event' }, undefined]]))).toBe(
      '{}\n{"type":"event","length":4}\nnull\n',
    );
  });

  it('writes a header-only envelope', () => {
    expect(serializeEnvelope(createEnvelope({ dsn: 'https://k@h/1' }))).toBe('{"dsn":"https://k@h/1"}\n');
  });

  it('throws EnvelopeError for a circular payload', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => serializeEnvelope(createEnvelope({}, [[{ type: 'event' }, circular]]))).toThrow(EnvelopeError);
  });
});

describe('parseEnvelope', () => {
  it('reads JSON items as values and attachments as bytes', () => {
    const [headers, items] = parseEnvelope(
      '{"event_id":"abc"}\n{"type":"event","length":16}\n{"message":"hi"}\n' +
        '{"type":"attachment","length":5,"filename":"a.txt"}\nhello\n',
    );
    expect(headers).toEqual({ event_id: 'abc' });
    expect(items[0]).toEqual([{ type: 'event', length: 16 }, { message: 'hi' }]);
    expect(items[1][0]).toEqual({ type: 'attachment', length: 5, filename: 'a.txt' });
    expect(items[1][1]).toEqual(encode('hello'));
  });

  it('parses every JSON item type we send', () => {
    for (const type of ['event', 'session', 'sessions', 'client_report', 'feedback', 'transaction', 'user_report']) {
      const [, [[, payload]]] = parseEnvelope(`{}\n{"type":"${type}","length":7}\n{"a":1}\n`);
      expect(payload).toEqual({ a: 1 });
    }
  });

  it('reads an item without length up to the next newline', () => {
    const [, items] = parseEnvelope('{}\n{"type":"event"}\n{"message":"a"}\n{"type":"attachment"}\nxyz\n');
    expect(items[0][1]).toEqual({ message: 'a' });
    expect(items[1][1]).toEqual(encode('xyz'));
  });

  it('reads a payload with length that contains newlines', () => {
    const [, items] = parseEnvelope('{}\n{"type":"attachment","length":5}\na\nb\nc\n');
    expect(items[0][1]).toEqual(encode('a\nb\nc'));
  });

  it('keeps unknown item types, with their bytes', () => {
    const [, items] = parseEnvelope('{}\n{"type":"future_thing","length":3,"x":1}\n{ }\n');
    expect(items).toEqual([[{ type: 'future_thing', length: 3, x: 1 }, encode('{ }')]]);
  });

  it('accepts a last item with no trailing newline, with or without length', () => {
    expect(parseEnvelope('{}\n{"type":"event","length":2}\n{}')[1]).toEqual([[{ type: 'event', length: 2 }, {}]]);
    expect(parseEnvelope('{}\n{"type":"event"}\n{}')[1]).toEqual([[{ type: 'event' }, {}]]);
  });

  it('accepts a header-only envelope, with or without newline, and trailing blank lines', () => {
    expect(parseEnvelope('{"a":1}')).toEqual([{ a: 1 }, []]);
    expect(parseEnvelope('{"a":1}\n')).toEqual([{ a: 1 }, []]);
    expect(parseEnvelope('{}\n{"type":"event","length":2}\n{}\n\n\n')[1]).toHaveLength(1);
  });

  it('counts length in UTF-8 bytes', () => {
    const [, items] = parseEnvelope('{}\n{"type":"attachment","length":11}\nhéllo 😀\n');
    expect(new TextDecoder().decode(items[0][1] as Uint8Array)).toBe('héllo 😀');
  });

  it('returns plain Uint8Array copies when given a Node Buffer', () => {
    const body = Buffer.from('{}\n{"type":"attachment","length":2}\nab\n');
    const payload = parseEnvelope(body)[1][0][1] as Uint8Array;
    expect(payload.constructor).toBe(Uint8Array);
    body.fill(0);
    expect(Array.from(payload)).toEqual([97, 98]);
  });

  const malformed: Array<[string, string | Uint8Array, RegExp]> = [
    ['empty input', '', /header is missing/],
    ['a header that is not JSON', 'nope\n', /envelope header is not valid JSON/],
    ['a header that is an array', '[]\n', /envelope header is not a JSON object/],
    ['a header that is null', 'null\n', /not a JSON object/],
    ['an item header that is not JSON', '{}\n{type\n', /item 0 header is not valid JSON/],
    ['an item header without type', '{}\n{"length":1}\na\n', /no string "type"/],
    ['a non-string type', '{}\n{"type":5}\na\n', /no string "type"/],
    ['a negative length', '{}\n{"type":"a","length":-1}\n\n', /invalid length/],
    ['a fractional length', '{}\n{"type":"a","length":1.5}\nab\n', /invalid length/],
    ['a string length', '{}\n{"type":"a","length":"3"}\nabc\n', /invalid length/],
    ['a length past the end', '{}\n{"type":"attachment","length":10}\nabc\n', /truncated/],
    ['a payload longer than its length', '{}\n{"type":"attachment","length":2}\nabc\n', /not followed by a newline/],
    ['an event payload that is not JSON', '{}\n{"type":"event","length":3}\nabc\n', /item 0 \(event\) payload is not valid JSON/],
    ['invalid UTF-8 in a header', new Uint8Array([0x7b, 0xff, 0x7d, 10]), /not valid UTF-8/],
    ['invalid UTF-8 in a JSON payload', new Uint8Array([...encode('{}\n{"type":"event","length":1}\n'), 0xc3, 10]), /not valid UTF-8/],
    ['unterminated deeply nested JSON', `{}\n{"type":"event"}\n${'['.repeat(200_000)}\n`, /not valid JSON/],
  ];
  for (const [name, input, message] of malformed) {
    it(`throws EnvelopeError for ${name}`, () => {
      expect(() => parseEnvelope(input)).toThrow(EnvelopeError);
      expect(() => parseEnvelope(input)).toThrow(message);
    });
  }

  it('throws EnvelopeError for input that is neither text nor bytes', () => {
    expect(() => parseEnvelope(42 as unknown as string)).toThrow(EnvelopeError);
    expect(() => parseEnvelope(null as unknown as string)).toThrow(EnvelopeError);
  });
});

describe('parseEnvelope with rawPayloads', () => {
  const raw = { rawPayloads: true };

  it('parses the headers, keeps payloads as bytes, and serializes back exactly what it read', () => {
    const event = { event_id: 'e1', message: 'héllo', extra: { nested: [1, 2, 3] } };
    const stored = asBytes(serializeEnvelope(createEnvelope({ event_id: 'e1', sent_at: '2020-01-01T00:00:00.000Z' }, [
      [{ type: 'event' }, event],
      [{ type: 'attachment', filename: 'a.txt' }, 'line one\nline two'],
    ])));
    const [headers, items] = parseEnvelope(stored, raw);
    expect(headers).toEqual({ event_id: 'e1', sent_at: '2020-01-01T00:00:00.000Z' });
    expect(items.map(([itemHeaders]) => itemHeaders.type)).toEqual(['event', 'attachment']);
    expect(items[0][1]).toBeInstanceOf(Uint8Array);
    expect(serializeEnvelope([headers, items])).toEqual(stored);
    expect(parseEnvelope(serializeEnvelope([headers, items]))[1][0][1]).toEqual(event);
  });

  it('still parses client reports, whose counts a queue must read', () => {
    const report = { timestamp: 1, discarded_events: [{ reason: 'queue_overflow', category: 'error', quantity: 3 }] };
    const [, items] = parseEnvelope(serializeEnvelope(createEnvelope({}, [[{ type: 'client_report' }, report]])), raw);
    expect(items[0][1]).toEqual(report);
  });

  it('refuses what the plain parse refuses', () => {
    expect(() => parseEnvelope('{"event_id":"b"}\n{"type":"event","length":999}\n{}', raw)).toThrow(/truncated/);
    expect(() => parseEnvelope('not json\n', raw)).toThrow(EnvelopeError);
    expect(() => parseEnvelope('{}\n{"length":2}\n{}\n', raw)).toThrow(/type/);
  });
});

describe('round trip', () => {
  const envelopes: Array<[string, Envelope]> = [
    ['an event', createEnvelope({ event_id: 'e', sent_at: '2026-01-01T00:00:00.000Z' }, [[{ type: 'event' }, { message: 'héllo 😀', n: 1.5, list: [null, true] }]])],
    ['a binary attachment', createEnvelope({}, [[{ type: 'event' }, {}], [{ type: 'attachment', filename: 'b', attachment_type: 'event.attachment' }, allBytes]])],
    ['a session and a client report', createEnvelope({}, [[{ type: 'session' }, { sid: 's', status: 'ok' }], [{ type: 'client_report' }, { timestamp: 1, discarded_events: [] }]])],
    ['an empty attachment and an unknown type', createEnvelope({}, [[{ type: 'attachment' }, new Uint8Array(0)], [{ type: 'thing' }, new Uint8Array([10, 10])]])],
  ];
  for (const [name, envelope] of envelopes) {
    it(`gives back the same bytes for ${name}`, () => {
      const first = serializeEnvelope(envelope);
      const second = serializeEnvelope(parseEnvelope(first));
      expect(Array.from(asBytes(second))).toEqual(Array.from(asBytes(first)));
    });
  }

  it('gives back the identical string for an envelope of JSON items', () => {
    const text = serializeEnvelope(envelopes[0][1]);
    expect(typeof text).toBe('string');
    expect(serializeEnvelope(parseEnvelope(text))).toBe(text);
  });
});

describe('itemTypeToCategory', () => {
  it.each([
    ['event', 'error'],
    ['attachment', 'attachment'],
    ['session', 'session'],
    ['sessions', 'session'],
    ['client_report', 'internal'],
    ['feedback', 'feedback'],
    ['transaction', 'transaction'],
    ['user_report', 'default'],
    ['profile', 'profile'],
    ['something_new', 'something_new'],
  ])('%s -> %s', (type, category) => {
    expect(itemTypeToCategory(type)).toBe(category);
  });
});
