// Koa app reporting to a Sentry-protocol server (e.g. `npx faultline-inbox`).
//   SENTRY_DSN=<dsn> node examples/koa/app.mjs      (or: --dsn <dsn>, --port <port>)
// GET /boom throws (reported), GET /missing answers 404 (not reported: a client error).
import Koa from 'koa';
import { init, setTag, setupKoaErrorHandler } from '@faultline/node';

const arg = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};

init({ dsn: arg('--dsn'), release: 'koa-example@1.0.0' });

const app = new Koa();
// Koa prints every error it answers with a 5xx; this example keeps the console quiet.
app.silent = true;
app.use(async (ctx) => {
  if (ctx.path === '/boom') {
    setTag('example', 'koa');
    throw new Error(`Koa handler failed for ${ctx.path}`);
  }
  if (ctx.path === '/missing') ctx.throw(404, 'Not found');
  ctx.body = 'ok';
});
setupKoaErrorHandler(app);

const server = app.listen(Number(arg('--port') ?? 3000), '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}`);
});
