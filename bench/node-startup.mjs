// Start-up cost and error-burst delivery of @faultline/node next to @sentry/node.
//
//   npm run build && node bench/node-startup.mjs [--rounds 20] [--burst 10000] [--instructions] [--no-extra-ca]
//   (--rounds 0: no wall-time rounds; --burst 0: no burst)
//
// The children get this process's environment, as issue 5 measured Sentry's 7.2x. Where
// NODE_EXTRA_CA_CERTS names a whole system CA bundle (as on our machine), Node parses it
// before any code runs, which makes a bare `node` about 4x slower and every ratio to it
// smaller: --no-extra-ca unsets it for the children, to show that view too.
//
// Start-up: `require`/`import` + `init` in a fresh `node -e`, against a bare `node -e` of
// the same module system (CJS or `--input-type=module`) that only reports its peak memory
// and CPU time the same way. CPU time (user + system, all threads, up to that report)
// moves less than wall time when other jobs share the machine. Every round runs each
// variant once, in a rotating order (interleaved), and the figures are medians over
// rounds: wall and CPU time, their per-round ratios to the bare run of the same round
// (paired), and peak RSS over bare.
// Burst: one process calls captureException 10,000 times and flushes; the inbox counts what
// arrived and what the SDK reported as dropped in client reports.
//
// --instructions: also counts the instructions each variant executes under valgrind's
// callgrind, one run each: slow (seconds to minutes per run), but independent of the load
// of a shared machine, which makes wall times noisy. Node runs there with --predictable
// (no concurrent compiler or GC threads): counts then repeat to within 0.1%, where they
// otherwise vary by several percent from run to run.
//
// The floor rows load a one-line package with an `exports` map (as ours has: ESM, CommonJS
// and the preload subpath need it) and call nothing: what Node's loader alone costs any
// dependency, which no SDK can go under.
//
// @sentry/node is resolved from bench/ (its devDependency); SENTRY_NODE_DIR=<folder with
// node_modules/@sentry/node> points elsewhere. Without it, only Faultline is measured.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startInbox } from '../packages/inbox/dist/index.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = join(BENCH_DIR, '..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const ROUNDS = option('--rounds', 20);
const WARMUP_ROUNDS = 2;
const BURST = option('--burst', 10_000);
/** Nothing listens there: init must not send anything for the start-up figures. */
const IDLE_DSN = 'http://public@127.0.0.1:9/1';

const WITHOUT_EXTRA_CA = process.argv.includes('--no-extra-ca');
const CHILD_ENV = { ...process.env };
if (WITHOUT_EXTRA_CA) delete CHILD_ENV.NODE_EXTRA_CA_CERTS;
const ENV_NOTE = CHILD_ENV.NODE_EXTRA_CA_CERTS
  ? `environment as given, NODE_EXTRA_CA_CERTS=${CHILD_ENV.NODE_EXTRA_CA_CERTS} (--no-extra-ca: without it)`
  : `environment as given${WITHOUT_EXTRA_CA ? ' but NODE_EXTRA_CA_CERTS unset' : ''}`;
/** Issue 5: import/require + init at most 1.15x a bare node's wall time, at most +8 MiB peak memory. */
const TARGET_RATIO = 1.15;
const TARGET_EXTRA_MIB = 8;

const REPORT =
  'const u = process.resourceUsage(); process.stdout.write(JSON.stringify({ rssKiB: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime })); process.exit(0);';

function findSentry() {
  const folder = process.env.SENTRY_NODE_DIR ?? BENCH_DIR;
  try {
    const entry = createRequire(join(folder, 'package.json')).resolve('@sentry/node');
    const version = createRequire(entry)('@sentry/node/package.json').version;
    return { folder, version };
  } catch {
    return undefined;
  }
}

/** A folder with node_modules/exports-floor: one line each for `require` and `import`. */
function makeFloorPackage() {
  const folder = mkdtempSync(join(tmpdir(), 'faultline-floor-'));
  const packageDir = join(folder, 'node_modules', 'exports-floor');
  mkdirSync(packageDir, { recursive: true });
  const manifest = { name: 'exports-floor', type: 'module', exports: { '.': { import: './index.mjs', require: './index.cjs' } } };
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify(manifest));
  writeFileSync(join(packageDir, 'index.mjs'), 'export function init() {}\n');
  writeFileSync(join(packageDir, 'index.cjs'), 'exports.init = function init() {};\n');
  return folder;
}

/** Each variant is compared with the bare run of its own module system, in the same round. */
function startupVariants(sentry, floorDir) {
  const cjs = (name) => `const S = require('${name}'); S.init({ dsn: '${IDLE_DSN}' }); ${REPORT}`;
  const esm = (name) => `import * as S from '${name}'; S.init({ dsn: '${IDLE_DSN}' }); ${REPORT}`;
  const ESM = '--input-type=module';
  const variants = [
    { name: 'bare node (CJS -e)', cwd: REPO_DIR, args: ['-e', REPORT], baseline: 0 },
    { name: 'bare node (ESM -e)', cwd: REPO_DIR, args: [ESM, '-e', REPORT], baseline: 1 },
    { name: 'floor: 1-line package (CJS)', cwd: floorDir, args: ['-e', cjs('exports-floor')], baseline: 0 },
    { name: 'floor: 1-line package (ESM)', cwd: floorDir, args: [ESM, '-e', esm('exports-floor')], baseline: 1 },
    { name: 'faultline require+init', cwd: REPO_DIR, args: ['-e', cjs('@faultline/node')], baseline: 0, judged: true },
    { name: 'faultline import+init', cwd: REPO_DIR, args: [ESM, '-e', esm('@faultline/node')], baseline: 1, judged: true },
  ];
  if (sentry) {
    variants.push(
      { name: `sentry ${sentry.version} require+init`, cwd: sentry.folder, args: ['-e', cjs('@sentry/node')], baseline: 0 },
      { name: `sentry ${sentry.version} import+init`, cwd: sentry.folder, args: [ESM, '-e', esm('@sentry/node')], baseline: 1 },
    );
  }
  return variants;
}

function runOnce(variant) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, variant.args, { cwd: variant.cwd, env: CHILD_ENV, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${variant.name} failed: ${result.stderr}`);
  const { rssKiB, cpuUs } = JSON.parse(result.stdout);
  return { wallMs, rssKiB, cpuMs: cpuUs / 1000 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function measureStartup(variants) {
  const samples = variants.map(() => []);
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const results = new Array(variants.length);
    // Rotate the order so no variant always runs right after another one.
    for (let step = 0; step < variants.length; step++) {
      const index = (round + step) % variants.length;
      results[index] = runOnce(variants[index]);
    }
    if (round >= WARMUP_ROUNDS) results.forEach((result, index) => samples[index].push(result));
  }
  console.log(`\nStart-up: ${ROUNDS} interleaved rounds (+${WARMUP_ROUNDS} warm-up), medians; node ${process.version}; ${ENV_NOTE}`);
  console.log(['variant'.padEnd(32), 'wall ms', 'x bare (paired)', 'CPU ms', 'CPU x bare', 'peak RSS MiB', '+MiB over bare (paired)', 'target'].join('  '));
  variants.forEach((variant, index) => {
    const rows = samples[index];
    const bare = samples[variant.baseline];
    const ratio = median(rows.map((row, round) => row.wallMs / bare[round].wallMs));
    const cpuRatio = median(rows.map((row, round) => row.cpuMs / bare[round].cpuMs));
    const extraMiB = median(rows.map((row, round) => (row.rssKiB - bare[round].rssKiB) / 1024));
    console.log(
      [
        variant.name.padEnd(32),
        median(rows.map((row) => row.wallMs)).toFixed(1).padStart(7),
        `${ratio.toFixed(2)}x`.padStart(15),
        median(rows.map((row) => row.cpuMs)).toFixed(1).padStart(6),
        `${cpuRatio.toFixed(2)}x`.padStart(10),
        (median(rows.map((row) => row.rssKiB)) / 1024).toFixed(1).padStart(12),
        `${extraMiB >= 0 ? '+' : ''}${extraMiB.toFixed(1)}`.padStart(23),
        variant.judged ? (ratio <= TARGET_RATIO && extraMiB <= TARGET_EXTRA_MIB ? 'met' : 'MISSED') : '',
      ].join('  '),
    );
  });
  console.log(`target (issue 5): at most ${TARGET_RATIO}x a bare node's wall time (paired) and +${TARGET_EXTRA_MIB} MiB peak RSS`);
}

/** Instructions executed by one run under callgrind; `undefined` without valgrind. */
function countInstructions(variant) {
  const valgrindArgs = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--predictable', ...variant.args];
  const result = spawnSync('valgrind', valgrindArgs, { cwd: variant.cwd, env: CHILD_ENV, encoding: 'utf8' });
  const match = /Collected : (\d+)/.exec(result.stderr ?? '');
  return match ? Number(match[1]) : undefined;
}

function measureInstructions(variants) {
  console.log(`\nInstructions under callgrind (node --predictable, one run each; independent of machine load); ${ENV_NOTE}`);
  const counts = variants.map(countInstructions);
  if (counts[0] === undefined) {
    console.log('valgrind not available: skipped');
    return;
  }
  variants.forEach((variant, index) => {
    const ratio = counts[index] / counts[variant.baseline];
    console.log(`${variant.name.padEnd(32)} ${(counts[index] / 1e6).toFixed(0).padStart(7)} M  ${ratio.toFixed(3)}x bare`);
  });
}

function burstScript(moduleName, environment, dsn) {
  return `
const S = require('${moduleName}');
S.init({ dsn: '${dsn}', release: 'burst@1.0.0', environment: '${environment}' });
const start = performance.now();
for (let i = 0; i < ${BURST}; i++) S.captureException(new Error('burst ' + i));
const capturedMs = performance.now() - start;
S.flush(120000).then((flushed) => {
  process.stdout.write(JSON.stringify({ capturedMs, totalMs: performance.now() - start, flushed, rssKiB: process.resourceUsage().maxRSS }));
  process.exit(0);
});`;
}

function runAsync(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(stderr))));
  });
}

/** Errors the SDK told the server it dropped, by reason, from its client reports. */
function droppedErrors(inbox) {
  const byReason = {};
  for (const envelope of inbox.envelopes()) {
    for (const [headers, payload] of envelope.items) {
      if (headers.type !== 'client_report') continue;
      for (const { reason, category, quantity } of payload.discarded_events ?? []) {
        if (category === 'error') byReason[reason] = (byReason[reason] ?? 0) + quantity;
      }
    }
  }
  return byReason;
}

async function measureBurst(name, moduleName, cwd) {
  const inbox = await startInbox({ port: 0, quiet: true });
  try {
    const result = await runAsync(['-e', burstScript(moduleName, name, inbox.dsn)], cwd);
    const delivered = inbox.events().length;
    const dropped = droppedErrors(inbox);
    const droppedTotal = Object.values(dropped).reduce((sum, count) => sum + count, 0);
    const reasons = Object.entries(dropped).map(([reason, count]) => `${reason} ${count}`).join(', ') || 'none';
    console.log(
      `${name.padEnd(24)} delivered ${String(delivered).padStart(5)}  dropped+counted ${String(droppedTotal).padStart(5)} (${reasons})` +
        `  unaccounted ${BURST - delivered - droppedTotal}  ${((delivered / result.totalMs) * 1000).toFixed(0)} events/s` +
        `  capture loop ${result.capturedMs.toFixed(0)} ms, flushed in ${result.totalMs.toFixed(0)} ms (${result.flushed ? 'complete' : 'timed out'})` +
        `  peak RSS ${(result.rssKiB / 1024).toFixed(0)} MiB`,
    );
  } finally {
    await inbox.close();
  }
}

if (!existsSync(join(REPO_DIR, 'packages/node/dist/index.cjs'))) {
  console.error('Run `npm run build` first: the benchmark loads packages/node/dist.');
  process.exit(1);
}
const sentry = findSentry();
if (!sentry) console.log('@sentry/node not found in bench/ (or SENTRY_NODE_DIR): measuring Faultline only.');
const floorDir = makeFloorPackage();
try {
  if (ROUNDS > 0) measureStartup(startupVariants(sentry, floorDir));
  if (process.argv.includes('--instructions')) measureInstructions(startupVariants(sentry, floorDir));
} finally {
  rmSync(floorDir, { recursive: true, force: true });
}
if (BURST > 0) {
  console.log(`\nBurst: ${BURST} captureException calls, then flush, delivered to @faultline/inbox`);
  await measureBurst('faultline', '@faultline/node', REPO_DIR);
  if (sentry) await measureBurst(`sentry ${sentry.version}`, '@sentry/node', sentry.folder);
}
