// Drops an event that repeats the one just before it, e.g. an error caught, logged and
// rethrown, or a render loop failing the same way on every frame.

import { logger } from '../logger';
import type { Event, Integration, StackFrame } from '../types';
import { lastException, messageText } from './eventparts';

/**
 * Drops an event when it has the same message, or the same exception type, value and
 * frames, and the same fingerprint as the previous event. Counted as `event_processor`.
 *
 * @example
 * init({ dsn, integrations: [dedupeIntegration()] });
 */
export function dedupeIntegration(): Integration {
  let previous: Event | undefined;
  return {
    name: 'Dedupe',
    processEvent(event: Event): Event | null {
      if (event.type === 'feedback') return event;
      if (previous && isSameEvent(event, previous)) {
        logger.warn('Event dropped: same as the previous one.');
        return null;
      }
      previous = event;
      return event;
    },
  };
}

function isSameEvent(current: Event, previous: Event): boolean {
  if (!sameList(current.fingerprint, previous.fingerprint)) return false;
  const currentException = lastException(current);
  const previousException = lastException(previous);
  if (currentException || previousException) {
    return (
      !!currentException &&
      !!previousException &&
      currentException.type === previousException.type &&
      currentException.value === previousException.value &&
      sameFrames(currentException.stacktrace?.frames, previousException.stacktrace?.frames)
    );
  }
  return current.message !== undefined && messageText(current) === messageText(previous);
}

function sameFrames(a: StackFrame[] = [], b: StackFrame[] = []): boolean {
  if (a.length !== b.length) return false;
  return a.every(
    (frame, index) =>
      frame.filename === b[index].filename &&
      frame.function === b[index].function &&
      frame.lineno === b[index].lineno &&
      frame.colno === b[index].colno,
  );
}

function sameList(a: string[] = [], b: string[] = []): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
