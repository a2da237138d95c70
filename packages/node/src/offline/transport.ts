// Node's default transport: the http transport with an offline queue in a folder. What is
// still waiting for an answer when the process exits (an uncaught exception, close() and
// exit, a signal) is written to the folder then, and sent at the next start.

import { logger, makeOfflineTransport } from '@faultline/core';
import type { Envelope, OfflineOptions, OfflineStore, Transport } from '@faultline/core';
import { builtin } from '../builtin';
import { makeNodeTransport } from '../transports/http';
import type { NodeTransportOptions } from '../transports/http';
import { createFolderStore } from './folderstore';

/**
 * A server may queue a burst of 10 000 errors or a long outage; a few KB each stays
 * well inside 64 MiB of disk.
 */
const NODE_BOUNDS: OfflineOptions = { maxCount: 10_000, maxBytes: 64 * 1024 * 1024 };
/**
 * Requests held in memory at once. Past it envelopes spill to disk instead of being
 * dropped, so a large in-memory buffer only costs memory: 8 sockets stay busy with 64.
 */
const IN_MEMORY_BUFFER = 64;

export interface NodeOfflineOptions extends OfflineOptions {
  /** The queue's folder. Default: `<os.tmpdir()>/faultline/<hash of the DSN>`. */
  path?: string;
}

/** What each live offline transport must save when the process exits. */
const savers = new Set<() => void>();

/**
 * The http transport with an offline queue on disk; `transportOptions.offline` tunes it
 * (`false` turns it off).
 *
 * @example
 * init({ dsn, transportOptions: { offline: { path: '/var/lib/app/faultline', maxCount: 1000 } } });
 */
export function makeNodeOfflineTransport(options: NodeTransportOptions): Transport {
  let store: OfflineStore | undefined;
  // The folder is named when the queue is first used: `init` loads no node:os and hashes nothing.
  const createStore = (o: NodeTransportOptions): OfflineStore =>
    (store = createFolderStore(() => (o.offline as NodeOfflineOptions | undefined)?.path ?? defaultOfflineFolder(o.url)));
  const withBuffer = { ...options, bufferSize: options.bufferSize ?? IN_MEMORY_BUFFER };
  const transport = makeOfflineTransport(makeNodeTransport, createStore, NODE_BOUNDS)(withBuffer);
  if (store && transport.unsent) saveAtExit(store, transport.unsent);
  return transport;
}

/**
 * The default queue folder for an envelope URL: one per DSN (the SDK version does not
 * change it), so processes of one app share it and other apps never see it.
 *
 * @example
 * defaultOfflineFolder('https://o1.example.com/api/42/envelope/?sentry_version=7&sentry_key=abc'); // '/tmp/faultline/5d41402abc4b2a76'
 */
export function defaultOfflineFolder(url: string): string {
  const key = url.replace(/[?&]sentry_client=[^&]*/, '');
  return builtin('node:path').join(builtin('node:os').tmpdir(), 'faultline', fnv1a64(key));
}

/** FNV-1a, 64 bits, as 16 hex digits: a folder name, not a secret, so no node:crypto (slow to load at start-up). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) hash = BigInt.asUintN(64, (hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

function saveAtExit(store: OfflineStore, unsent: () => Envelope[]): void {
  if (savers.size === 0) process.on('exit', () => savers.forEach((save) => save()));
  savers.add(() => {
    for (const envelope of unsent()) {
      try {
        // The folder store writes synchronously: nothing asynchronous runs after 'exit'.
        void store.push(envelope);
      } catch (error) {
        logger.warn('Could not save an unsent envelope at exit:', error);
      }
    }
  });
}
