import type { Script } from './script';
import type { EnvelopeStore } from './store';
import type { RecordedRequest, StoredEnvelope } from './types';

/** What the request handlers of one running inbox share. */
export interface InboxContext {
  key: string;
  dsn: string;
  /** The host the server listens on; also accepted in `Host` by the read endpoints. */
  bindHost: string;
  store: EnvelopeStore;
  script: Script;
  /** Ingest requests seen so far: the next one's `ScriptedRequest.index`. */
  ingestCount: number;
  /** Aborted by `close()`: scripted delays end early. */
  closing: AbortSignal;
  onStored(envelope: StoredEnvelope): void;
  onRequest(record: RecordedRequest): void;
}
