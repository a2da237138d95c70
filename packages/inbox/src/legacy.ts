// The legacy `/store/` endpoint takes one JSON event (older SDKs, e.g. Sentry's Python SDK
// 1.x, still send errors there; older still send it base64, see storebody.ts). The inbox
// wraps it in an envelope with one item, so every stored file is an envelope: an `event`
// item, or a `transaction` one for an event of that type (SDKs sent those here too). An
// event sent without an id gets one in the envelope header, as Relay assigns one, so the
// answer names what was stored.

import { randomUUID } from 'node:crypto';
import { createEnvelope, parseEnvelope, serializeEnvelope, type Envelope } from '@faultline/core';
import { HttpError } from './httperror';
import { decodeStoreBody } from './storebody';
import { checkEventId, checkEventSize } from './validate';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The envelope to store for a `/store/` body, and its bytes; the event's JSON is kept as sent. */
export function envelopeFromStoreBody(sent: Uint8Array): { envelope: Envelope; bytes: Uint8Array } {
  checkEventSize(sent.length);
  const body = decodeStoreBody(sent);
  checkEventSize(body.length);
  const event = parseEventObject(body);
  const eventId = event.event_id;
  checkEventId(eventId, 'event');
  const id = typeof eventId === 'string' ? eventId : randomUUID();
  const headers = { event_id: id.replace(/-/g, '').toLowerCase() };
  const type = event.type === 'transaction' ? 'transaction' : 'event';
  const bytes = serializeEnvelope(createEnvelope(headers, [[{ type }, body]]));
  const binary = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return { envelope: parseEnvelope(binary), bytes: binary };
}

function parseEventObject(body: Uint8Array): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(decoder.decode(body));
  } catch {
    throw new HttpError(400, 'the /store/ body is not UTF-8 JSON');
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new HttpError(400, 'the /store/ body is not a JSON event object');
  }
  return event as Record<string, unknown>;
}
