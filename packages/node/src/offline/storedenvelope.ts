// A queued envelope read back for sending again: only the header lines are parsed (rate
// limits, outcomes and `sent_at` need them); each payload stays the stored bytes, which
// `serializeEnvelope` writes back as they are. Parsing every event again would only make
// garbage while a burst drains.

import type { Envelope, EnvelopeItem } from '@faultline/core';

const NEWLINE = 10;

/**
 * Reads `bytes` (the wire format) into an envelope whose payloads are views of `bytes`,
 * except client reports, which the queue must be able to count. Throws on a malformed or
 * truncated file.
 *
 * @example
 * const [headers, items] = readStoredEnvelope(readFileSync(file));
 * items[0][1]; // the event's JSON, as a Uint8Array view
 */
export function readStoredEnvelope(bytes: Buffer): Envelope {
  let position = 0;
  const lineEnd = (): number => {
    const newline = bytes.indexOf(NEWLINE, position);
    return newline === -1 ? bytes.length : newline;
  };
  const readJson = (end: number): unknown => {
    const value: unknown = JSON.parse(bytes.toString('utf8', position, end));
    position = end + 1;
    return value;
  };
  const readHeaders = (what: string): Record<string, unknown> => {
    const value = readJson(lineEnd());
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not a JSON object`);
    return value as Record<string, unknown>;
  };
  const headers = readHeaders('the envelope header');
  const items: EnvelopeItem[] = [];
  while (position < bytes.length) {
    const itemHeaders = readHeaders('an item header') as EnvelopeItem[0];
    const { type, length } = itemHeaders;
    if (typeof type !== 'string') throw new Error('an item has no type');
    const end = length === undefined ? lineEnd() : position + length;
    if (!Number.isInteger(end) || end < position || end > bytes.length || (end < bytes.length && bytes[end] !== NEWLINE)) {
      throw new Error(`a ${type} item is truncated`);
    }
    const payload = type === 'client_report' ? readJson(end) : bytes.subarray(position, end);
    position = end + 1;
    items.push([itemHeaders, payload] as EnvelopeItem);
  }
  return [headers, items];
}
