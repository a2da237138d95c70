import type { IncomingMessage, ServerResponse } from 'node:http';

/** A fixed response, a file or directory on disk, or a handler of your own. */
export type Route =
  | string
  | { body: string | Uint8Array; type?: string; status?: number; headers?: Record<string, string> }
  | ((request: IncomingMessage, response: ServerResponse) => void);

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every requested path, in order, query included. */
  requests: string[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Default 0: a free port. Always on 127.0.0.1. */
  port?: number;
  /** Headers added to every response, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
  /** Rewrites a served text file (html, js, css, json) before sending, e.g. to fill in a DSN. */
  transform?: (path: string, text: string) => string;
}

/**
 * Serves a directory, or a map of URL paths to routes, on 127.0.0.1. A route whose path
 * ends in `/` and whose value is a directory serves everything below it; a directory
 * answers with its `index.html`.
 *
 * @example
 * const server = await serveStatic({
 *   '/': 'examples/browser-cdn',
 *   '/faultline.min.js': 'packages/browser/dist/bundles/faultline.min.js',
 *   '/api/ping': { body: '{"ok":true}', type: 'application/json' },
 * }, { headers: { 'Content-Security-Policy': "script-src 'self'" } });
 * await server.close();
 */
export function serveStatic(source: string | Record<string, Route>, options?: ServeOptions): Promise<StaticServer>;
