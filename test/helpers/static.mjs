// A tiny static HTTP server for end-to-end tests and the example demo. Plain JavaScript
// so that `scripts/serve-examples.mjs` runs it under Node without a build.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const TEXT_EXTENSIONS = new Set(['.html', '.js', '.mjs', '.css', '.json', '.txt']);

/** See static.d.mts for the documented signature. */
export async function serveStatic(source, options = {}) {
  const routes = typeof source === 'string' ? { '/': source } : source;
  const requests = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '/');
    for (const [name, value] of Object.entries(options.headers ?? {})) response.setHeader(name, value);
    handle(routes, request, response, options).catch((error) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function handle(routes, request, response, options) {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const exact = routes[path];
  if (typeof exact === 'function') return exact(request, response);
  if (exact && typeof exact === 'object') {
    response.statusCode = exact.status ?? 200;
    response.setHeader('Content-Type', exact.type ?? 'text/plain; charset=utf-8');
    for (const [name, value] of Object.entries(exact.headers ?? {})) response.setHeader(name, value);
    return response.end(exact.body);
  }
  const file = exact ?? fileUnderDirectoryRoute(routes, path);
  if (file === undefined) return notFound(response);
  const target = (await isDirectory(file)) ? join(file, 'index.html') : file;
  let body;
  try {
    body = await readFile(target);
  } catch {
    return notFound(response);
  }
  const extension = extname(target);
  response.setHeader('Content-Type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
  response.setHeader('Cache-Control', 'no-store');
  const transform = options.transform && TEXT_EXTENSIONS.has(extension);
  response.end(transform ? options.transform(path, body.toString('utf8')) : body);
}

/** The file for `path` under the longest directory route (ending in `/`) that prefixes it. */
function fileUnderDirectoryRoute(routes, path) {
  const prefix = Object.keys(routes)
    .filter((name) => name.endsWith('/') && typeof routes[name] === 'string' && path.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return undefined;
  const root = resolve(routes[prefix]);
  const file = resolve(root, `.${sep}${path.slice(prefix.length)}`);
  // Never serve anything outside the directory, whatever the path says.
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

async function isDirectory(file) {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

function notFound(response) {
  response.statusCode = 404;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end('not found');
}
