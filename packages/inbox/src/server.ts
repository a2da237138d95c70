// The request handler: routes each request, turns every failure into a clear HTTP answer
// and records what was answered.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboxContext } from './context';
import { HttpError } from './httperror';
import { handleIngest } from './ingestroute';
import { handleRead } from './readroutes';
import { sendError } from './reply';
import { allowedMethods, matchRoute, type Target } from './router';

const NOT_RECORDED = new Set(['GET', 'HEAD']);

export function createRequestHandler(context: InboxContext) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const received = new Date().toISOString();
    route(request, response, context)
      .catch((error: unknown) => {
        if (error instanceof HttpError) return { status: error.status, body: new Uint8Array(0), error };
        process.stderr.write(`faultline-inbox: internal error: ${String((error as Error)?.stack ?? error)}\n`);
        return { status: 500, body: new Uint8Array(0), error: new HttpError(500, 'internal error in the inbox') };
      })
      .then(({ status, body, error }) => {
        if (error) sendError(response, error.status, error.message);
        const method = request.method ?? '';
        if (NOT_RECORDED.has(method)) return;
        const { headers, url = '' } = request;
        context.onRequest({ method, path: parseTarget(url).pathname, url, headers, body, status, received });
      });
  };
}

interface Handled {
  status: number;
  body: Uint8Array;
  error?: HttpError;
}

async function route(request: IncomingMessage, response: ServerResponse, context: InboxContext): Promise<Handled> {
  if (countHeader(request.rawHeaders, 'host') > 1) throw new HttpError(400, 'more than one Host header');
  const url = parseTarget(request.url);
  const target = matchRoute(url.pathname);
  if (target.name === 'unknown') throw new HttpError(404, 'not found: the inbox takes POST /api/<project>/envelope/');
  const methods = allowedMethods(target);
  const method = request.method ?? '';
  if (!methods.includes(method)) {
    response.setHeader('Allow', methods.join(', '));
    throw new HttpError(405, `${method.slice(0, 20)} is not allowed here; use ${methods.join(' or ')}`);
  }
  if (target.name === 'ingest') return handleIngest(request, response, url, target, context);
  handleRead(request, response, target, context);
  return { status: response.statusCode, body: new Uint8Array(0) };
}

/**
 * The path exactly as sent: no dot-segment or percent-decoding, so `/api/1/envelope/.` or
 * `/api/1/../2/envelope/` is a 404, not a different route.
 */
function parseTarget(target = '/'): Target {
  const query = target.indexOf('?');
  const pathname = query === -1 ? target : target.slice(0, query);
  return { pathname, searchParams: new URLSearchParams(query === -1 ? '' : target.slice(query + 1)) };
}

function countHeader(rawHeaders: string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === name) count++;
  return count;
}

