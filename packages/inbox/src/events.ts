// Events are the `event` items of stored envelopes; these helpers find and present them.

import type { ReceivedEvent, StoredEnvelope } from './types';

export interface EventRef {
  envelope: StoredEnvelope;
  /** Position of the item in its envelope. */
  item: number;
  event: Record<string, unknown>;
}

/** Every event item, in the order of `envelopes` (oldest first). */
export function eventRefs(envelopes: StoredEnvelope[]): EventRef[] {
  const refs: EventRef[] = [];
  for (const envelope of envelopes) {
    envelope.items.forEach(([headers, payload], item) => {
      if (headers.type === 'event') refs.push({ envelope, item, event: payload as Record<string, unknown> });
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

/** JSON form of a stored envelope; binary payloads become `{ "base64": "..." }`. */
export function envelopeToJson({ id, project, received, headers, items }: StoredEnvelope): unknown {
  return {
    id,
    project,
    received,
    headers,
    items: items.map(([itemHeaders, payload]) => ({
      headers: itemHeaders,
      payload: payload instanceof Uint8Array ? { base64: Buffer.from(payload).toString('base64') } : payload,
    })),
  };
}
