// The app process of the reliability benchmark: reports errors with @faultline/node or
// @sentry/node (SDK), each with its default options (INTEGRATIONS=none: without default
// integrations), in one of these MODEs:
//   burst:  COUNT captureException calls in one synchronous loop;
//   steady: RATE errors a second for DURATION_MS (prints "ready" when it starts);
//   crash:  COUNT errors, then an uncaught exception (the SDK's own handler ends the process);
//   replay: nothing new: a restart that sends what an earlier process left.
// Then it waits until the SDK has nothing left to send (for Faultline: its offline queue
// in QUEUE_DIR is empty too), flushes once more so the client report goes out, and prints
// {"captured", "rssAfterInitKiB", "maxRssKiB"}.

import { existsSync, readdirSync } from 'node:fs';

const env = process.env;
const isSentry = env.SDK === 'sentry';
const S = isSentry ? await import('@sentry/node') : await import('@faultline/node');
S.init({ dsn: env.DSN, ...(env.INTEGRATIONS === 'none' && { defaultIntegrations: false }) });
const rssAfterInitKiB = process.memoryUsage().rss / 1024;
const count = Number(env.COUNT ?? 0);
let captured = 0;
// A distinct message each: the dedupe integrations of both SDKs keep every one.
const capture = () => S.captureException(new Error(`reliability ${env.MODE} ${captured++}`));

async function drain() {
  const deadline = Date.now() + Number(env.DRAIN_MS ?? 180_000);
  const queueEmpty = () => isSentry || !existsSync(env.QUEUE_DIR) || readdirSync(env.QUEUE_DIR).length === 0;
  while (Date.now() < deadline && !((await S.flush(5000)) && queueEmpty())) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await S.flush(10_000);
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify({ captured, rssAfterInitKiB, maxRssKiB })}\n`);
  process.exit(0);
}

if (env.MODE === 'burst') {
  for (let i = 0; i < count; i++) capture();
  await drain();
} else if (env.MODE === 'steady') {
  const perTick = Number(env.RATE) / 20;
  const end = Date.now() + Number(env.DURATION_MS);
  process.stdout.write('ready\n');
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++) capture();
    if (Date.now() >= end) {
      clearInterval(timer);
      void drain();
    }
  }, 50);
} else if (env.MODE === 'crash') {
  for (let i = 0; i < count; i++) capture();
  captured++;
  process.stdout.write(`${JSON.stringify({ captured })}\n`);
  setTimeout(() => {
    throw new Error('reliability crash');
  }, 10);
} else {
  await drain();
}
