// `npm start`: the whole story on one machine, no account anywhere.
// Starts the inbox, runs the Node example (it reports a handled error, then crashes),
// shows the events that arrived, and serves the browser examples until Ctrl-C.
//   node scripts/demo.mjs [--once] [--port 7755]
// `--once` exits after the Node example's events arrived (used by the demo's own test).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startInbox } from '../packages/inbox/dist/index.mjs';
import { runNodeHttpExample } from '../examples/node-http/run.mjs';
import { serveExamples } from './serve-examples.mjs';

const args = process.argv.slice(2);
const once = args.includes('--once');
const portIndex = args.indexOf('--port');
const port = portIndex === -1 ? 7755 : Number(args[portIndex + 1]);
const dataDir = fileURLToPath(new URL('../.faultline-inbox', import.meta.url));
mkdirSync(dataDir, { recursive: true });

const inbox = await startInbox({ port: once ? 0 : port, dataDir, quiet: true }).catch((error) => {
  console.error(`Could not start the inbox: ${error.message}`);
  process.exit(2);
});
const before = inbox.events().length;
console.log(`Inbox listening: ${inbox.url}/`);
console.log(`DSN: ${inbox.dsn}\n`);

console.log('Running examples/node-http (it reports a handled error, then throws an uncaught one)...');
const run = await runNodeHttpExample({ dsn: inbox.dsn });
console.log(`The example exited with code ${run.code}, as Node does after an uncaught exception.\n`);

const events = await inbox.waitFor(before + 2, 10_000).catch(() => inbox.events());
const arrived = events.length - before;
console.log(`${arrived} event(s) arrived from the Node example:`);
for (const event of inbox.events().slice(before)) console.log(`  ${describe(event)}`);

if (arrived < 2) {
  console.error('\nExpected 2 events from the Node example; see the output above.');
  await inbox.close();
  process.exit(1);
}

if (once) {
  await inbox.close();
  process.exit(0);
}

const examples = await serveExamples({ dsn: inbox.dsn, port: 0 });
console.log(`\nBrowser examples (click their buttons; events show up in the inbox):`);
console.log(`  ${examples.url}/browser-esm/   a page bundled with rollup`);
console.log(`  ${examples.url}/browser-cdn/   a plain page with the <script> tag`);
console.log(`\nOpen ${inbox.url}/ to read the events with their stack traces and breadcrumbs. Ctrl-C stops.`);

const stop = async () => {
  await Promise.allSettled([examples.close(), inbox.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

function describe(stored) {
  const event = stored.event ?? stored;
  const exception = event.exception?.values?.at(-1);
  const frames = exception?.stacktrace?.frames ?? [];
  const top = [...frames].reverse().find((frame) => frame.in_app) ?? frames.at(-1);
  const where = top ? ` at ${top.filename}:${top.lineno}:${top.colno}` : '';
  // Faultline sends messages as `logentry`; other SDKs may still send `message`.
  const text = event.logentry?.formatted ?? event.logentry?.message ?? event.message?.formatted ?? event.message;
  const what = exception ? `${exception.type}: ${exception.value}` : text;
  return `[${event.level}] ${what}${where}`;
}
