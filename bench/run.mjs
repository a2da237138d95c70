// Runs every benchmark in bench/ one after the other, or the one named, each in its own
// Node process so no benchmark warms up or pollutes the heap of the next.
//
//   npm run build && node bench/run.mjs                 every benchmark
//   npm run build && node bench/run.mjs core --rounds 10  one, with its own options

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(BENCH_DIR)
  .filter((file) => file.endsWith('.mjs') && file !== basename(fileURLToPath(import.meta.url)))
  .map((file) => file.slice(0, -'.mjs'.length))
  .sort();

const [name, ...options] = process.argv.slice(2);
if (name !== undefined && !available.includes(name)) {
  console.error(`No benchmark "${name}". Available: ${available.join(', ')}.`);
  process.exit(2);
}

let failed = 0;
for (const benchmark of name === undefined ? available : [name]) {
  console.log(`\n## ${benchmark}`);
  const { status, signal } = spawnSync(process.execPath, [join(BENCH_DIR, `${benchmark}.mjs`), ...options], {
    stdio: 'inherit',
  });
  if (status !== 0) {
    console.error(`${benchmark} failed (${signal ?? `exit code ${status}`}).`);
    failed++;
  }
}
process.exitCode = failed === 0 ? 0 : 1;
