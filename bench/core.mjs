// Faultline's capture pipeline next to Sentry's browser SDK (@sentry/browser, the bench's dev
// dependency), in one process with interleaved rounds:
//   parse    a real 20-frame Chrome stack with each SDK's browser `defaultStackParser`;
//   capture  `captureException(error)` until the transport has the serialized envelope.
//
//   npm run build && node bench/core.mjs [--rounds 30] [--only parse|capture] [--side faultline|sentry] [--check]
//
// `--side` runs one SDK alone, for `node --cpu-prof bench/core.mjs --only capture --side faultline`;
// `--check` exits with 1 when a target from issue 3 is missed.

import { arch, cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { CHROME_STACK } from './core/chrome-stack.mjs';
import { installPage } from './core/dom.mjs';
import { formatNs, interleave, summary } from './core/measure.mjs';
import { defaultIntegrationNames, initFaultline, initSentry } from './core/sdks.mjs';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const ROUNDS = Number(argument('--rounds', 30));
const ONLY = argument('--only', undefined);
const SIDE = argument('--side', undefined);
const CHECK = process.argv.includes('--check');
const TARGETS = { parse: 3, capture: 4 }; // Sentry's cost over ours, from issue 3.

const sentryVersion = createRequire(import.meta.url)('@sentry/browser/package.json').version;

const [firstLine, ...frameLines] = CHROME_STACK.split('\n');
const FRAMES = frameLines.join('\n');
/** Distinct, non-literal copies: nothing can reuse work from an earlier call on the same string. */
const variedStacks = (count, offset) =>
  Array.from({ length: count }, (_, index) => `${firstLine} #${offset + index}\n${FRAMES}`);

function keep(contenders) {
  return SIDE ? contenders.filter((contender) => contender.name === SIDE) : contenders;
}

async function benchParse() {
  const { defaultStackParser: faultline } = await import('@faultline/browser');
  const { defaultStackParser: sentry } = await import('@sentry/browser');
  const stacks = variedStacks(1000, 0);
  let sink = 0;
  const contender = (name, parse) => ({
    name,
    round(calls, stopwatch) {
      stopwatch.start();
      for (let i = 0; i < calls; i++) sink += parse(stacks[i % stacks.length]).length;
      stopwatch.stop();
    },
  });
  const frames = { faultline: faultline(CHROME_STACK).length, sentry: sentry(CHROME_STACK).length };
  const results = await interleave(keep([contender('faultline', faultline), contender('sentry', sentry)]), {
    rounds: ROUNDS,
    warmupRounds: 10,
    calls: stacks.length,
  });
  if (sink === 0) throw new Error('the parsers returned no frames');
  return { label: `parse a ${frames.faultline}-frame Chrome stack (Sentry: ${frames.sentry})`, key: 'parse', results };
}

// A dropped event never resolves its capture; Node then exits with 13 and this says why.
let waitingFor;
process.on('exit', () => {
  if (waitingFor) console.error(`${waitingFor}: an event envelope never reached the transport (dropped?).`);
});

async function benchCapture() {
  const sides = { faultline: await initFaultline(), sentry: await initSentry() };
  let serial = 0;
  const contender = (name) => ({
    name,
    async round(calls, stopwatch) {
      const side = sides[name];
      const errors = variedStacks(calls, serial).map((stack, index) => {
        const error = new TypeError(`Cannot read properties of undefined (reading 'price') #${serial + index}`);
        error.stack = stack;
        return error;
      });
      serial += calls;
      waitingFor = name;
      for (const error of errors) {
        side.resetBreadcrumbs();
        stopwatch.start();
        await side.capture(error);
        stopwatch.stop();
      }
      waitingFor = undefined;
    },
  });
  const results = await interleave(keep([contender('faultline'), contender('sentry')]), {
    rounds: ROUNDS,
    warmupRounds: 5,
    calls: 300,
  });
  for (const result of results) {
    const { events, bytes } = sides[result.name].delivered;
    result.note = `${Math.round(bytes / events)} B/envelope`;
  }
  await Promise.all(Object.values(sides).map((side) => side.close()));
  return { label: 'captureException → serialized envelope', key: 'capture', results };
}

function machine() {
  const cpu = cpus();
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  return `${new Date().toISOString().slice(0, 10)}, Node ${process.version} ${arch()}, ${cpu.length} × ${cpu[0]?.model.trim()}, load ${load}`;
}

/** Sentry's median cost over ours, in `clock` time; undefined when one side did not run. */
function ratio({ results }, clock) {
  const [faultline, sentry] = ['faultline', 'sentry'].map((name) => results.find((result) => result.name === name));
  return faultline && sentry ? sentry[clock].median / faultline[clock].median : undefined;
}

const misses = (row) => ratio(row, 'cpu') < TARGETS[row.key];

/**
 * Sentry's CPU time over ours in each round, from the two turns taken back to back: a check
 * on the ratio of medians, since a change in the machine's load hits both turns alike.
 */
function pairedRatio({ results }) {
  const [faultline, sentry] = ['faultline', 'sentry'].map((name) => results.find((result) => result.name === name));
  return faultline && sentry ? summary(sentry.cpuRounds.map((ns, round) => ns / faultline.cpuRounds[round])) : undefined;
}

function printTable(rows) {
  const lines = [['case (CPU time per call)', 'faultline', 'sentry', 'sentry/faultline', 'wall-time ratio', 'target', '']];
  const cell = (result) =>
    result ? `${formatNs(result.cpu.median)} (IQR ${formatNs(result.cpu.q1)}–${formatNs(result.cpu.q3)})` : '–';
  const times = (value) => (value === undefined ? '–' : `${value.toFixed(2)}×`);
  for (const row of rows) {
    const [faultline, sentry] = ['faultline', 'sentry'].map((name) => row.results.find((result) => result.name === name));
    const verdict = ratio(row, 'cpu') === undefined ? '' : misses(row) ? 'MISSED' : 'met';
    lines.push([row.label, cell(faultline), cell(sentry), times(ratio(row, 'cpu')), times(ratio(row, 'wall')), `≥ ${TARGETS[row.key]}×`, verdict]);
    const notes = row.results.filter((result) => result.note).map((result) => `${result.name}: ${result.note}`);
    if (notes.length > 0) lines.push(['', ...notes]);
  }
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  for (const line of lines) console.log(line.map((text, column) => (text ?? '').padEnd(widths[column])).join('  ').trimEnd());
  for (const row of rows) {
    const paired = pairedRatio(row);
    if (paired) console.log(`${row.key}: sentry/faultline round by round ${times(paired.median)} (IQR ${times(paired.q1)}–${times(paired.q3)})`);
  }
}

const closePage = installPage();
console.log(`Faultline core vs @sentry/browser ${sentryVersion}: median per call over ${ROUNDS} interleaved rounds`);
console.log(machine());
const integrations = await defaultIntegrationNames();
console.log(`faultline integrations: ${integrations.faultline.join(', ')}`);
console.log(`sentry integrations:    ${integrations.sentry.join(', ')}`);
console.log('both: browser init({ dsn, transport }) in a happy-dom page; user, 2 tags, 20 breadcrumbs on the scope');
const rows = [];
if (ONLY !== 'capture') rows.push(await benchParse());
if (ONLY !== 'parse') rows.push(await benchCapture());
printTable(rows);
await closePage();
if (CHECK && rows.some(misses)) process.exitCode = 1;
