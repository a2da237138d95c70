// The offline queue around a transport: envelopes that failed for a reason worth retrying
// (network error, timeout, 408, 5xx) or found the buffer full go to a store, and are sent
// again with backoff, after rate limits end, at init and when the network is back.

import { createClientReportItem } from '../clientreport';
import { createEnvelope, itemTypeToCategory } from '../envelope';
import { logger } from '../logger';
import { isThenable, SETTLED } from '../pipeline';
import { disabledUntil, updateRateLimits } from '../ratelimit';
import type { RateLimits } from '../ratelimit';
import type { BaseTransportOptions, ClientReport, DiscardedEvent, Envelope, EnvelopeHeaders, Outcome, SendFailure, Transport, TransportResponse } from '../types';
import { backgroundTimer, settledWithin } from '../wait';
import { retryDelay } from './backoff';
import type { OfflineOptions, OfflineStore, OfflineTransport, QueuedEnvelope } from './types';

/** Queued envelopes sent at once while replaying: drains a burst, spares the buffer. */
const REPLAY_WORKERS = 2;
/** A replayed envelope that found the buffer full waits at most this long for room. */
const FULL_WAIT_MS = 1000;
/** One short prefix for every store failure: the error says what failed, and bytes count in browsers. */
const OFFLINE_QUEUE = 'Offline queue:';
/** What `bounced` holds for a replayed envelope that found the buffer full. */
const FULL = 0;

interface WorkerResult {
  /** Milliseconds before the next round (at least); -1: the queue is empty. */
  delay: number;
  failed?: boolean;
}

/**
 * Wraps a transport factory so envelopes survive outages: `createStore` says where they
 * are kept; `defaults` are the platform's bounds, `options.offline` overrides them.
 *
 * @example
 * const makeTransport = makeOfflineTransport(makeFetchTransport, () => createIndexedDbStore('faultline'));
 * init({ dsn, transport: makeTransport, transportOptions: { offline: { maxCount: 50 } } });
 */
export function makeOfflineTransport<O extends BaseTransportOptions>(
  makeTransport: (options: O) => Transport,
  createStore: (options: O) => OfflineStore,
  defaults: OfflineOptions = {},
): (options: O) => Transport & Partial<OfflineTransport> {
  return (options) => {
    if (options.offline === false) return makeTransport(options);
    const config = { minDelayMs: 5000, maxDelayMs: 3_600_000, maxCount: 100, maxBytes: 4 << 20, ...defaults, ...(options.offline as OfflineOptions) };
    let store: OfflineStore;
    try {
      store = createStore(options);
    } catch (error) {
      logger.warn(OFFLINE_QUEUE, error);
      return makeTransport(options);
    }
    /** Replayed envelopes -> how the transport gave one back, if it did. */
    const bounced = new WeakMap<Envelope, SendFailure | typeof FULL | undefined>();
    const unanswered = new Set<Envelope>();
    let limits: RateLimits = {};
    let attempt = 0;
    /** The last answer was a failure: retries wait for their timer. */
    let failing = false;
    let queued = true;
    let pushes = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let due = 0;
    /** Retries wait until then: the server's `Retry-After`, and the backoff (which `online` ends). */
    let serverWaitUntil = 0;
    let backoffUntil = 0;
    let round: Promise<void> | undefined;
    let again = false;
    let trimming: Promise<void> | undefined;
    let untrimmed = false;
    const pendingReports: DiscardedEvent[] = [];
    let reportHeaders: EnvelopeHeaders = {};

    const record = ([, items]: Envelope, reason: Outcome): void => {
      for (const [headers, payload] of items) {
        if (headers.type !== 'client_report') options.recordDroppedEvent(reason, itemTypeToCategory(headers.type));
        // A dropped report's counts go into the next one.
        else for (const d of (payload as ClientReport).discarded_events) options.recordDroppedEvent(d.reason, d.category, d.quantity);
      }
    };

    /** Takes over an envelope the transport could not send; replayed ones go back to their worker. */
    const keep = (envelope: Envelope, failure?: SendFailure): boolean => {
      unanswered.delete(envelope);
      if (failure) failing = true;
      if (failure?.retryAfterMs) serverWaitUntil = Math.max(serverWaitUntil, Date.now() + failure.retryAfterMs);
      if (bounced.has(envelope)) {
        bounced.set(envelope, failure ?? FULL);
      } else if (envelope[1].every(([headers]) => headers.type === 'client_report')) {
        // Reports wait in memory, merged, to go out with the next success: queued, a report
        // would take a slot, push out an event and so cause the next report.
        reportHeaders = envelope[0];
        for (const [, report] of envelope[1]) pendingReports.push(...(report as ClientReport).discarded_events);
      } else {
        void enqueue(envelope, failure ? (failure.kind === 'network' ? 'network_error' : 'send_error') : 'queue_overflow');
        // A spill goes out as soon as there is room, also when a running round already looked.
        if (!failure) again = true;
        if (failure) backOff(retryDelay(attempt, config, failure.retryAfterMs));
        else schedule(0);
      }
      return true;
    };

    /** Reports as one envelope; none for no reports. */
    const reportEnvelope = (discarded: DiscardedEvent[]): Envelope[] =>
      discarded.length ? [createEnvelope(reportHeaders, [createClientReportItem(discarded, Date.now() / 1000)])] : [];

    const inner = makeTransport({ ...options, onFailedSend: keep, onOverflow: keep });

    /**
     * Pushes synchronously when the store can (an exiting process must not lose it), then
     * trims. After a synchronous push nothing here holds the envelope: in a burst the app's
     * loop runs on, and envelopes kept until it ends would pile up in memory.
     */
    function enqueue(envelope: Envelope, outcome: Outcome): Promise<void> {
      queued = true;
      pushes++;
      const failed = (error: unknown): Promise<void> => {
        logger.warn(OFFLINE_QUEUE, error);
        return guard(() => record(envelope, outcome));
      };
      try {
        const pushed = store.push(envelope);
        if (isThenable(pushed)) return Promise.resolve(pushed).then(trim, failed);
      } catch (error) {
        return failed(error);
      }
      return trim();
    }

    /** Past a bound the oldest go first. One trim at a time: pushes during it make it look again. */
    function trim(): Promise<void> {
      untrimmed = true;
      return (trimming ??= guard(async () => {
        while (untrimmed) {
          untrimmed = false;
          for (;;) {
            const { count, bytes } = await store.size();
            const oldest = count > config.maxCount || bytes > config.maxBytes ? await store.shift() : undefined;
            if (!oldest) break;
            await store.remove(oldest);
            record(oldest.envelope, 'cache_overflow');
          }
        }
      }).finally(() => {
        trimming = undefined;
        if (untrimmed) void trim();
      }));
    }

    function send(envelope: Envelope): ReturnType<Transport['send']> {
      const replayed = bounced.has(envelope);
      if (!replayed) unanswered.add(envelope);
      const sending = inner.send(envelope);
      // A spilled envelope left `unanswered` already and has no answer to wait for: in a
      // burst nothing here may stay in memory for it until the app's loop ends.
      if (!replayed && !unanswered.has(envelope)) return sending;
      return sending.then((response) => answered(response, replayed, envelope));
    }

    function answered(response: TransportResponse | void, replayed: boolean, envelope: Envelope): TransportResponse | void {
      unanswered.delete(envelope);
      if (!response) return;
      limits = updateRateLimits(limits, response);
      if (response.statusCode! >= 300) return response;
      reportEnvelope(pendingReports.splice(0)).forEach(send);
      // The server is back: what waits in the queue need not wait for its timer.
      if (!replayed) serverWaitUntil = backoffUntil = 0;
      if (!replayed && failing && queued) void replay();
      failing = false;
      return response;
    }

    /** A round running now (the one at init) must not send what just failed sooner than this either. */
    function backOff(delay: number): void {
      backoffUntil = Math.max(backoffUntil, Date.now() + delay);
      schedule(delay);
    }

    function schedule(delay: number): void {
      const at = Date.now() + delay;
      if (timer !== undefined && due >= at) return;
      clearTimeout(timer);
      due = at;
      timer = backgroundTimer(replay, delay);
    }

    function replay(): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      again = true;
      return (round ??= runRound().finally(() => (round = undefined)));
    }

    async function runRound(): Promise<void> {
      let delay = -1;
      let failed: boolean | undefined;
      // A replay asked for, or a push, during a round that emptied the queue runs another round.
      while (again && delay < 0) {
        again = false;
        for (const result of await Promise.all(Array.from({ length: REPLAY_WORKERS }, worker))) {
          failed ||= result.failed;
          delay = Math.max(delay, result.delay);
        }
      }
      if (failed) backOff(retryDelay(++attempt, config, delay));
      else if (delay >= 0) schedule(delay);
    }

    /** Sends queued envelopes one at a time until the queue is empty or it must wait. */
    async function worker(): Promise<WorkerResult> {
      for (;;) {
        let entry: QueuedEnvelope | undefined;
        const pushesBefore = pushes;
        try {
          entry = await store.shift();
        } catch (error) {
          logger.warn(OFFLINE_QUEUE, error);
        }
        if (!entry) {
          if (pushes === pushesBefore) queued = false;
          return { delay: -1 };
        }
        const { envelope } = entry;
        const limitedUntil = Math.max(serverWaitUntil, backoffUntil, ...envelope[1].map(([headers]) => disabledUntil(limits, itemTypeToCategory(headers.type))));
        // Worked out once: read again after the await it could be negative, which means "queue empty".
        const wait = limitedUntil - Date.now();
        if (wait > 0) {
          await putBack(entry);
          return { delay: wait };
        }
        if (envelope[0].sent_at) envelope[0].sent_at = new Date().toISOString();
        bounced.set(envelope, undefined);
        await send(envelope);
        const failure = bounced.get(envelope);
        if (failure === undefined) {
          attempt = 0;
          await guard(() => store.remove(entry!));
        } else {
          await putBack(entry);
          if (failure !== FULL) return { delay: failure.retryAfterMs ?? 0, failed: true };
          await inner.flush(FULL_WAIT_MS);
        }
      }
    }

    async function putBack(entry: QueuedEnvelope): Promise<void> {
      await guard(() => store.release(entry));
      queued = true;
    }

    // Right after init, not in it: the store's first disk or IndexedDB work is not init's cost.
    schedule(0);
    return {
      send,
      flush: async (timeoutMs) => {
        // Spilled envelopes are part of what a flush sends, unless the server is failing.
        if (queued && !failing) void replay();
        const [sent, replayed] = await Promise.all([inner.flush(timeoutMs), settledWithin(round ?? SETTLED, timeoutMs)]);
        return sent && replayed;
      },
      replay: () => {
        // The network is back (the browser's `online`): no backoff, but the server's word holds.
        backoffUntil = 0;
        return replay();
      },
      unsent: () => [...unanswered, ...reportEnvelope(pendingReports)],
    };
  };
}

/** Runs a store call; a failing store is logged, never thrown at the app. */
async function guard(run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    logger.warn(OFFLINE_QUEUE, error);
  }
}
