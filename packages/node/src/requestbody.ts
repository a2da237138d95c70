// The raw body of an incoming request, for `request.data` with `sendDefaultPii`, when no
// framework parsed one. Node has no channel for body chunks, so the request's `newListener`
// event tells when the app starts reading: a listener of ours joins the app's own in the
// same tick, so the stream flows no sooner than the app makes it flow and no byte is taken.

import type { IncomingMessage } from 'node:http';

/** As in requestdata.ts: bigger bodies are cut, the server drops events over 1 MiB. */
const MAX_BODY_BYTES = 10 * 1024;
/** Bodies worth showing as text; an upload's bytes are not. */
const TEXT_TYPES = /json|text\/|x-www-form-urlencoded|xml|graphql/i;

/**
 * Starts keeping the first 10 KiB the app reads of a text request body; returns a reader
 * of what was kept so far (`undefined` while nothing was). Never throws into the request.
 *
 * @example
 * const bodyOf = watchRequestBody(req);
 * // ... later, in an event processor:
 * event.request.data ??= bodyOf();
 */
export function watchRequestBody(request: IncomingMessage): () => string | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: unknown): void => {
    try {
      if (size >= MAX_BODY_BYTES) return;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : undefined;
      if (!bytes) return;
      // A copy: a slice would keep the socket's whole read buffer alive.
      const part = Buffer.from(bytes.subarray(0, MAX_BODY_BYTES - size));
      chunks.push(part);
      size += part.length;
    } catch {
      // A body we cannot keep is a body the event goes without.
    }
  };
  const onNewListener = (event: string | symbol): void => {
    if (event !== 'data') return;
    request.removeListener('newListener', onNewListener);
    request.on('data', keep);
  };
  if (TEXT_TYPES.test(String(request.headers['content-type'] ?? ''))) request.on('newListener', onNewListener);
  return () => (size > 0 ? Buffer.concat(chunks).toString('utf8') : undefined);
}
