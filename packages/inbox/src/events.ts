// Events are the `event` items of stored envelopes (the pages add user feedback); these
// helpers find and present them, and give envelopes their JSON form.

import type { EnvelopeItem } from '@faultline/core';
import type { ReceivedEvent, StoredEnvelope } from './types';

// Logs, spans and other newer item types carry JSON the codec leaves as bytes; their
// `content_type` (`application/json`, `application/vnd.sentry.items.log+json`) says so.
const JSON_CONTENT_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface EventRef {
  envelope: StoredEnvelope;
  /** Position of the item in its envelope. */
  item: number;
  event: Record<string, unknown>;
}

/** Every event item, in the order of `envelopes` (oldest first). */
export function eventRefs(envelopes: StoredEnvelope[]): EventRef[] {
  return itemRefs(envelopes, ['event']);
}

/**
 * What the pages and printed lines show: events, and user feedback, either the event-like
 * `feedback` item or the older `user_report` (name, email, comments).
 */
export function pageRefs(envelopes: StoredEnvelope[]): EventRef[] {
  return itemRefs(envelopes, ['event', 'feedback', 'user_report']);
}

function itemRefs(envelopes: StoredEnvelope[], types: string[]): EventRef[] {
  const refs: EventRef[] = [];
  for (const envelope of envelopes) {
    envelope.items.forEach(([headers, payload], item) => {
      if (types.includes(headers.type)) refs.push({ envelope, item, event: payload as Record<string, unknown> });
    });
  }
  return refs;
}

/** The event payload plus `received`, when the inbox stored it. */
export function receivedEvent({ envelope, event }: EventRef): ReceivedEvent {
  return { ...event, received: envelope.received } as ReceivedEvent;
}

/** The page of one event: `/event/<envelope id>/<item>`. */
export function eventPath({ envelope, item }: EventRef): string {
  return `/event/${envelope.id}/${item}`;
}

/**
 * JSON form of a stored envelope. Byte payloads become `{ "base64": "..." }`, except JSON
 * ones of item types other than `attachment`, shown parsed.
 */
export function envelopeToJson({ id, project, received, headers, items }: StoredEnvelope): unknown {
  return {
    id,
    project,
    received,
    headers,
    items: items.map(([itemHeaders, payload]) => ({ headers: itemHeaders, payload: payloadToJson(itemHeaders, payload) })),
  };
}

function payloadToJson(headers: EnvelopeItem[0], payload: unknown): unknown {
  if (!(payload instanceof Uint8Array)) return payload;
  if (headers.type !== 'attachment' && JSON_CONTENT_TYPE.test(String(headers.content_type ?? ''))) {
    try {
      return JSON.parse(utf8.decode(payload));
    } catch {
      // Not the JSON it claims to be: shown as bytes like any other.
    }
  }
  return { base64: Buffer.from(payload).toString('base64') };
}
