export { makeOfflineTransport } from './transport';
export { retryDelay } from './backoff';
export type { OfflineOptions, OfflineStore, OfflineTransport, QueuedEnvelope } from './types';
