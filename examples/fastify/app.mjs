// Fastify app reporting to a Sentry-protocol server (e.g. `npx faultline-inbox`).
//   SENTRY_DSN=<dsn> node examples/fastify/app.mjs      (or: --dsn <dsn>, --port <port>)
// GET /boom throws (reported), GET /missing answers 404 (not reported: a client error).
import Fastify from 'fastify';
import { init, setTag, setupFastifyErrorHandler } from '@faultline/node';

const arg = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};

init({ dsn: arg('--dsn'), release: 'fastify-example@1.0.0' });

const app = Fastify();
setupFastifyErrorHandler(app);
app.get('/', async () => 'ok');
app.get('/boom', async (request) => {
  setTag('example', 'fastify');
  throw new Error(`Fastify handler failed for ${request.url}`);
});
app.get('/missing', async () => {
  throw Object.assign(new Error('Not found'), { statusCode: 404 });
});

const address = await app.listen({ port: Number(arg('--port') ?? 3000), host: '127.0.0.1' });
console.log(`listening ${address}`);
