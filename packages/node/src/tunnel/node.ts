// The tunnel behind node:http (and Express, whose req/res are node:http's): read the
// request within the cap, answer, and cut off a client that keeps sending after a refusal.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TunnelAnswer } from './upstream';
import type { TunnelRequest } from './request';

/** A refused client may send this many more bytes, so it gets to read the answer, then is cut off. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * The tunnel's view of a node:http request. A body an Express body parser already read
 * (`express.raw()` / `express.text()`) is used as it is.
 *
 * @example
 * const answer = await handle(fromNodeRequest(req));
 */
export function fromNodeRequest(req: IncomingMessage & { body?: unknown }): TunnelRequest {
  const parsed = req.body;
  const readAlready = req.readableEnded && (typeof parsed === 'string' || parsed instanceof Uint8Array);
  return {
    method: req.method,
    contentLength: readAlready ? undefined : req.headers['content-length'],
    contentEncoding: readAlready ? undefined : headerText(req.headers['content-encoding']),
    // Leaving the loop early must not destroy the socket: the refusal still has to be sent.
    body: readAlready ? [parsed as string | Uint8Array] : req.readableEnded ? undefined : { [Symbol.asyncIterator]: () => req.iterator({ destroyOnReturn: false }) },
  };
}

/** Writes `answer`; a body left unread is drained up to a cap, then the connection closes. */
export function sendNodeAnswer(req: IncomingMessage, res: ServerResponse, answer: TunnelAnswer): void {
  const unread = !req.readableEnded;
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', ...answer.headers };
  if (unread) headers.connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(answer.body);
  if (!unread) return;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.byteLength;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
