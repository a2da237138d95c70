// The browser's default transport: fetch with an offline queue in IndexedDB, replayed at
// every page load and when the browser says it is back online.

import { makeOfflineTransport } from '@faultline/core';
import type { Transport } from '@faultline/core';
import { makeFetchTransport } from '../transports/fetch';
import type { FetchTransportOptions } from '../transports/fetch';
import { createIndexedDbStore } from './indexeddb';

type FetchTransportFactory = (options: FetchTransportOptions) => Transport;

/**
 * `makeFetchTransport` plus an IndexedDB queue (one per DSN); `transportOptions.offline`
 * tunes it (`false` turns it off). Given a transport factory instead of options, as
 * `@sentry/browser` takes it, returns a factory that queues around that transport.
 *
 * @example
 * init({ dsn, transportOptions: { offline: { maxCount: 30 } } });
 * init({ dsn, transport: makeBrowserOfflineTransport(makeFetchTransport) });
 */
export function makeBrowserOfflineTransport(options: FetchTransportOptions): Transport;
export function makeBrowserOfflineTransport(createTransport: FetchTransportFactory): FetchTransportFactory;
export function makeBrowserOfflineTransport(arg: FetchTransportOptions | FetchTransportFactory): Transport | FetchTransportFactory {
  return typeof arg == 'function' ? (options) => withQueue(arg, options) : withQueue(makeFetchTransport, arg);
}

function withQueue(createTransport: FetchTransportFactory, options: FetchTransportOptions): Transport {
  // One queue per DSN, whatever the SDK version in the URL.
  const name = `faultline-offline ${options.url.replace(/&sentry_client=[^&]*/, '')}`;
  const transport = makeOfflineTransport(createTransport, () => createIndexedDbStore(name))(options);
  if (transport.replay) addEventListener('online', () => void transport.replay!());
  return transport;
}
