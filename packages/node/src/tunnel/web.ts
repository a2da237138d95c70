// The tunnel for web-standard servers (Hono, and anything with `Request -> Response`).

import type { TunnelRequest } from './request';
import type { TunnelAnswer } from './upstream';

/**
 * The tunnel's view of a web `Request`.
 *
 * @example
 * const answer = await handle(fromWebRequest(c.req.raw));
 */
export function fromWebRequest(request: Request): TunnelRequest {
  return {
    method: request.method,
    contentLength: request.headers.get('content-length'),
    contentEncoding: request.headers.get('content-encoding'),
    body: request.bodyUsed ? undefined : ((request.body ?? []) as unknown as AsyncIterable<Uint8Array>),
  };
}

/** The answer as a web `Response`. */
export function toWebResponse(answer: TunnelAnswer): Response {
  const headers = { 'content-type': 'text/plain; charset=utf-8', ...answer.headers };
  return new Response(answer.body, { status: answer.status, headers });
}
