// Express app reporting to a Sentry-protocol server (e.g. `npx faultline-inbox`).
//   SENTRY_DSN=<dsn> node examples/express/app.mjs      (or: --dsn <dsn>, --port <port>)
// GET /boom throws (reported), GET /missing answers 404 (not reported: a client error).
import express from 'express';
import { init, setTag, setupExpressErrorHandler } from '@faultline/node';

const arg = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};

init({ dsn: arg('--dsn'), release: 'express-example@1.0.0' });

const app = express();
app.get('/', (req, res) => res.send('ok'));
app.get('/boom', (req) => {
  setTag('example', 'express');
  throw new Error(`Express handler failed for ${req.path}`);
});
app.get('/missing', (req, res, next) => next(Object.assign(new Error('Not found'), { status: 404 })));

setupExpressErrorHandler(app);

const server = app.listen(Number(arg('--port') ?? 3000), '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}`);
});
