// A plain node:http server that reports to a Sentry-protocol server, then crashes:
//   SENTRY_DSN=<dsn> node examples/node-http/app.mjs      (or: --dsn <dsn>)
// It calls its own /checkout route (the handler reports a handled error, and the outgoing
// fetch becomes a breadcrumb), then throws an uncaught error: the SDK reports it as fatal
// and the process exits with code 1, printing the error the way Node does.
import { createServer } from 'node:http';
import { captureException, init, setTag, setUser } from '@faultline/node';

const arg = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};

init({ dsn: arg('--dsn'), release: 'node-http-example@1.0.0' });

const server = createServer((req, res) => {
  setTag('route', req.url);
  setUser({ id: 'customer-42' });
  if (req.url === '/checkout') {
    captureException(new Error('Payment provider timed out'));
    res.statusCode = 502;
    res.end('payment failed');
    return;
  }
  res.end('ok');
});

server.listen(0, '127.0.0.1', async () => {
  const response = await fetch(`http://127.0.0.1:${server.address().port}/checkout`);
  console.log(`GET /checkout -> ${response.status}`);
  setTimeout(() => {
    throw new Error('Order state is inconsistent after checkout');
  }, 10);
});
