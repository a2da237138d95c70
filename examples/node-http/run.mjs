// Runs the node-http example in a child process against a DSN and reports how it ended:
//   node examples/node-http/run.mjs --dsn <dsn>
// or from code (the `npm start` demo): const { code, stderr } = await runNodeHttpExample({ dsn });
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('./app.mjs', import.meta.url));

/**
 * Starts examples/node-http/app.mjs with `SENTRY_DSN=dsn`; resolves when it exited, with
 * its exit code (1: it crashed on purpose), signal, stdout and stderr.
 *
 * @example
 * const { code } = await runNodeHttpExample({ dsn: inbox.dsn }); // code === 1, 2 events in the inbox
 */
export function runNodeHttpExample({ dsn, timeoutMs = 20_000 }) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, SENTRY_DSN: dsn };
    const child = spawn(process.execPath, [APP], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const index = process.argv.indexOf('--dsn');
  const dsn = index === -1 ? process.env.SENTRY_DSN : process.argv[index + 1];
  if (!dsn) {
    console.error('Usage: node examples/node-http/run.mjs --dsn <dsn>');
    process.exit(2);
  }
  const { code, signal, stdout, stderr } = await runNodeHttpExample({ dsn });
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  console.log(`example exited with ${signal ?? `code ${code}`}`);
}
