// We must read every envelope Sentry's own Python SDK writes: its headers (with non-ASCII escaped
// as \uXXXX), `length` on every item, a binary attachment, a UTF-8 text attachment, a client report
// and a type we do not know. Needs `/usr/bin/python3` with `sentry_sdk` (Debian
// python3-sentry-sdk), like python-envelope.test.ts, which checks the other direction.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { parseEnvelope } from '@faultline/core';

const PYTHON = '/usr/bin/python3';

const WRITER = `
import base64, sys
from sentry_sdk.envelope import Envelope, Item, PayloadRef
from sentry_sdk.attachments import Attachment
envelope = Envelope(headers={"event_id": "9ec79c33ec9942ab8353589fcb2e04dc", "note": "ünïcode"})
envelope.add_event({"event_id": "9ec79c33ec9942ab8353589fcb2e04dc", "message": "héllo 😀 — 日本語\\nline2", "level": "error"})
envelope.add_item(Attachment(bytes=bytes(range(256)), filename="bytes.bin").to_envelope_item())
envelope.add_item(Attachment(bytes="héllo 😀\\n\\nend\\n".encode(), filename="héllo.txt", content_type="text/plain").to_envelope_item())
envelope.add_item(Item(payload=PayloadRef(json={"timestamp": 1700000000.5, "discarded_events": [{"reason": "queue_overflow", "category": "error", "quantity": 3}]}), type="client_report"))
envelope.add_item(Item(payload=PayloadRef(bytes=b"opaque\\n\\npayload"), type="some_future_type", headers={"extra": "x"}))
sys.stdout.write(base64.b64encode(envelope.serialize()).decode("ascii"))
`;

function writtenByPython(): Uint8Array {
  const result = spawnSync(PYTHON, ['-c', WRITER], { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  expect(result.status, `python3 with sentry_sdk (Debian python3-sentry-sdk) failed:\n${result.stderr}`).toBe(0);
  return new Uint8Array(Buffer.from(result.stdout, 'base64'));
}

it("reads an envelope written by Sentry's Python SDK, item by item and byte for byte", () => {
  const [headers, items] = parseEnvelope(writtenByPython());
  const text = (bytes: unknown) => new TextDecoder().decode(bytes as Uint8Array);

  expect(headers).toEqual({ event_id: '9ec79c33ec9942ab8353589fcb2e04dc', note: 'ünïcode' });
  expect(items.map(([itemHeaders]) => itemHeaders.type)).toEqual([
    'event',
    'attachment',
    'attachment',
    'client_report',
    'some_future_type',
  ]);
  const [event, binary, textFile, clientReport, unknown] = items;
  expect(event[1]).toEqual({ event_id: '9ec79c33ec9942ab8353589fcb2e04dc', message: 'héllo 😀 — 日本語\nline2', level: 'error' });
  expect(binary[0]).toMatchObject({ filename: 'bytes.bin', length: 256 });
  expect(Array.from(binary[1] as Uint8Array)).toEqual(Array.from({ length: 256 }, (_, i) => i));
  // Its length counts UTF-8 bytes (17), not characters (13).
  expect(textFile[0]).toMatchObject({ filename: 'héllo.txt', content_type: 'text/plain', length: 17 });
  expect(text(textFile[1])).toBe('héllo 😀\n\nend\n');
  expect(clientReport[1]).toEqual({
    timestamp: 1700000000.5,
    discarded_events: [{ reason: 'queue_overflow', category: 'error', quantity: 3 }],
  });
  expect(unknown[0]).toMatchObject({ type: 'some_future_type', extra: 'x' });
  expect(text(unknown[1])).toBe('opaque\n\npayload');
});
