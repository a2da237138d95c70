// Serves the browser examples with a DSN filled in: the ESM page (bundled with rollup in
// memory) and the CDN page with the built bundle. Needs `npm run build` first.
//   node scripts/serve-examples.mjs <dsn> [port]
import { rollup } from 'rollup';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../test/helpers/static.mjs';

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const BUNDLES = 'packages/browser/dist/bundles';
const DSN_PLACEHOLDER = '__FAULTLINE_DSN__';

// A strict policy on purpose: the SDK must work without inline scripts, eval or inline styles.
export const EXAMPLES_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src *";

/**
 * Serves `/browser-esm/` and `/browser-cdn/` on 127.0.0.1, reporting to `dsn`.
 *
 * @example
 * const { url, close } = await serveExamples({ dsn: inbox.dsn, port: 0 });
 * console.log(`${url}/browser-cdn/`);
 */
export async function serveExamples({ dsn, port = 0 }) {
  const app = await bundleEsmExample();
  const fillDsn = (_path, text) => text.replaceAll(DSN_PLACEHOLDER, escapeHtml(dsn));
  const server = await serveStatic(
    {
      '/': { body: indexPage(), type: 'text/html; charset=utf-8' },
      '/browser-esm/': root('examples/browser-esm'),
      '/browser-esm/dist/app.js': { body: app.code, type: 'text/javascript; charset=utf-8' },
      '/browser-esm/dist/app.js.map': { body: app.map, type: 'application/json' },
      '/browser-cdn/': root('examples/browser-cdn'),
      '/browser-cdn/faultline.min.js': root(`${BUNDLES}/faultline.min.js`),
      '/browser-cdn/faultline.min.js.map': root(`${BUNDLES}/faultline.min.js.map`),
      '/favicon.ico': { body: '', status: 204 },
      '/api/cart': { body: JSON.stringify({ items: 2, total: 42 }), type: 'application/json' },
    },
    { port, headers: { 'Content-Security-Policy': EXAMPLES_CSP }, transform: fillDsn },
  );
  return { url: server.url, close: server.close };
}

/** The ESM example's app bundled by its own rollup config, without writing to disk. */
async function bundleEsmExample() {
  const { default: config } = await import('../examples/browser-esm/rollup.config.mjs');
  const bundle = await rollup({ ...config, onwarn: () => {} });
  try {
    const { output } = await bundle.generate(config.output);
    const [chunk] = output;
    // rollup already ends the code with its sourceMappingURL comment.
    return { code: chunk.code, map: chunk.map.toString() };
  } finally {
    await bundle.close();
  }
}

function indexPage() {
  return `<!doctype html><meta charset="utf-8"><title>Faultline examples</title>
<h1>Faultline examples</h1>
<ul><li><a href="/browser-esm/">Bundled ESM app</a></li><li><a href="/browser-cdn/">CDN &lt;script&gt; tag</a></li></ul>`;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dsn, port] = process.argv.slice(2);
  if (!dsn) {
    console.error('usage: node scripts/serve-examples.mjs <dsn> [port]');
    process.exit(2);
  }
  await readFile(root(`${BUNDLES}/faultline.min.js`)).catch(() => {
    console.error('Run `npm run build` first: the CDN bundle is missing.');
    process.exit(1);
  });
  const { url } = await serveExamples({ dsn, port: Number(port ?? 0) });
  console.log(`Examples: ${url}/browser-esm/  ${url}/browser-cdn/`);
}
