// Child-process helpers for end-to-end tests of @faultline/node: run a real `node` with a
// script and an environment, and get back what a user would see (exit, stdout, stderr).
// The scripts import packages/*/dist, so `npm run build` must have run.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface NodeRunOptions {
  /** Added to a clean copy of the test process's environment (SENTRY_* removed). */
  env?: Record<string, string | undefined>;
  /** Flags before the script, e.g. `['--import', '@faultline/node/preload']`. */
  nodeArgs?: string[];
  /** Arguments after the script. */
  args?: string[];
  /** Kill the child (SIGKILL) after this long. Default 20 000 ms. */
  timeoutMs?: number;
  /** Default: the repository root, so `@faultline/*` resolve to the workspace packages. */
  cwd?: string;
  /** Called with the child as soon as it started, e.g. to send it a signal. */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

export interface NodeRunResult {
  /** Exit code; `null` when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, in milliseconds. */
  durationMs: number;
  timedOut: boolean;
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The `node` the children run: this one, or another version (test/node-versions.test.ts sets it). */
export const NODE_BINARY = process.env.FAULTLINE_TEST_NODE || process.execPath;

/** Path of a script in `test/fixtures/node/`. */
export function nodeFixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/node/${name}`, import.meta.url));
}

/** Throws a readable error when the packages the child processes load were not built. */
export function assertBuilt(): void {
  for (const pkg of ['core', 'node', 'inbox']) {
    if (!existsSync(`${REPO_ROOT}packages/${pkg}/dist/index.mjs`)) {
      throw new Error(`packages/${pkg}/dist is missing: run \`npm run build\` before the Node end-to-end tests.`);
    }
  }
}

/**
 * Runs `node [nodeArgs] script [args]` and resolves when it exits (never rejects on a
 * non-zero exit: the exit is part of the result).
 *
 * @example
 * const { code, stderr } = await runNode(nodeFixture('uncaught.mjs'), { env: { SENTRY_DSN: inbox.dsn } });
 */
export function runNode(script: string, options: NodeRunOptions = {}): Promise<NodeRunResult> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('SENTRY_') || name === 'NODE_OPTIONS' || name === 'FAULTLINE_TEST_NODE') delete env[name];
  // vitest may turn colors on for itself; the child must print like a plain `node` in a pipe.
  delete env.FORCE_COLOR;
  Object.assign(env, options.env);
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_BINARY, [...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
      cwd: options.cwd ?? REPO_ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, durationMs: Date.now() - start, timedOut });
    });
    options.onSpawn?.(child);
  });
}

/**
 * Runs `count` tasks with at most `parallel` at once; resolves with the results in order.
 *
 * @example
 * const runs = await inBatches(50, 4, () => runNode(script, { env }));
 */
export async function inBatches<T>(count: number, parallel: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return results;
}

/** Waits until `predicate` is true, checking every 20 ms; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
