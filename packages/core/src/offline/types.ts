// The contract between the offline queue (platform-neutral) and where a platform keeps
// envelopes: IndexedDB in browsers, a folder in Node.

import type { Envelope, Transport } from '../types';

type MaybePromise<T> = T | Promise<T>;

/** An envelope taken out of a store; a store adds what it needs to find it again. */
export interface QueuedEnvelope {
  envelope: Envelope;
}

/**
 * Envelopes, oldest first, kept in whatever form suits the platform (IndexedDB clones the
 * objects, a folder holds the wire format). `push` must not keep a reference to the
 * envelope. `shift` takes the oldest out of everyone's sight (other tabs, other processes),
 * so no two readers send it, and skips what it cannot read; the reader then `remove`s it
 * (sent or dropped) or `release`s it back to its place (the send failed).
 *
 * @example
 * await store.push(envelope);
 * const entry = await store.shift();
 * if (entry) await (sent ? store.remove(entry) : store.release(entry));
 */
export interface OfflineStore {
  push(envelope: Envelope): MaybePromise<void>;
  shift(): MaybePromise<QueuedEnvelope | undefined>;
  release(entry: QueuedEnvelope): MaybePromise<void>;
  remove(entry: QueuedEnvelope): MaybePromise<void>;
  /** Envelopes and (about) bytes waiting, not counting shifted ones. */
  size(): MaybePromise<{ count: number; bytes: number }>;
}

/** `transportOptions.offline`; `offline: false` turns the queue off. */
export interface OfflineOptions {
  /** First retry delay, doubled per failed retry, with jitter. Default 5 000. */
  minDelayMs?: number;
  /** Longest retry delay (a longer `Retry-After` is still honoured). Default 3 600 000. */
  maxDelayMs?: number;
  /** Most envelopes kept; past it the oldest go first, counted `cache_overflow`. */
  maxCount?: number;
  /** Most bytes kept, the same way. */
  maxBytes?: number;
}

/** A transport with an offline queue behind it. */
export interface OfflineTransport extends Transport {
  /** Sends what is queued now (at init, when the network is back). */
  replay(): Promise<void>;
  /** Envelopes handed to the network and not answered yet: what an exiting process saves. */
  unsent(): Envelope[];
}
