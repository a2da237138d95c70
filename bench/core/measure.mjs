// Interleaved rounds of two contenders and their median cost per call, in CPU time (what the
// code costs, also on a machine shared with other jobs) and in wall time.

// No forced GC between rounds: in V8 it slows the following round by 1.5-3x (measured),
// far more than a contender pays for the other's garbage (a scavenge costs what survives).

/** Times only what runs between `start()` and `stop()`, as often as they are called. */
function createStopwatch() {
  let wallNs = 0n;
  let cpuUs = 0;
  let wallStart = 0n;
  let cpuStart;
  return {
    start() {
      cpuStart = process.cpuUsage();
      wallStart = process.hrtime.bigint();
    },
    stop() {
      wallNs += process.hrtime.bigint() - wallStart;
      const cpu = process.cpuUsage(cpuStart);
      cpuUs += cpu.user + cpu.system;
    },
    read: () => ({ wall: Number(wallNs), cpu: cpuUs * 1000 }),
  };
}

export function quantile(sorted, q) {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Median and quartiles of `values`. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

/**
 * A contender runs `calls` calls in one round, timing them with the stopwatch it is given
 * (set-up between `stop()` and `start()` is left out).
 * @typedef {{ name: string, round: (calls: number, stopwatch: ReturnType<typeof createStopwatch>) => unknown }} Contender
 */

/**
 * Warm-up rounds, then `rounds` rounds in which the contenders take turns (A, B, A, B, ...).
 * Returns, per contender, median and quartiles of the per-round nanoseconds per call, for
 * `cpu` and `wall` time, and the per-round CPU figures in order (`cpuRounds`).
 *
 * @param {Contender[]} contenders
 */
export async function interleave(contenders, { rounds, warmupRounds, calls }) {
  const samples = contenders.map(() => ({ cpu: [], wall: [] }));
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      const stopwatch = createStopwatch();
      await contender.round(calls, stopwatch);
      if (round < warmupRounds) continue;
      const { cpu, wall } = stopwatch.read();
      samples[index].cpu.push(cpu / calls);
      samples[index].wall.push(wall / calls);
    }
  }
  return contenders.map((contender, index) => ({
    name: contender.name,
    cpu: summary(samples[index].cpu),
    wall: summary(samples[index].wall),
    cpuRounds: samples[index].cpu,
  }));
}

/** `1234.5` ns as `1.23 µs`. */
export function formatNs(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}
