// The parts of an event the filters compare: its message text and its last exception.

import type { Event, Exception } from '../types';

/** The message as text, whether the event holds a string or a `{ formatted, message }` entry. */
export function messageText(event: Event): string | undefined {
  const { message } = event;
  return typeof message === 'string' ? message : message?.formatted ?? message?.message;
}

/** The exception the event is about: the last of `exception.values`. */
export function lastException(event: Event): Exception | undefined {
  const values = event.exception?.values;
  return values?.[values.length - 1];
}
