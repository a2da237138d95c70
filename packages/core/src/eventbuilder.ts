// Turns whatever was thrown or logged into an event: an exception with a parsed stack
// trace, or a message. Reads every property defensively: a thrown value may be hostile.

import { normalize } from './normalize';
import type { Event, EventHint, Exception, Mechanism, SeverityLevel, StackFrame, StackParser } from './types';

/** What the builder needs from the client's options. */
export interface EventBuilderOptions {
  stackParser?: StackParser;
  attachStacktrace?: boolean;
  normalizeDepth?: number;
  normalizeMaxBreadth?: number;
}

const DEFAULT_MECHANISM: Mechanism = { type: 'generic', handled: true };

/**
 * The exception entry for an Error: type from its name, value from its message, frames
 * from its stack.
 *
 * @example
 * exceptionFromError(parser, new TypeError('x is undefined'));
 * // { type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [...] } }
 */
export function exceptionFromError(stackParser: StackParser | undefined, error: unknown): Exception {
  const exception: Exception = {
    type: errorType(error),
    value: String(read(error, 'message') ?? ''),
  };
  const frames = parseFrames(stackParser, error);
  if (frames.length > 0) exception.stacktrace = { frames };
  return exception;
}

/**
 * An event for anything thrown: Errors, ErrorEvents, DOM Events, plain objects and
 * primitives. `hint.mechanism` overrides the default `{ type: 'generic', handled: true }`.
 * `rejected`: the value was a promise's rejection reason, and a non-Error object is titled so.
 *
 * @example
 * eventFromException({ stackParser }, new Error('boom'), { mechanism: { type: 'onerror', handled: false } });
 */
export function eventFromException(options: EventBuilderOptions, exception: unknown, hint: EventHint = {}, rejected?: boolean): Event {
  const { stackParser } = options;
  const event: Event = { level: 'error' };
  let synthetic = false;
  let value: Exception;

  const error = isErrorLike(exception) ? exception : errorOfErrorEvent(exception);
  if (error !== undefined) {
    value = exceptionFromError(stackParser, error);
  } else if (isErrorLike(read(exception, 'reason'))) {
    // A PromiseRejectionEvent-like wrapper around an Error.
    value = exceptionFromError(stackParser, read(exception, 'reason'));
  } else if (isPlainObjectOrEvent(exception)) {
    synthetic = true;
    const type = objectType(exception);
    value = { type: rejected && type === 'Error' ? 'UnhandledRejection' : type, value: describeObject(exception, rejected ? 'promise rejection' : 'exception') };
    event.extra = {
      __serialized__: normalize(exception, options.normalizeDepth ?? 3, options.normalizeMaxBreadth ?? 1000),
    };
  } else {
    synthetic = true;
    value = {
      type: 'Error',
      value: typeof exception === 'string' ? exception : `Non-Error exception captured with value: ${safeString(exception)}`,
    };
  }

  if (!value.stacktrace && hint.syntheticException && (synthetic || options.attachStacktrace)) {
    const frames = syntheticFrames(stackParser, hint.syntheticException);
    if (frames.length > 0) value.stacktrace = { frames };
  }
  value.mechanism = { ...DEFAULT_MECHANISM, ...(synthetic && { synthetic: true }), ...hint.mechanism };
  event.exception = { values: [value] };
  return event;
}

/**
 * An event for `captureMessage`; with `attachStacktrace` it also carries the caller's
 * stack as a synthetic exception, the way Sentry shows it.
 *
 * @example
 * eventFromMessage({ stackParser, attachStacktrace: true }, 'cart is empty', 'warning', { syntheticException: new Error() });
 */
export function eventFromMessage(
  options: EventBuilderOptions,
  message: string,
  level: SeverityLevel = 'info',
  hint: EventHint = {},
): Event {
  const text = safeString(message);
  const event: Event = { level, message: text };
  if (options.attachStacktrace && hint.syntheticException) {
    const frames = syntheticFrames(options.stackParser, hint.syntheticException);
    if (frames.length > 0) {
      event.exception = {
        values: [{ value: text, stacktrace: { frames }, mechanism: { type: 'generic', handled: true, synthetic: true } }],
      };
    }
  }
  return event;
}

/** Frames of an Error the SDK created itself: its innermost frame is the SDK function. */
function syntheticFrames(stackParser: StackParser | undefined, error: Error): StackFrame[] {
  return parseFrames(stackParser, error).slice(0, -1);
}

function parseFrames(stackParser: StackParser | undefined, error: unknown): StackFrame[] {
  const stack = read(error, 'stack');
  if (!stackParser || typeof stack !== 'string') return [];
  try {
    return stackParser(stack, headerLines(stack, read(error, 'name'), read(error, 'message')));
  } catch {
    return [];
  }
}

/**
 * Lines of the `Name: message` header a V8 stack starts with: a multi-line message may quote
 * lines that look like frames, and they are not.
 */
function headerLines(stack: string, name: unknown, message: unknown): number {
  if (typeof name !== 'string' || typeof message !== 'string') return 0;
  if (!message) return name && stack.startsWith(name) ? lineCount(name) : 0;
  // `${name}: ${message}` compared in place: no header string built and flattened per event.
  const header = stack.startsWith(name) && stack.startsWith(': ', name.length) && stack.startsWith(message, name.length + 2);
  return header ? lineCount(name) + lineCount(message) - 1 : 0;
}

function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** Reads a property; a throwing getter or Proxy trap reads as `undefined`. */
function read(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : String(value);
  } catch {
    return '[unprintable]';
  }
}

function tagOf(value: unknown): string {
  try {
    return Object.prototype.toString.call(value);
  } catch {
    return '';
  }
}

function isErrorLike(value: unknown): boolean {
  try {
    if (value instanceof Error) return true;
  } catch {
    return false;
  }
  const tag = tagOf(value);
  return tag === '[object Error]' || tag === '[object Exception]' || tag === '[object DOMException]';
}

/** The `error` of a browser ErrorEvent (`window.onerror`), when there is one. */
function errorOfErrorEvent(value: unknown): unknown {
  if (tagOf(value) !== '[object ErrorEvent]') return undefined;
  const error = read(value, 'error');
  if (isErrorLike(error)) return error;
  // An ErrorEvent without an Error (e.g. "Script error." from another origin).
  const message = read(value, 'message');
  return { name: 'Error', message: typeof message === 'string' ? message : 'Unknown ErrorEvent', stack: undefined };
}

function isPlainObjectOrEvent(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** The error's `name`, or its class name when `name` is just the inherited "Error". */
function errorType(error: unknown): string {
  const name = read(error, 'name');
  const constructorName = read(read(error, 'constructor'), 'name');
  if (typeof name === 'string' && name !== '' && name !== 'Error') return name;
  const isClassName = typeof constructorName === 'string' && constructorName !== '' && constructorName !== 'Object';
  return isClassName ? constructorName : 'Error';
}

function objectType(value: object): string {
  const tag = tagOf(value);
  if (tag.endsWith('Event]')) return tag.slice(8, -1);
  return 'Error';
}

/** A readable one-liner for a non-Error object captured `as` an exception or a rejection. */
function describeObject(value: object, as: string): string {
  const tag = tagOf(value);
  if (tag.endsWith('Event]')) {
    const type = read(value, 'type');
    return `Event \`${tag.slice(8, -1)}\` (type=${safeString(type)}) captured as ${as}`;
  }
  const message = read(value, 'message');
  if (typeof message === 'string' && message !== '') {
    const name = read(value, 'name');
    return typeof name === 'string' && name !== ''
      ? `'${name}' captured as ${as} with message '${message}'`
      : `Object captured as ${as} with message '${message}'`;
  }
  let keys: string[] = [];
  try {
    keys = Object.keys(value).sort();
  } catch {
    return `Object captured as ${as}`;
  }
  return keys.length === 0
    ? `Object captured as ${as} with no keys`
    : `Object captured as ${as} with keys: ${listKeys(keys)}`;
}

/** Key names joined, cut so a huge object gives a short message. */
function listKeys(keys: string[]): string {
  const MAX_LENGTH = 40;
  let text = '';
  for (const key of keys) {
    const next = text ? `${text}, ${key}` : key;
    if (next.length > MAX_LENGTH) return text ? `${text}, ...` : `${key.slice(0, MAX_LENGTH)}...`;
    text = next;
  }
  return text;
}
