// One Node SDK with its default options in a small HTTP server; run as a child process so
// no two SDKs hook the same process. Every planted secret travels in one request (its URL
// and headers), and the handler puts it where apps put data (tags, extra, a context, a
// breadcrumb, an outgoing request's URL) before reporting an exception and a message.
//
//   node bench/leaks/node-app.mjs <faultline|sentry> <dsn>

import { createServer, request } from 'node:http';
import { loadCorpus, oneLine } from './corpus.mjs';
import { plantInScope } from './plant.mjs';

const [sdkName, dsn] = process.argv.slice(2);
const Sdk = sdkName === 'faultline' ? await import('@faultline/node') : await import('@sentry/node');
Sdk.init({ dsn });
const { SECRETS, plantedText } = await loadCorpus();

/** GETs `path` from the server itself and resolves once the answer has been read. */
function get(port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, headers }, (response) => {
      response.resume();
      response.on('end', resolve);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/ping') return res.end('pong');
  const text = plantedText(SECRETS[Number(url.searchParams.get('i'))]);
  await get(server.address().port, `/ping?ref=${encodeURIComponent(text)}`);
  plantInScope(Sdk, text);
  // One secret at a time: no SDK may drop events for having too many in flight.
  await Sdk.flush(10_000);
  res.statusCode = 500;
  res.end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

for (const [index, secret] of SECRETS.entries()) {
  const text = plantedText(secret);
  const value = oneLine(secret.value);
  await get(server.address().port, `/sync?i=${index}&ref=${encodeURIComponent(text)}`, {
    authorization: `Bearer ${value}`,
    cookie: `sessionid=${value}`,
    'x-api-key': value,
    'x-note': oneLine(text),
  });
}
await Sdk.flush(10_000);
server.close();
process.exit(0);
