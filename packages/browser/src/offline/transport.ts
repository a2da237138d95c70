// The browser's default transport: fetch with an offline queue in IndexedDB, replayed at
// every page load and when the browser says it is back online.

import { makeOfflineTransport } from '@faultline/core';
import type { Transport } from '@faultline/core';
import { makeFetchTransport } from '../transports/fetch';
import type { FetchTransportOptions } from '../transports/fetch';
import { createIndexedDbStore } from './indexeddb';

/**
 * `makeFetchTransport` plus an IndexedDB queue (one per DSN); `transportOptions.offline`
 * tunes it (`false` turns it off).
 *
 * @example
 * init({ dsn, transportOptions: { offline: { maxCount: 30 } } });
 */
export function makeBrowserOfflineTransport(options: FetchTransportOptions): Transport {
  // One queue per DSN, whatever the SDK version in the URL.
  const name = `faultline-offline ${options.url.replace(/&sentry_client=[^&]*/, '')}`;
  const transport = makeOfflineTransport(makeFetchTransport, () => createIndexedDbStore(name))(options);
  if (transport.replay) addEventListener('online', () => void transport.replay!());
  return transport;
}
