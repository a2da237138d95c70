// Sentry's own Python SDK must read every envelope we write: same item types, headers and
// payload bytes. Needs `/usr/bin/python3` with `sentry_sdk` (Debian python3-sentry-sdk);
// without it this test fails on purpose, CI installs the package.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createEnvelope, serializeEnvelope } from '@faultline/core';
import type { Envelope } from '@faultline/core';

const PYTHON = '/usr/bin/python3';

// Reads base64 envelopes from stdin, prints what sentry_sdk parsed: headers, and per item
// its headers, its JSON when sentry_sdk parsed it as JSON, else its raw bytes (base64).
const READER = `
import base64, json, sys
from sentry_sdk.envelope import Envelope
summary = []
for encoded in json.load(sys.stdin):
    envelope = Envelope.deserialize(base64.b64decode(encoded))
    items = []
    for item in envelope.items:
        payload = item.payload
        parsed_json = payload.json is not None
        items.append({
            "type": item.type,
            "headers": item.headers,
            "json": payload.json if parsed_json else None,
            "bytes": None if parsed_json else base64.b64encode(payload.get_bytes()).decode("ascii"),
        })
    summary.append({"headers": envelope.headers, "items": items})
print(json.dumps(summary))
`;

interface PythonItem {
  type: string;
  headers: Record<string, unknown>;
  json: unknown;
  bytes: string | null;
}
interface PythonEnvelope {
  headers: Record<string, unknown>;
  items: PythonItem[];
}

const encoder = new TextEncoder();
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
const sdk = { name: 'faultline.javascript.node', version: '0.1.0' };

const envelopes: Record<string, Envelope> = {
  'an event': createEnvelope({ event_id: '9ec79c33ec9942ab8353589fcb2e04dc', sent_at: '2026-11-28T10:00:00.000Z', sdk }, [
    [
      { type: 'event' },
      {
        event_id: '9ec79c33ec9942ab8353589fcb2e04dc',
        level: 'error',
        message: 'héllo 😀 — 日本語',
        exception: { values: [{ type: 'Error', value: 'line1\nline2', stacktrace: { frames: [{ lineno: 1, colno: 2 }] } }] },
        timestamp: 1764324000.123,
      },
    ],
  ]),
  'an event with a binary and a text attachment': createEnvelope({ event_id: 'a'.repeat(32), sdk }, [
    [{ type: 'event' }, { message: 'with attachments' }],
    [{ type: 'attachment', filename: 'bytes.bin', content_type: 'application/octet-stream' }, allBytes],
    [{ type: 'attachment', filename: 'héllo.txt', content_type: 'text/plain', attachment_type: 'event.attachment' }, 'héllo 😀\nsecond line\n'],
    [{ type: 'attachment', filename: 'empty.txt' }, new Uint8Array(0)],
  ]),
  'a session': createEnvelope({ sent_at: '2026-11-28T10:00:00.000Z', sdk }, [
    [
      { type: 'session' },
      {
        sid: 'b'.repeat(32),
        init: true,
        started: '2026-11-28T10:00:00.000Z',
        timestamp: '2026-11-28T10:00:01.000Z',
        status: 'ok',
        errors: 0,
        duration: 1,
        attrs: { release: 'app@1.0.0', environment: 'production', user_agent: 'Mozilla/5.0 (é)' },
      },
    ],
  ]),
  'a client report behind a tunnel': createEnvelope({ dsn: 'https://key@o1.example.com/42' }, [
    [{ type: 'client_report' }, { timestamp: 1700000000, discarded_events: [{ reason: 'queue_overflow', category: 'error', quantity: 3 }] }],
  ]),
  'a feedback and an unknown item type': createEnvelope({ event_id: 'c'.repeat(32) }, [
    [{ type: 'feedback' }, { contexts: { feedback: { message: 'ça marche 👍', contact_email: 'a@b.c' } } }],
    [{ type: 'some_future_type', extra_header: 'x' }, encoder.encode('opaque\n\npayload')],
  ]),
};

/** The bytes `serializeEnvelope` wrote for one payload. */
function payloadBytes(payload: unknown): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  return encoder.encode(typeof payload === 'string' ? payload : JSON.stringify(payload));
}

function readWithPython(bodies: Array<string | Uint8Array>): PythonEnvelope[] {
  const input = JSON.stringify(bodies.map((body) => Buffer.from(typeof body === 'string' ? encoder.encode(body) : body).toString('base64')));
  const result = spawnSync(PYTHON, ['-c', READER], { input, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  // A missing sentry_sdk fails here, with Python's traceback as the message.
  expect(result.status, `python3 with sentry_sdk (Debian python3-sentry-sdk) failed:\n${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as PythonEnvelope[];
}

describe("Sentry's Python SDK reads our envelopes", () => {
  const names = Object.keys(envelopes);
  const bodies = names.map((name) => serializeEnvelope(envelopes[name]));

  it('serializes the attachment envelope as bytes and the others as text', () => {
    expect(bodies.map((body) => typeof body)).toEqual(['string', 'object', 'string', 'string', 'object']);
  });

  const parsed = (() => {
    let cache: PythonEnvelope[] | undefined;
    return () => (cache ??= readWithPython(bodies));
  })();

  names.forEach((name, index) => {
    it(`with the same headers, item types and payloads: ${name}`, () => {
      const [headers, items] = envelopes[name];
      const fromPython = parsed()[index];
      expect(fromPython.headers).toEqual(headers);
      expect(fromPython.items.map((item) => item.type)).toEqual(items.map(([itemHeaders]) => itemHeaders.type));
      items.forEach(([itemHeaders, payload], itemIndex) => {
        const item = fromPython.items[itemIndex];
        const bytes = payloadBytes(payload);
        const expected: Record<string, unknown> = { ...itemHeaders, length: bytes.length };
        // sentry_sdk fills in a missing content_type from the payload kind it read.
        expected.content_type ??= item.json !== null ? 'application/json' : 'application/octet-stream';
        expect(item.headers).toEqual(expected);
        if (item.json !== null) {
          // sentry_sdk parses event JSON itself; it must be the value we sent.
          expect(item.json).toEqual(payload);
        } else {
          expect(Buffer.from(item.bytes!, 'base64').equals(Buffer.from(bytes))).toBe(true);
        }
      });
    });
  });

  it('parses event payloads as JSON (so a misaligned length would have failed)', () => {
    expect(parsed()[0].items[0].json).toMatchObject({ message: 'héllo 😀 — 日本語' });
    expect(parsed()[1].items[1].bytes).toBe(Buffer.from(allBytes).toString('base64'));
  });
});
