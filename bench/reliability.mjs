// Reliability under faults, @faultline/node next to @sentry/node, both with default options,
// in the same run: one ledger table of what each app captured, what the inbox stored, what
// the SDK counted as dropped (client reports, by reason) and what is lost (neither).
//
//   npm run build && node bench/reliability.mjs [--burst 10000] [--rate 200] [--outage 30]
//                                              [--only burst,bare,outage,storm,crash] [--check]
//
// Scenarios:
//   burst   one synchronous loop of --burst captureException calls against a healthy
//           server; also the peak RSS over the RSS right after init.
//   bare    the same burst with `defaultIntegrations: false`: the memory the capture
//           pipeline and the transport need without the integrations' work (Sentry then
//           sends no client reports, so its drops show as lost).
//   outage  --rate errors a second for 5 s, then --outage seconds in which every
//           connection is reset, then 5 s more.
//   storm   --rate errors a second for 3 s, then 10 s in which every request is answered
//           429 with `X-Sentry-Rate-Limits: 1:error:organization:quota_exceeded`, then 3 s more.
//   crash   100 errors while nothing listens on the DSN's port, then an uncaught exception
//           ends the process; the server comes up and the app is started again.
// Targets (issue 6): 0 lost for Faultline in every row; all burst events delivered; burst
// peak memory under +50 MiB. `--check` exits with 1 when one is missed.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envelopeUrl, parseDsn } from '../packages/core/dist/index.mjs';
import { startInbox } from '../packages/inbox/dist/index.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const APP = join(BENCH_DIR, 'reliability/app.mjs');
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const BURST = Number(option('--burst', 10_000));
const RATE = Number(option('--rate', 200));
const OUTAGE_S = Number(option('--outage', 30));
const CRASH_COUNT = 100;
const ONLY = option('--only', 'burst,bare,outage,storm,crash').split(',');
const MEMORY_TARGET_MIB = 50;

if (!existsSync(join(BENCH_DIR, '../packages/node/dist/index.mjs'))) {
  console.error('Run `npm run build` first: the benchmark loads packages/*/dist.');
  process.exit(1);
}
const { defaultOfflineFolder } = await import('../packages/node/dist/index.mjs');
const sentryVersion = createRequire(join(BENCH_DIR, 'package.json'))('@sentry/node/package.json').version;
const SDKS = [
  { sdk: 'faultline', label: 'faultline' },
  { sdk: 'sentry', label: `sentry ${sentryVersion}` },
];

/** Runs the app; resolves with its last JSON line and exit code. `onLine` sees every stdout line. */
function runApp(env, onLine = () => {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APP], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      for (const line of chunk.split('\n')) if (line) onLine(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const json = stdout.split('\n').filter((line) => line.startsWith('{')).at(-1);
      if (!json) reject(new Error(`${env.SDK} ${env.MODE} printed no result (exit ${code}): ${stderr.slice(-2000)}`));
      else resolve({ ...JSON.parse(json), code });
    });
  });
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fresh DSN key, its Faultline queue folder, and the env both SDKs' apps get. */
function appEnv(sdk, dsn, extra) {
  const queueDir = defaultOfflineFolder(envelopeUrl(parseDsn(dsn)));
  return { env: { SDK: sdk, DSN: dsn, QUEUE_DIR: queueDir, ...extra }, queueDir };
}

/** Delivered error events (each id once), duplicates, and error outcomes by reason. */
function ledgerOf(inbox, captured) {
  const ids = new Set();
  let duplicates = 0;
  const counted = {};
  for (const { items } of inbox.envelopes()) {
    for (const [headers, payload] of items) {
      if (headers.type === 'event') {
        if (ids.has(payload.event_id)) duplicates++;
        ids.add(payload.event_id);
      } else if (headers.type === 'client_report') {
        for (const { reason, category, quantity } of payload.discarded_events ?? []) {
          if (category === 'error') counted[reason] = (counted[reason] ?? 0) + quantity;
        }
      }
    }
  }
  const countedTotal = Object.values(counted).reduce((sum, quantity) => sum + quantity, 0);
  return { captured, delivered: ids.size, counted, lost: captured - ids.size - countedTotal, duplicates };
}

const SCENARIOS = {
  burst: (sdk) => burst(sdk, {}),
  bare: (sdk) => burst(sdk, { INTEGRATIONS: 'none' }),
  outage: (sdk) => steady(sdk, 5, OUTAGE_S, 5, { destroy: true }),
  storm: (sdk) => steady(sdk, 3, 10, 3, { status: 429, headers: { 'X-Sentry-Rate-Limits': '1:error:organization:quota_exceeded' } }),
  async crash(sdk) {
    const port = await freePort();
    const dsn = `http://${randomBytes(16).toString('hex')}@127.0.0.1:${port}/1`;
    const { env, queueDir } = appEnv(sdk, dsn, { MODE: 'crash', COUNT: CRASH_COUNT });
    try {
      const dying = await runApp(env);
      const inbox = await startInbox({ port, quiet: true, key: parseDsn(dsn).publicKey });
      try {
        await runApp({ ...env, MODE: 'replay' });
        return { ...ledgerOf(inbox, dying.captured), note: `first process exit code ${dying.code}` };
      } finally {
        await inbox.close();
      }
    } finally {
      rmSync(queueDir, { recursive: true, force: true });
    }
  },
};

async function burst(sdk, extra) {
  const inbox = await startInbox({ port: 0, quiet: true });
  const { env, queueDir } = appEnv(sdk, inbox.dsn, { MODE: 'burst', COUNT: BURST, ...extra });
  try {
    const result = await runApp(env);
    const extraMiB = (result.maxRssKiB - result.rssAfterInitKiB) / 1024;
    return { ...ledgerOf(inbox, result.captured), note: `peak RSS +${extraMiB.toFixed(1)} MiB over init`, extraMiB };
  } finally {
    await inbox.close();
    rmSync(queueDir, { recursive: true, force: true });
  }
}

/** Steady load with `fault` answered to every request from `before` s to `before + during` s. */
async function steady(sdk, before, during, after, fault) {
  let faulty = false;
  const inbox = await startInbox({ port: 0, quiet: true, respond: () => (faulty ? fault : undefined) });
  const durationMs = (before + during + after) * 1000;
  const { env, queueDir } = appEnv(sdk, inbox.dsn, { MODE: 'steady', RATE, DURATION_MS: durationMs });
  const timers = [];
  try {
    const result = await runApp(env, (line) => {
      if (line !== 'ready') return;
      timers.push(setTimeout(() => (faulty = true), before * 1000));
      timers.push(setTimeout(() => (faulty = false), (before + during) * 1000));
    });
    const faulted = inbox.requests().filter((request) => request.status === 0 || request.status === fault.status).length;
    return { ...ledgerOf(inbox, result.captured), note: `${faulted} requests faulted` };
  } finally {
    timers.forEach(clearTimeout);
    await inbox.close();
    rmSync(queueDir, { recursive: true, force: true });
  }
}

const TITLES = {
  burst: `burst of ${BURST}`,
  bare: `burst, no integrations`,
  outage: `${OUTAGE_S} s outage at ${RATE}/s`,
  storm: `429 storm at ${RATE}/s`,
  crash: `crash while down, restart`,
};
const columns = [
  ['scenario', 26],
  ['sdk', 14],
  ['captured', 9],
  ['delivered', 9],
  ['counted (by reason)', 40],
  ['lost', 6],
  ['dup', 4],
  ['', 0],
];
const row = (cells) => cells.map((cell, i) => (i >= 2 && i <= 3) || i === 5 || i === 6 ? String(cell).padStart(columns[i][1]) : String(cell).padEnd(columns[i][1])).join('  ');

console.log(`Reliability ledger: error events, default options; node ${process.version}, @sentry/node ${sentryVersion}`);
console.log(row(columns.map(([title]) => title)));
const misses = [];
for (const scenario of ONLY) {
  for (const { sdk, label } of SDKS) {
    const result = await SCENARIOS[scenario](sdk);
    const counted = Object.entries(result.counted).map(([reason, quantity]) => `${reason} ${quantity}`).join(', ') || '-';
    console.log(row([TITLES[scenario], label, result.captured, result.delivered, counted, result.lost, result.duplicates, result.note]));
    if (sdk !== 'faultline') continue;
    if (result.lost !== 0) misses.push(`${scenario}: ${result.lost} lost`);
    if (scenario === 'bare') continue;
    if (scenario === 'burst' && result.delivered !== BURST) misses.push(`burst: ${result.delivered} of ${BURST} delivered`);
    if (scenario === 'burst' && !(result.extraMiB < MEMORY_TARGET_MIB)) misses.push(`burst: peak +${result.extraMiB.toFixed(1)} MiB`);
  }
}
const checked = ONLY.includes('burst') ? `0 lost in every row, the whole burst delivered, burst peak under +${MEMORY_TARGET_MIB} MiB` : '0 lost in every row run';
console.log(misses.length === 0 ? `Targets met: ${checked}.` : `Targets missed: ${misses.join('; ')}.`);
if (process.argv.includes('--check') && misses.length > 0) process.exitCode = 1;
