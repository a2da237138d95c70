// One accepted POST to `/envelope/` or `/store/`: authenticate, parse, check, store.
// Anything wrong throws an `HttpError` before a byte is written.

import { EnvelopeError, parseEnvelope, type Envelope } from '@faultline/core';
import { checkEnvelopeDsn, checkPresentedKey } from './auth';
import { HttpError } from './httperror';
import { envelopeFromStoreBody } from './legacy';
import type { EnvelopeStore } from './store';
import type { StoredEnvelope } from './types';
import { validateEnvelope } from './validate';

export type IngestKind = 'envelope' | 'store';

export interface IngestRequest {
  kind: IngestKind;
  project: string;
  body: Uint8Array;
  /** The key from the query string, X-Sentry-Auth or Authorization. */
  key: string | undefined;
}

const MISSING_KEY = 'missing sentry_key: send it in the query string, X-Sentry-Auth or Authorization';

export async function ingest(request: IngestRequest, key: string, store: EnvelopeStore): Promise<StoredEnvelope> {
  const { kind, project, body } = request;
  const authenticated = checkPresentedKey(request.key, key);
  if (kind === 'store') {
    if (!authenticated) throw new HttpError(403, MISSING_KEY);
    const { envelope, bytes } = envelopeFromStoreBody(body);
    validateEnvelope(envelope);
    return store.add(project, bytes, envelope);
  }
  const envelope = parse(body, authenticated);
  // Without a key in the request, only a tunnelled envelope whose dsn is right gets in.
  if (!authenticated) checkEnvelopeDsn(envelope[0].dsn, project, key);
  validateEnvelope(envelope);
  return store.add(project, body, envelope);
}

function parse(body: Uint8Array, authenticated: boolean): Envelope {
  try {
    return parseEnvelope(body);
  } catch (error) {
    // A stranger learns nothing about the parser: no key, no details.
    if (!authenticated) throw new HttpError(403, MISSING_KEY);
    if (error instanceof EnvelopeError) throw new HttpError(400, `malformed envelope: ${error.message}`);
    throw error;
  }
}
