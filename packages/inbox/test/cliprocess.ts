// Runs the built `faultline-inbox` CLI as a child process (needs `npm run build`).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../bin/faultline-inbox.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function runCli(args: string[], cwd?: string): CliRun {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for `DSN: http://<key>@127.0.0.1:<port>/1` on stdout. */
export async function waitForDsn(run: CliRun, timeoutMs = 15_000): Promise<{ dsn: string; key: string; port: number; url: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /^DSN: (http:\/\/([^@]+)@127\.0\.0\.1:(\d+)\/1)$/m.exec(run.stdout());
    if (match) {
      const port = Number(match[3]);
      return { dsn: match[1], key: match[2], port, url: `http://127.0.0.1:${port}` };
    }
    if (run.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no DSN line; stdout: ${run.stdout()} stderr: ${run.stderr()}`);
    }
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Stops the child with SIGTERM and resolves with its exit code. */
export async function stopCli(run: CliRun): Promise<number | null> {
  if (run.child.exitCode === null) run.child.kill('SIGTERM');
  return run.exited;
}
