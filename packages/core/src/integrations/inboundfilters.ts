// Drops events the user does not want: known noise and errors from foreign scripts.

import { logger } from '../logger';
import type { ClientLike, Event, Integration, StackFrame } from '../types';
import { lastException, messageText } from './eventparts';
import { matchesAny } from './matching';

export interface InboundFiltersOptions {
  ignoreErrors?: Array<string | RegExp>;
  denyUrls?: Array<string | RegExp>;
  allowUrls?: Array<string | RegExp>;
  /** `true` drops the built-in "Script error." pattern. */
  disableErrorDefaults?: boolean;
}

// "Script error." is all a browser reveals of an error in a cross-origin script without
// CORS headers: no message, no stack, nothing to act on. Sentry ignores it too.
const DEFAULT_IGNORE_ERRORS = [/^Script error\.?$/, /^Javascript error: Script error\.? on line 0$/];

/**
 * Drops events whose message or exception matches `ignoreErrors` (strings match as
 * substrings of `Type: value`, of the value and of the message), and events whose top
 * frame's URL matches `denyUrls` or does not match `allowUrls`. Options given here add
 * to the client's options of the same names. Dropped events count as `event_processor`.
 *
 * @example
 * init({ dsn, ignoreErrors: ['ResizeObserver loop'], denyUrls: [/extensions\//] });
 */
export function inboundFiltersIntegration(options: InboundFiltersOptions = {}): Integration {
  return {
    name: 'InboundFilters',
    processEvent(event: Event, _hint, client: ClientLike): Event | null {
      if (event.type === 'feedback') return event;
      const clientOptions = client.getOptions();
      const ignoreErrors = [
        ...(options.ignoreErrors ?? []),
        ...(clientOptions.ignoreErrors ?? []),
        ...(options.disableErrorDefaults ? [] : DEFAULT_IGNORE_ERRORS),
      ];
      const denyUrls = [...(options.denyUrls ?? []), ...(clientOptions.denyUrls ?? [])];
      const allowUrls = [...(options.allowUrls ?? []), ...(clientOptions.allowUrls ?? [])];

      if (messagesOf(event).some((text) => matchesAny(text, ignoreErrors))) {
        logger.warn('Event dropped by `ignoreErrors`:', messagesOf(event)[0]);
        return null;
      }
      const url = topFrameUrl(event);
      if (url !== undefined && matchesAny(url, denyUrls)) {
        logger.warn('Event dropped by `denyUrls`:', url);
        return null;
      }
      if (url !== undefined && allowUrls.length > 0 && !matchesAny(url, allowUrls)) {
        logger.warn('Event dropped: not in `allowUrls`:', url);
        return null;
      }
      return event;
    },
  };
}

/** The texts `ignoreErrors` is matched against. */
function messagesOf(event: Event): string[] {
  const texts: string[] = [];
  const message = messageText(event);
  if (message) texts.push(message);
  const last = lastException(event);
  if (last) {
    if (last.value) texts.push(last.value);
    if (last.type) texts.push(last.value ? `${last.type}: ${last.value}` : last.type);
  }
  return texts;
}

/** The URL of the innermost frame of the outermost exception, skipping native frames. */
function topFrameUrl(event: Event): string | undefined {
  const values = event.exception?.values ?? [];
  const root = [...values].reverse().find((value) => value.mechanism?.parent_id === undefined && value.stacktrace?.frames?.length);
  const frames: StackFrame[] = root?.stacktrace?.frames ?? [];
  for (let index = frames.length - 1; index >= 0; index--) {
    const filename = frames[index].filename;
    if (filename && filename !== '<anonymous>' && filename !== '[native code]') return filename;
  }
  return undefined;
}
