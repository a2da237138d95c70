// TEMPORARY bridge to the scrubber another engineer is still writing: uses theirs as soon
// as `scrub/index.ts` exports `scrubEvent`, a pass-through until then. Deleted once it lands.

import * as scrubModule from './scrub/index';
import type { Event } from './types';

const scrub = scrubModule as unknown as {
  scrubEvent?: (event: Event, options: Record<string, unknown>) => Event;
};

export function scrubEvent(event: Event, options: Record<string, unknown>): Event {
  return scrub.scrubEvent ? scrub.scrubEvent(event, options) : event;
}
