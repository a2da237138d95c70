// The Node end-to-end tests again, with the children on other Node versions than the one
// running the tests: the oldest the packages support (18) and the current ones (22, 24).
// Each version comes from the npm registry's `node` package, kept under node_modules/.cache.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT, assertBuilt } from './helpers/node';

const run = promisify(execFile);
const MAJORS = ['18', '22', '24'];
/** The test files whose children are Node processes of the SDK's users. */
const NODE_E2E = [
  'test/node-crash.test.ts',
  'test/node-rejection.test.ts',
  'test/node-http.test.ts',
  'test/node-preload.test.ts',
  'test/node-builtins.test.ts',
  'test/node-lifecycle.test.ts',
  'test/node-transport.test.ts',
  'test/node-examples.test.ts',
  'test/node-bundled.test.ts',
  'test/debugids-node.test.ts',
  'test/reliability-node.test.ts',
];
// Not test/node-parity.test.ts: its other side, @sentry/node 11, needs Node 20.19 or later, and its
// patching of Node's module loader changes the frames Node writes from one version to another.

/** The `node` binary of the latest release of `major`, installed once. */
async function nodeOfMajor(major: string): Promise<string> {
  const folder = join(REPO_ROOT, 'node_modules', '.cache', 'faultline-node-versions', major);
  const binary = join(folder, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(binary)) {
    await run('npm', ['install', '--prefix', folder, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `node@${major}`], {
      timeout: 180_000,
    });
  }
  return binary;
}

describe.each(MAJORS)('Node %s', (major) => {
  test('runs the crash (worker threads too), rejection, HTTP, preload, built-in, lifecycle, transport, example, bundling, debug-id and reliability tests', async () => {
    assertBuilt();
    const node = await nodeOfMajor(major);
    const { stdout: version } = await run(node, ['--version']);
    expect(version.trim()).toMatch(new RegExp(`^v${major}\\.`));
    // The test files run under this process's Node; only their children use `node`.
    const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    // A clean environment for the inner run: nothing of this vitest worker's own state.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'FORCE_COLOR'));
    let output: string;
    try {
      const { stdout, stderr } = await run(process.execPath, [vitest, 'run', '--reporter=dot', ...NODE_E2E], {
        cwd: REPO_ROOT,
        env: { ...env, FAULTLINE_TEST_NODE: node, NO_COLOR: '1' },
        timeout: 240_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      output = `${stdout}\n${stderr}`.replace(/\u001b\[[\d;]*m/g, '');
    } catch (error) {
      const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`The Node end-to-end tests failed on Node ${version.trim()}:\n${`${stdout}\n${stderr}`.slice(-4000)}\n${message}`);
    }
    expect(output).toMatch(new RegExp(`Test Files\\s+${NODE_E2E.length} passed`));
  }, 420_000);
});
