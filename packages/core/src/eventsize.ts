// The last guard before an event leaves: it must be valid JSON and fit the server's 1 MiB
// event item limit, whatever processors and beforeSend put into it.

import { logger } from './logger';
import { normalize, normalizeToSize, utf8Length } from './normalize';
import type { Event } from './types';

/** Below the server's 1 MiB (1,048,576 bytes) event item limit, with room to spare. */
export const MAX_EVENT_BYTES = 1_000_000;

/** What an event keeps when nothing else fits: enough to find and group the error. */
const ESSENTIAL_KEYS = [
  'event_id', 'timestamp', 'platform', 'level', 'logger', 'logentry', 'exception', 'release', 'environment',
  'dist', 'server_name', 'transaction', 'fingerprint', 'sdk', 'type',
] as const;
/** Data fields that may each take a tenth of the size when an event must shrink. */
const DATA_KEYS = ['extra', 'contexts', 'user', 'tags', 'request'] as const;
/** Deep enough for exception.values[].stacktrace.frames[].pre_context[]. */
const EVENT_DEPTH = 8;

/**
 * The event and its JSON text, at most `maxBytes` UTF-8 bytes. An event that is too big
 * or not valid JSON is replaced by a smaller JSON-safe copy: breadcrumb data dropped and
 * data fields cut first, then only the essential fields. Throws nothing. The text is
 * what gets sent, so the event is serialized once.
 *
 * @example
 * const { event, json } = fitEventToSize(captured); // json.length <= 1_000_000
 */
export function fitEventToSize(event: Event, maxBytes = MAX_EVENT_BYTES): { event: Event; json: string } {
  const json = jsonWithin(event, maxBytes);
  if (json !== undefined) return { event, json };
  logger.warn('Event too large or not valid JSON; sending a reduced copy.');
  const reduced: Record<string, unknown> = { ...event };
  const breadcrumbs = event.breadcrumbs?.values;
  if (Array.isArray(breadcrumbs)) {
    reduced.breadcrumbs = { values: breadcrumbs.map((crumb) => ({ ...crumb, data: undefined })) };
  }
  for (const key of DATA_KEYS) {
    if (reduced[key] !== undefined) reduced[key] = normalizeToSize(reduced[key], 3, maxBytes / 10);
  }
  const candidate = normalize(reduced, EVENT_DEPTH) as Event;
  const candidateJson = jsonWithin(candidate, maxBytes);
  if (candidateJson !== undefined) return { event: candidate, json: candidateJson };
  const essential: Record<string, unknown> = {};
  for (const key of ESSENTIAL_KEYS) essential[key] = reduced[key];
  let minimal = normalizeToSize(essential, EVENT_DEPTH, maxBytes) as Event;
  if (typeof minimal !== 'object' || minimal === null || Array.isArray(minimal)) {
    const text = 'The event was too large to send.';
    minimal = { event_id: event.event_id, level: 'error', logentry: { message: text, formatted: text } };
  }
  return { event: minimal, json: JSON.stringify(minimal) };
}

/** The event's JSON text when it is a JSON object of at most `maxBytes` UTF-8 bytes. */
function jsonWithin(event: Event, maxBytes: number): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(event);
  } catch {
    return undefined;
  }
  // A `toJSON` somewhere can turn the event into a string or null: not an event any more.
  if (typeof text !== 'string' || text[0] !== '{') return undefined;
  // At most 3 UTF-8 bytes per UTF-16 unit: most events need no exact count.
  if (text.length * 3 > maxBytes && utf8Length(text) > maxBytes) return undefined;
  return text;
}
