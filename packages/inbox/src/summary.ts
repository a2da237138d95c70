// What a person wants to see of an event at a glance: shared by the printed line and the page.

import type { Exception, StackFrame } from '@faultline/core';

export interface EventSummary {
  level: string;
  /** `Type: value` of the exception that was thrown last, or the message. */
  title: string;
  /** From the event's own timestamp; undefined when it has none that parses. */
  time?: Date;
  release?: string;
  environment?: string;
  topFrame?: StackFrame;
}

type Loose = Record<string, unknown>;

export function summarize(event: Loose): EventSummary {
  const exception = mainException(event);
  return {
    level: text(event.level) ?? 'error',
    title: (exception ? exceptionTitle(exception) : (messageText(event) ?? feedbackText(event))) || '(no message)',
    time: eventTime(event.timestamp),
    release: text(event.release),
    environment: text(event.environment),
    topFrame: exception ? topInAppFrame(exception) : undefined,
  };
}

/** `exception.values` is oldest first: the last one is what was thrown and caught. */
export function exceptions(event: Loose): Exception[] {
  const values = (event.exception as { values?: unknown } | undefined)?.values;
  return Array.isArray(values) ? values.filter((value): value is Exception => isObject(value)) : [];
}

export function framesOf(exception: Exception): StackFrame[] {
  const frames = exception.stacktrace?.frames;
  return Array.isArray(frames) ? frames.filter((frame): frame is StackFrame => isObject(frame)) : [];
}

export function exceptionTitle(exception: Exception): string {
  const type = text(exception.type);
  const value = text(exception.value);
  return type && value ? `${type}: ${value}` : (type ?? value ?? '');
}

/** `at fn (file:12:5)` */
export function formatFrame(frame: StackFrame): string {
  const where = [text(frame.filename) ?? text(frame.abs_path) ?? text(frame.module) ?? '?', frame.lineno, frame.colno]
    .filter((part) => part !== undefined)
    .join(':');
  return `at ${text(frame.function) ?? '?'} (${where})`;
}

function mainException(event: Loose): Exception | undefined {
  const all = exceptions(event);
  return all[all.length - 1];
}

/** Frames run caller -> callee: the last in-app one is where the app went wrong. */
function topInAppFrame(exception: Exception): StackFrame | undefined {
  const frames = framesOf(exception);
  return [...frames].reverse().find((frame) => frame.in_app === true) ?? frames[frames.length - 1];
}

function messageText(event: Loose): string | undefined {
  for (const source of [event.message, event.logentry]) {
    if (typeof source === 'string') return source;
    if (isObject(source)) {
      const found = text(source.formatted) ?? text(source.message);
      if (found) return found;
    }
  }
  return undefined;
}

/** A `feedback` item's message is in `contexts.feedback`; a `user_report`'s in `comments`. */
function feedbackText(event: Loose): string | undefined {
  const feedback = isObject(event.contexts) ? event.contexts.feedback : undefined;
  const message = (isObject(feedback) ? text(feedback.message) : undefined) ?? text(event.comments);
  return message === undefined ? undefined : `Feedback: ${message}`;
}

/** Sentry timestamps are seconds as a number, or an RFC 3339 string (e.g. from Python). */
export function eventTime(timestamp: unknown): Date | undefined {
  const ms = typeof timestamp === 'number' ? timestamp * 1000 : typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  // Past this a Date is invalid and toISOString() would throw.
  return Math.abs(ms) <= 8.64e15 ? new Date(ms) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
