// The platform-neutral transport: rate-limit filter -> bounded buffer -> send, with every
// dropped item counted as a client-report outcome. Platforms only supply `makeRequest`.

import { createEnvelope, itemTypeToCategory, serializeEnvelope } from './envelope';
import { logger } from './logger';
import { SETTLED } from './pipeline';
import { isRateLimited, parseRetryAfter, updateRateLimits } from './ratelimit';
import type { RateLimits } from './ratelimit';
import { settledWithin } from './wait';
import type {
  BaseTransportOptions,
  Envelope,
  EnvelopeItem,
  Outcome,
  SendFailure,
  Transport,
  TransportRequestExecutor,
  TransportResponse,
} from './types';

/** Requests held at once unless `bufferSize` says otherwise. */
const DEFAULT_BUFFER_SIZE = 64;
/** 429 Too Many Requests: the rate limits already describe when to try again. */
const TOO_MANY_REQUESTS = 429;
/** 408 Request Timeout: a transient failure like a 5xx, worth retrying. */
const REQUEST_TIMEOUT = 408;

/**
 * Creates a transport around a platform's request function.
 *
 * @example
 * const transport = createTransport(options, ({ body }) =>
 *   fetch(options.url, { method: 'POST', body }).then((response) => ({
 *     statusCode: response.status,
 *     headers: { 'x-sentry-rate-limits': response.headers.get('x-sentry-rate-limits') },
 *   })),
 * );
 */
export function createTransport(options: BaseTransportOptions, makeRequest: TransportRequestExecutor): Transport {
  const bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
  const inFlight = new Set<Promise<TransportResponse | void>>();
  let rateLimits: RateLimits = {};

  function recordItems(items: EnvelopeItem[], reason: Outcome): void {
    for (const [headers] of items) {
      // A client report is never counted as a drop of itself.
      if (headers.type === 'client_report') continue;
      safeCall(() => options.recordDroppedEvent(reason, itemTypeToCategory(headers.type), 1));
    }
  }

  /** Lets an offline queue take the envelope over; `false` when nobody did. */
  function offer(envelope: Envelope, failure: SendFailure): boolean {
    const { onFailedSend } = options;
    return typeof onFailedSend === 'function' && safeCall(() => onFailedSend(envelope, failure)) === true;
  }

  function withoutRateLimited(envelope: Envelope): Envelope {
    const [headers, items] = envelope;
    const now = Date.now();
    const kept: EnvelopeItem[] = [];
    const limited: EnvelopeItem[] = [];
    for (const item of items) {
      (isRateLimited(rateLimits, itemTypeToCategory(item[0].type), now) ? limited : kept).push(item);
    }
    if (limited.length === 0) return envelope;
    recordItems(limited, 'ratelimit_backoff');
    return createEnvelope(headers, kept);
  }

  /** Never rejects: a platform's request or a hostile response cannot reach the app. */
  async function dispatch(envelope: Envelope): Promise<TransportResponse | void> {
    let body: string | Uint8Array;
    try {
      body = serializeEnvelope(envelope);
    } catch (error) {
      logger.warn('Envelope dropped: cannot serialize it:', error);
      recordItems(envelope[1], 'internal_sdk_error');
      return;
    }
    try {
      const response = await makeRequest({ body });
      // A response that cannot be read counts as a failed send.
      rateLimits = updateRateLimits(rateLimits, response);
      handleStatus(envelope, response || {});
      return response;
    } catch (error) {
      logger.warn('Envelope not sent:', error);
      if (!offer(envelope, { kind: 'network' })) recordItems(envelope[1], 'network_error');
    }
  }

  function handleStatus(envelope: Envelope, { statusCode, headers }: TransportResponse): void {
    if (statusCode === undefined || (statusCode >= 200 && statusCode < 300)) return;
    logger.warn(`Envelope got HTTP ${statusCode}.`);
    if (statusCode === TOO_MANY_REQUESTS) {
      recordItems(envelope[1], 'ratelimit_backoff');
      return;
    }
    // 413 and the other 4xx would fail the same way again: counted, never retried.
    const retryable = statusCode === REQUEST_TIMEOUT || statusCode >= 500;
    const failure: SendFailure = { kind: 'status', statusCode };
    const retryAfterMs = parseRetryAfter(headers?.['retry-after']);
    if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
    if (!(retryable && offer(envelope, failure))) recordItems(envelope[1], 'send_error');
  }

  /** Returns `SETTLED` when there is no request to wait for (spilled, dropped, filtered). */
  function send(envelope: Envelope): Promise<TransportResponse | void> {
    try {
      const filtered = withoutRateLimited(envelope);
      if (filtered[1].length === 0) return SETTLED;
      // A client report is the only record of what was dropped, and small and rare: a full
      // buffer must not drop it, or a burst's drops would go uncounted.
      const onlyClientReports = filtered[1].every(([headers]) => headers.type === 'client_report');
      if (inFlight.size >= bufferSize && !onlyClientReports) {
        const { onOverflow } = options;
        const taken = typeof onOverflow === 'function' && safeCall(() => onOverflow(filtered)) === true;
        if (!taken) recordItems(filtered[1], 'queue_overflow');
        return SETTLED;
      }
      const request = dispatch(filtered);
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
      return request;
    } catch (error) {
      // Only reachable through a bug or a hostile envelope; the app must not see it.
      logger.warn('Transport failed:', error);
      return SETTLED;
    }
  }

  /** Without a positive `timeoutMs` it waits until drained, as Sentry's `flush()` does. */
  function flush(timeoutMs?: number): Promise<boolean> {
    return settledWithin(drain(), timeoutMs);
  }

  /** Waits until no request is in flight, including requests started while waiting. */
  async function drain(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled(inFlight);
  }

  return { send, flush };
}

/** Runs a callback the app or a platform gave us; its exceptions stay here. */
function safeCall<T>(callback: () => T): T | undefined {
  try {
    return callback();
  } catch (error) {
    logger.warn('A transport callback threw:', error);
    return undefined;
  }
}
