// Hono app on Node (@hono/node-server) reporting to a Sentry-protocol server.
//   SENTRY_DSN=<dsn> node examples/hono/app.mjs      (or: --dsn <dsn>, --port <port>)
// GET /boom throws (reported), GET /missing answers 404 (not reported: a client error).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { init, setTag, setupHonoErrorHandler } from '@faultline/node';

const arg = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};

init({ dsn: arg('--dsn'), release: 'hono-example@1.0.0' });

const app = new Hono();
setupHonoErrorHandler(app);
app.get('/', (c) => c.text('ok'));
app.get('/boom', (c) => {
  setTag('example', 'hono');
  throw new Error(`Hono handler failed for ${c.req.path}`);
});
app.get('/missing', () => {
  throw new HTTPException(404, { message: 'Not found' });
});

serve({ fetch: app.fetch, port: Number(arg('--port') ?? 3000), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening http://127.0.0.1:${info.port}`);
});
