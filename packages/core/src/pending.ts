// TEMPORARY bridge to modules other engineers are still writing (normalize, scrub): uses
// theirs as soon as they export the names, a pass-through until then. Deleted once both land.

import * as normalizeModule from './normalize';
import * as scrubModule from './scrub/index';
import type { Event } from './types';

interface Pending {
  normalize?: (value: unknown, depth?: number, maxBreadth?: number) => unknown;
  truncate?: (text: string, max: number) => string;
  scrubEvent?: (event: Event, options: Record<string, unknown>) => Event;
}

const modules = { ...normalizeModule, ...scrubModule } as unknown as Pending;

export function normalize(value: unknown, depth?: number, maxBreadth?: number): unknown {
  return modules.normalize ? modules.normalize(value, depth, maxBreadth) : value;
}

export function truncate(text: string, max: number): string {
  if (modules.truncate) return modules.truncate(text, max);
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

export function scrubEvent(event: Event, options: Record<string, unknown>): Event {
  return modules.scrubEvent ? modules.scrubEvent(event, options) : event;
}
