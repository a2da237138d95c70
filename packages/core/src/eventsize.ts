// The last guard before an event leaves: it must be valid JSON and fit the server's 1 MiB
// event item limit, whatever processors and beforeSend put into it.

import { logger } from './logger';
import { normalize, normalizeToSize } from './normalize';
import type { Event } from './types';

/** Below the server's 1 MiB (1,048,576 bytes) event item limit, with room to spare. */
export const MAX_EVENT_BYTES = 1_000_000;

/** What an event keeps when nothing else fits: enough to find and group the error. */
const ESSENTIAL_KEYS = [
  'event_id', 'timestamp', 'platform', 'level', 'logger', 'message', 'exception', 'release', 'environment',
  'dist', 'server_name', 'transaction', 'fingerprint', 'sdk', 'type',
] as const;
/** Data fields that may each take a tenth of the size when an event must shrink. */
const DATA_KEYS = ['extra', 'contexts', 'user', 'tags', 'request'] as const;
/** Deep enough for exception.values[].stacktrace.frames[].pre_context[]. */
const EVENT_DEPTH = 8;

/**
 * Returns the event when it serializes to at most `maxBytes`; otherwise a smaller
 * JSON-safe copy: breadcrumb data dropped and data fields cut first, then only the
 * essential fields. Throws nothing.
 *
 * @example
 * fitEventToSize(event).extra; // cut to ~100 KB when the event was too big
 */
export function fitEventToSize(event: Event, maxBytes = MAX_EVENT_BYTES): Event {
  if (sizeOf(event, maxBytes) <= maxBytes) return event;
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
  if (sizeOf(candidate, maxBytes) <= maxBytes) return candidate;
  const essential: Record<string, unknown> = {};
  for (const key of ESSENTIAL_KEYS) essential[key] = reduced[key];
  const minimal = normalizeToSize(essential, EVENT_DEPTH, maxBytes);
  if (typeof minimal === 'object' && minimal !== null && !Array.isArray(minimal)) return minimal as Event;
  return { event_id: event.event_id, level: 'error', message: 'The event was too large to send.' };
}

/** UTF-8 size of the event's JSON; Infinity when it is not serializable. */
function sizeOf(event: Event, maxBytes: number): number {
  let text: string | undefined;
  try {
    text = JSON.stringify(event);
  } catch {
    return Infinity;
  }
  // A `toJSON` somewhere can turn the event into a string or null: not an event any more.
  if (typeof text !== 'string' || text[0] !== '{') return Infinity;
  // At most 3 UTF-8 bytes per UTF-16 unit: most events need no exact count.
  return text.length * 3 <= maxBytes ? text.length : encoder.encode(text).length;
}

const encoder = new TextEncoder();
