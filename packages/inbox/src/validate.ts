// What the inbox checks in an envelope beyond its framing, as a strict Sentry-protocol
// server would: JSON items are objects, ids are UUIDs, event items fit the size limit.

import type { Envelope, EnvelopeItem } from '@faultline/core';
import { HttpError } from './httperror';
import { EVENT_ITEM_LIMIT } from './limits';

const UUID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Throws a 400 or 413 `HttpError` naming the first problem. */
export function validateEnvelope([headers, items]: Envelope): void {
  if (items.length === 0) throw new HttpError(400, 'the envelope has no items');
  checkEventId(headers.event_id, 'envelope header');
  if (headers.sent_at !== undefined && Number.isNaN(Date.parse(String(headers.sent_at)))) {
    throw new HttpError(400, 'envelope header sent_at is not a date');
  }
  items.forEach((item, index) => validateItem(item, index));
}

function validateItem([headers, payload]: EnvelopeItem, index: number): void {
  const label = `item ${index} (${String(headers.type).slice(0, 40)})`;
  // The envelope codec parses JSON item types and leaves the others as bytes.
  if (payload instanceof Uint8Array) return;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new HttpError(400, `${label} payload is not a JSON object`);
  }
  if (headers.type !== 'event') return;
  checkEventSize(typeof headers.length === 'number' ? headers.length : jsonSize(payload));
  checkEventId((payload as { event_id?: unknown }).event_id, label);
}

export function checkEventSize(bytes: number): void {
  if (bytes > EVENT_ITEM_LIMIT) throw new HttpError(413, `an event is larger than ${EVENT_ITEM_LIMIT} bytes`);
}

/** `null` means no id, as in Relay's protocol types. */
export function checkEventId(eventId: unknown, where: string): void {
  if (eventId !== undefined && eventId !== null && (typeof eventId !== 'string' || !UUID.test(eventId))) {
    throw new HttpError(400, `${where} event_id is not a UUID`);
  }
}

/** Size of an event sent without `length`: its JSON re-serialized, whitespace aside what was sent. */
function jsonSize(payload: object): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8');
}
