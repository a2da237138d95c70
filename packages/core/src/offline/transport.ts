// The offline queue around a transport: envelopes that failed for a reason worth retrying
// (network error, timeout, 408, 5xx) or found the buffer full go to a store, and are sent
// again with backoff, after rate limits end, at init and when the network is back.

import { itemTypeToCategory, parseEnvelope, serializeEnvelope } from '../envelope';
import { logger } from '../logger';
import { disabledUntil, updateRateLimits } from '../ratelimit';
import type { RateLimits } from '../ratelimit';
import type { BaseTransportOptions, ClientReport, Envelope, EnvelopeItem, Outcome, SendFailure, Transport } from '../types';
import { retryDelay } from './backoff';
import type { OfflineOptions, OfflineStore, OfflineTransport, QueuedEnvelope } from './types';

/** Queued envelopes sent at once while replaying: enough to drain a burst, few enough to spare the buffer. */
const REPLAY_WORKERS = 4;
/** A replayed envelope that found the buffer full waits at most this long for room. */
const FULL_WAIT_MS = 1000;
const FULL = 'full';

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
      logger.warn('No offline queue: envelopes that fail to send are dropped.', error);
      return makeTransport(options);
    }
    /** Replayed envelopes -> what the transport said when it gave one back. */
    const bounced = new WeakMap<Envelope, SendFailure | typeof FULL | undefined>();
    const unanswered = new Set<Envelope>();
    let limits: RateLimits = {};
    let attempt = 0;
    let queued = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let due = 0;
    let round: Promise<void> | undefined;
    let again = false;

    const record = (items: EnvelopeItem[], reason: Outcome): void => {
      for (const [headers, payload] of items) {
        if (headers.type !== 'client_report') options.recordDroppedEvent(reason, itemTypeToCategory(headers.type));
        // A dropped report's counts go into the next one.
        else for (const d of (payload as ClientReport).discarded_events) options.recordDroppedEvent(d.reason, d.category, d.quantity);
      }
    };

    /** Takes over an envelope the transport could not send; replayed ones go back to the worker. */
    const keep = (envelope: Envelope, failure?: SendFailure): boolean => {
      if (bounced.has(envelope)) {
        bounced.set(envelope, failure ?? FULL);
        return true;
      }
      unanswered.delete(envelope);
      void enqueue(envelope, failure ? (failure.kind === 'network' ? 'network_error' : 'send_error') : 'queue_overflow');
      schedule(failure ? retryDelay(attempt, config, failure.retryAfterMs) : 0);
      return true;
    };

    const inner = makeTransport({ ...options, onFailedSend: keep, onOverflow: keep });

    /** Stores synchronously when the store can (an exiting process must not lose it), then trims. */
    async function enqueue(envelope: Envelope, outcome: Outcome): Promise<void> {
      try {
        queued = true;
        await store.push(serializeEnvelope(envelope));
      } catch (error) {
        logger.warn('Could not queue an envelope:', error);
        guard(() => record(envelope[1], outcome));
        return;
      }
      await guardAsync(trim);
    }

    /** Drops the oldest envelopes while the store is over its bounds. */
    async function trim(): Promise<void> {
      for (;;) {
        const { count, bytes } = await store.size();
        if (count <= config.maxCount && bytes <= config.maxBytes) return;
        const oldest = await store.shift();
        if (!oldest) return;
        await store.remove(oldest);
        guard(() => record(parseEnvelope(oldest.body)[1], 'cache_overflow'));
      }
    }

    function send(envelope: Envelope): Promise<unknown> {
      if (!bounced.has(envelope)) unanswered.add(envelope);
      return inner.send(envelope).then((response) => {
        unanswered.delete(envelope);
        if (!response) return;
        limits = updateRateLimits(limits, response);
        const ok = response.statusCode !== undefined && response.statusCode < 300;
        // The server is back: what waits in the queue need not wait for its timer.
        if (ok && queued && attempt > 0 && !bounced.has(envelope)) {
          attempt = 0;
          void replay();
        }
        return response;
      });
    }

    function schedule(delay: number): void {
      const at = Date.now() + delay;
      if (timer !== undefined && due >= at) return;
      clearTimeout(timer);
      due = at;
      timer = setTimeout(replay, delay);
      // A waiting retry must never keep a Node process alive.
      (timer as { unref?: () => void }).unref?.();
    }

    function replay(): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      again = true;
      return (round ??= runRound().finally(() => (round = undefined)));
    }

    async function runRound(): Promise<void> {
      let delay = -1;
      let failed = false;
      while (again && delay < 0) {
        again = false;
        const results = await Promise.all(Array.from({ length: REPLAY_WORKERS }, worker));
        for (const result of results) {
          failed ||= result.failed;
          delay = Math.max(delay, result.delay);
        }
      }
      if (failed) attempt++;
      if (delay >= 0) schedule(delay);
    }

    /** Sends queued envelopes one at a time until the queue is empty (delay -1) or it must wait. */
    async function worker(): Promise<{ delay: number; failed: boolean }> {
      for (;;) {
        let entry: QueuedEnvelope | undefined;
        try {
          entry = await store.shift();
        } catch (error) {
          logger.warn('Could not read the offline queue:', error);
          return { delay: -1, failed: false };
        }
        if (!entry) {
          queued = false;
          return { delay: -1, failed: false };
        }
        let envelope: Envelope;
        try {
          envelope = parseEnvelope(entry.body);
        } catch (error) {
          logger.warn('Removed an unreadable envelope from the offline queue:', error);
          await guardAsync(() => store.remove(entry!));
          continue;
        }
        const wait = Math.max(0, ...envelope[1].map(([headers]) => disabledUntil(limits, itemTypeToCategory(headers.type)))) - Date.now();
        if (wait > 0) {
          await putBack(entry);
          return { delay: wait, failed: false };
        }
        if (envelope[0].sent_at) envelope[0].sent_at = new Date().toISOString();
        bounced.set(envelope, undefined);
        await send(envelope);
        const failure = bounced.get(envelope);
        if (!failure) {
          await guardAsync(() => store.remove(entry!));
          continue;
        }
        await putBack(entry);
        if (failure === FULL) {
          await inner.flush(FULL_WAIT_MS);
          continue;
        }
        return { delay: retryDelay(attempt, config, failure.retryAfterMs), failed: true };
      }
    }

    async function putBack(entry: QueuedEnvelope): Promise<void> {
      await guardAsync(() => store.release(entry));
      queued = true;
    }

    void replay();
    return {
      send: (envelope) => send(envelope) as ReturnType<Transport['send']>,
      flush: async (timeoutMs) => {
        const [sent, replayed] = await Promise.all([inner.flush(timeoutMs), settledWithin(round, timeoutMs)]);
        return sent && replayed;
      },
      replay,
      unsent: () => [...unanswered],
    };
  };
}

function guard(run: () => void): void {
  try {
    run();
  } catch (error) {
    logger.warn('Offline queue:', error);
  }
}

async function guardAsync(run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    logger.warn('Offline queue:', error);
  }
}

/** `true` when `work` settled within `timeoutMs` (no timeout: waits). */
function settledWithin(work: Promise<void> | undefined, timeoutMs?: number): Promise<boolean> {
  if (!work) return Promise.resolve(true);
  return new Promise((resolve) => {
    void work.then(() => resolve(true));
    if (timeoutMs !== undefined && timeoutMs > 0) {
      const timer = setTimeout(resolve, timeoutMs, false);
      (timer as { unref?: () => void }).unref?.();
    }
  });
}
