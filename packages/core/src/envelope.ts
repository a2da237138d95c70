// The envelope codec shared by the SDK (serialize) and the inbox (parse).
//
// Wire format: one-line JSON envelope header, then per item a one-line JSON item header
// and its payload, each followed by "\n". `length` counts UTF-8 bytes.
//
// Payload rule of `parseEnvelope`, chosen so that serializing what it returns gives back
// the same bytes for every envelope `serializeEnvelope` wrote from JSON values:
// - items whose type carries JSON (`JSON_ITEM_TYPES`) come back as the parsed value;
// - every other item (attachments, unknown types) comes back as a `Uint8Array`.

import { utf8Length } from './normalize';
import type { DataCategory, Envelope, EnvelopeHeaders, EnvelopeItem, EnvelopeItemType } from './types';

/** Thrown by `parseEnvelope` for malformed input and by `serializeEnvelope` for unserializable payloads. */
export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** Item types whose payload is a JSON document. */
const JSON_ITEM_TYPES = new Set<string>([
  'event',
  'transaction',
  'session',
  'sessions',
  'client_report',
  'feedback',
  'user_report',
  'check_in',
  'profile',
  'replay_event',
]);

const NEWLINE = 10;
const encoder = /* #__PURE__ */ new TextEncoder();
// `fatal` turns invalid UTF-8 into an error instead of silently inserting U+FFFD;
// `ignoreBOM` keeps a leading BOM in text so re-encoding gives the same bytes.
const decoder = /* #__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Creates an envelope from its headers and items.
 *
 * @example
 * const envelope = createEnvelope({ event_id: id, sent_at: new Date().toISOString() }, [
 *   [{ type: 'event' }, event],
 * ]);
 */
export function createEnvelope(headers: EnvelopeHeaders, items: EnvelopeItem[] = []): Envelope {
  return [headers, items];
}

/**
 * Returns a new envelope with `item` appended; the given envelope is left unchanged.
 *
 * @example
 * envelope = addItemToEnvelope(envelope, [{ type: 'attachment', filename: 'a.txt' }, 'hello']);
 */
export function addItemToEnvelope(envelope: Envelope, item: EnvelopeItem): Envelope {
  const [headers, items] = envelope;
  return [headers, [...items, item]];
}

/**
 * Maps an item type to its rate-limit and client-report category.
 *
 * @example
 * itemTypeToCategory('event'); // 'error'
 */
export function itemTypeToCategory(type: EnvelopeItemType): DataCategory {
  switch (type) {
    case 'event':
      return 'error';
    case 'session':
    case 'sessions':
      return 'session';
    case 'client_report':
      return 'internal';
    case 'user_report':
      return 'default';
    default:
      // attachment, feedback, transaction and unknown types are their own category.
      return type;
  }
}

/**
 * Serializes an envelope: a string, or a `Uint8Array` once any payload is binary.
 * String payloads are written as they are, other payloads with `JSON.stringify`; each item
 * header gets `length` set to its payload's UTF-8 byte length.
 *
 * @example
 * const body = serializeEnvelope(createEnvelope({}, [[{ type: 'event' }, { message: 'hi' }]]));
 * // '{}\n{"type":"event","length":16}\n{"message":"hi"}\n'
 */
export function serializeEnvelope(envelope: Envelope): string | Uint8Array {
  const [headers, items] = envelope;
  let text = `${stringify(headers)}\n`;
  // Bytes only once a payload is binary: text before it is encoded in one run.
  let chunks: Uint8Array[] | undefined;
  for (const [itemHeaders, payload] of items) {
    const wire = payloadToWire(payload);
    const length = typeof wire === 'string' ? utf8Length(wire) : wire.length;
    // `type` and `length` first, the rest in the caller's order.
    text += `${stringify(Object.assign({ type: itemHeaders.type, length }, itemHeaders, { length }))}\n`;
    if (typeof wire === 'string') {
      text += `${wire}\n`;
    } else {
      (chunks ??= []).push(encoder.encode(text), wire);
      text = '\n';
    }
  }
  if (!chunks) return text;
  chunks.push(encoder.encode(text));
  return concatBytes(chunks);
}

/**
 * Parses a serialized envelope; the exact inverse of `serializeEnvelope` (see the payload
 * rule at the top of this file). Throws `EnvelopeError`, and only that, on malformed input.
 *
 * @example
 * const [headers, items] = parseEnvelope(requestBody);
 * const events = items.filter(([item]) => item.type === 'event').map(([, event]) => event);
 */
export function parseEnvelope(input: string | Uint8Array, { rawPayloads = false }: ParseOptions = {}): Envelope {
  const reader = { bytes: inputBytes(input), position: 0, rawPayloads };
  const headersLine = readLine(reader);
  if (headersLine.length === 0) throw new EnvelopeError('envelope header is missing');
  const headers = parseJsonObject(headersLine, 'envelope header') as EnvelopeHeaders;
  const items: EnvelopeItem[] = [];
  while (!atEndOfContent(reader)) {
    items.push(readItem(reader, items.length));
  }
  return [headers, items];
}

/** A plain Uint8Array view of the input, so payloads never come back as a Node Buffer. */
function inputBytes(input: string | Uint8Array): Uint8Array {
  if (typeof input === 'string') return encoder.encode(input);
  if (!ArrayBuffer.isView(input)) throw new EnvelopeError('envelope must be a string or a Uint8Array');
  return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
}

export interface ParseOptions {
  /**
   * Payloads stay views of the input bytes, not parsed or copied (client reports excepted:
   * their counts are read). For an envelope that is only sent again, e.g. from a queue.
   */
  rawPayloads?: boolean;
}

interface Reader {
  bytes: Uint8Array;
  position: number;
  rawPayloads: boolean;
}

function readItem(reader: Reader, index: number): EnvelopeItem {
  const headers = parseJsonObject(readLine(reader), `item ${index} header`);
  const { type, length } = headers;
  if (typeof type !== 'string') throw new EnvelopeError(`item ${index} header has no string "type"`);
  const label = `item ${index} (${type})`;
  let payload: Uint8Array;
  if (length === undefined || length === null) {
    payload = readLine(reader);
  } else {
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
      throw new EnvelopeError(`${label} has an invalid length: ${JSON.stringify(length)}`);
    }
    const { bytes, position } = reader;
    const end = position + length;
    if (end > bytes.length) {
      throw new EnvelopeError(`${label} is truncated: length ${length}, ${bytes.length - position} bytes left`);
    }
    if (end < bytes.length && bytes[end] !== NEWLINE) {
      throw new EnvelopeError(`${label} payload is not followed by a newline`);
    }
    payload = bytes.subarray(position, end);
    reader.position = end + 1;
  }
  if (reader.rawPayloads && type !== 'client_report') return [headers as EnvelopeItem[0], payload];
  if (!JSON_ITEM_TYPES.has(type)) return [headers as EnvelopeItem[0], payload.slice()];
  return [headers as EnvelopeItem[0], parseJson(payload, `${label} payload`)];
}

/** Reads up to the next newline (or the end) and moves past it. */
function readLine(reader: Reader): Uint8Array {
  const { bytes, position } = reader;
  const newline = bytes.indexOf(NEWLINE, position);
  const end = newline === -1 ? bytes.length : newline;
  reader.position = end + 1;
  return bytes.subarray(position, end);
}

/** True when only whitespace is left: trailing newlines after the last item are allowed. */
function atEndOfContent(reader: Reader): boolean {
  const { bytes } = reader;
  for (let i = reader.position; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== NEWLINE && byte !== 13 && byte !== 32 && byte !== 9) return false;
  }
  return true;
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new EnvelopeError(`${what} is not valid UTF-8`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new EnvelopeError(`${what} is not valid JSON`);
  }
}

function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  const value = parseJson(bytes, what);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EnvelopeError(`${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function payloadToWire(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  // A value JSON cannot express (undefined, a function) is sent as null, like a JSON array does.
  return stringify(payload) ?? 'null';
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    // Circular structures and BigInt: the caller should have normalized the value.
    throw new EnvelopeError(`payload cannot be serialized: ${String(error)}`);
  }
}

function concatBytes(chunks: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
