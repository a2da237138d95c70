// `POST /api/<project>/envelope/` and `/store/`, and their CORS preflight: read and decode
// the body within the limit, consult the `respond` script, store, answer.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { presentedKey } from './auth';
import { decodeBody, readRawBody } from './body';
import type { InboxContext } from './context';
import { CORS_HEADERS, preflightHeaders } from './cors';
import { HttpError } from './httperror';
import { ingest, type IngestKind } from './ingest';
import { BODY_LIMIT } from './limits';
import { send, sendError, sendJson } from './reply';
import type { Target } from './router';
import { shouldStore } from './script';
import type { ScriptedRequest, ScriptedResponse, StoredEnvelope } from './types';

export interface IngestOutcome {
  /** The status sent; 0 when the connection was dropped on purpose. */
  status: number;
  body: Uint8Array;
}

// A client that keeps sending after a refusal is cut off past this many bytes.
const DRAIN_LIMIT = 2 * BODY_LIMIT;
const EMPTY = new Uint8Array(0);

export async function handleIngest(
  request: IncomingMessage,
  response: ServerResponse,
  url: Target,
  target: { kind: IngestKind; project: string },
  context: InboxContext,
): Promise<IngestOutcome> {
  if (request.method === 'OPTIONS') {
    send(response, 204, '', preflightHeaders(request.headers));
    return { status: 204, body: EMPTY };
  }
  let body: Buffer;
  try {
    const raw = await readRawBody(request, BODY_LIMIT);
    body = await decodeBody(raw, headerText(request.headers['content-encoding']), BODY_LIMIT);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    refuseUnreadBody(request, response, error);
    return { status: error.status, body: EMPTY };
  }
  const index = context.ingestCount++;
  const headers = request.headers;
  const spec = await runScript(context, { index, method: 'POST', path: url.pathname, url: request.url ?? '', headers, body });

  let status = spec.status ?? 200;
  let stored: StoredEnvelope | undefined;
  let refusal: HttpError | undefined;
  if (shouldStore(spec)) {
    try {
      stored = await ingest({ ...target, body, key: presentedKey(url, headers, target.project) }, context.key, context.store);
      context.onStored(stored);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      // A scripted answer cannot make bad input stored: the refusal is the answer.
      refusal = error;
      status = error.status;
    }
  }
  if (spec.delayMs) await sleep(spec.delayMs, undefined, { signal: context.closing }).catch(() => undefined);
  if (spec.destroy) {
    request.socket.destroy();
    return { status: 0, body };
  }
  if (refusal) sendError(response, status, refusal.message, CORS_HEADERS);
  else sendJson(response, status, stored ? { id: eventIdOf(stored) } : {}, { ...CORS_HEADERS, ...spec.headers });
  return { status, body };
}

/**
 * Answers a refusal sent before the whole body was read; the rest of the body is read and
 * dropped (up to a cap) so the client gets to see the answer instead of a reset.
 */
function refuseUnreadBody(request: IncomingMessage, response: ServerResponse, error: HttpError): void {
  sendError(response, error.status, error.message, { ...CORS_HEADERS, Connection: 'close' });
  if (request.complete) return;
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) request.socket.destroy();
  });
  request.resume();
}

async function runScript(context: InboxContext, request: ScriptedRequest): Promise<ScriptedResponse> {
  try {
    return (await context.script(request)) ?? {};
  } catch (error) {
    throw new HttpError(500, `the respond script failed: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** Sentry answers `{"id": "<event id>"}`, the id as 32 lower-case hex digits however it was sent. */
function eventIdOf({ headers, items }: StoredEnvelope): string | undefined {
  const event = items.find(([item]) => item.type === 'event')?.[1] as { event_id?: unknown } | undefined;
  const id = typeof headers.event_id === 'string' ? headers.event_id : event?.event_id;
  return typeof id === 'string' ? id.replace(/-/g, '').toLowerCase() : undefined;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
