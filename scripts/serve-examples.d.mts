/** The Content-Security-Policy every example page is served with. */
export const EXAMPLES_CSP: string;

/**
 * Serves `/browser-esm/` (bundled in memory) and `/browser-cdn/` on 127.0.0.1, reporting
 * to `dsn`. Needs `npm run build` first.
 *
 * @example
 * const { url, close } = await serveExamples({ dsn: inbox.dsn, port: 0 });
 */
export function serveExamples(options: { dsn: string; port?: number }): Promise<{ url: string; close(): Promise<void> }>;
