// Leak benchmark (not a test): one planted-secrets corpus (test/fixtures/secrets.ts) through
// each SDK with its DEFAULT options into the local inbox, and how many of the planted
// secrets arrived there in clear, in any form (as is, JSON-escaped, URL-encoded, a line of
// a PEM key, a card number's digits). Target for Faultline: 0.
//
//   npm run build && npm run bench:leaks
//
// Node SDKs run in child processes (bench/leaks/node-app.mjs): the secrets travel in the
// URL and headers of requests to a Node server, and the handler puts them in tags, extra,
// a context, a breadcrumb and an outgoing URL before reporting an exception and a message.
// Browser SDKs run in real Chromium (bench/leaks/browser.mjs): page URL, fetch URL and
// header, console, tags, extra, a context, a breadcrumb, an exception and a message.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startInbox } from '../packages/inbox/dist/index.mjs';
import { runBrowserSdk } from './leaks/browser.mjs';
import { loadCorpus } from './leaks/corpus.mjs';
import { byPlace, countLeaks } from './leaks/count.mjs';

const NODE_APP = fileURLToPath(new URL('./leaks/node-app.mjs', import.meta.url));
// Not `require('<name>/package.json')`: our packages do not export it.
const versionOf = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

const corpus = await loadCorpus();
const texts = corpus.SECRETS.map(corpus.plantedText);
const inbox = await startInbox({ quiet: true });
/** The inbox's DSN with another project id: one project per SDK keeps their envelopes apart. */
const dsnFor = (project) => inbox.dsn.replace(/\/1$/, `/${project}`);

const runs = [
  { sdk: '@faultline/node', project: 1, run: (dsn) => runNode('faultline', dsn) },
  { sdk: '@faultline/browser', project: 2, run: (dsn) => runBrowserSdk('faultline', dsn, texts) },
  { sdk: '@sentry/node', project: 3, run: (dsn) => runNode('sentry', dsn) },
  { sdk: '@sentry/browser', project: 4, run: (dsn) => runBrowserSdk('sentry', dsn, texts) },
];

/** Runs the Node app with `sdkName` (asynchronously: the inbox lives in this process). */
function runNode(sdkName, dsn) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NODE_APP, sdkName, dsn], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${sdkName} node app failed (${code ?? signal}):\n${stderr}`)),
    );
  });
}

const rows = [];
try {
  for (const { sdk, project, run } of runs) {
    await run(dsnFor(project));
    const envelopes = inbox.envelopes().filter((envelope) => envelope.project === String(project));
    rows.push({ sdk: `${sdk} ${versionOf(sdk)}`, ...countLeaks(envelopes, corpus) });
  }
} finally {
  await inbox.close();
}

const header = ['SDK (default options)', 'events received', 'secrets planted', 'arrived in clear'];
const table = [header, ...rows.map((row) => [row.sdk, row.events, corpus.SECRETS.length, row.leaked.size].map(String))];
const widths = header.map((_, column) => Math.max(...table.map((line) => line[column].length)));
const print = (line) => console.log(`| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`);
print(table[0]);
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
table.slice(1).forEach(print);
console.log(`\n${2 * corpus.SECRETS.length} events were reported per SDK; one that lost some had fewer chances to leak.`);

// Where each SDK let secrets through; the kinds are named for Faultline, whose target is 0.
for (const row of rows.filter((candidate) => candidate.leaked.size > 0)) {
  console.log(`\n${row.sdk}: ${row.leaked.size} of ${corpus.SECRETS.length} kinds arrived in clear, at`);
  for (const [place, kinds] of byPlace(row.leaked)) {
    console.log(`  ${place} (${kinds.length})${row.sdk.startsWith('@faultline/') ? `: ${kinds.join(', ')}` : ''}`);
  }
}
