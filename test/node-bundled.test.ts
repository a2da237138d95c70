// Apps that bundle their server code (esbuild for a Lambda, a container image) pack
// @faultline/node into their own file: the ES build must bundle into CommonJS too (no
// top-level await, no `import.meta.url` it cannot do without), and the event must arrive
// from the bundle, also on Node without process.getBuiltinModule (before 20.16).

import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { assertBuilt, nodeFixture, runNode } from './helpers/node';

let inbox: Inbox;
let outDir: string;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
  outDir = mkdtempSync(join(tmpdir(), 'faultline-bundled-'));
});
afterAll(async () => {
  await inbox.close();
  rmSync(outDir, { recursive: true, force: true });
});

/** Runs before the app, as if Node were older than 20.16. */
const WITHOUT_GET_BUILTIN_MODULE = ['--import', 'data:text/javascript,delete process.getBuiltinModule'];

const cases = [
  { format: 'cjs', file: 'app.cjs', nodeArgs: [] },
  { format: 'esm', file: 'app.mjs', nodeArgs: [] },
  { format: 'cjs', file: 'app.cjs', nodeArgs: WITHOUT_GET_BUILTIN_MODULE },
  { format: 'esm', file: 'app.mjs', nodeArgs: WITHOUT_GET_BUILTIN_MODULE },
] as const;

describe('@faultline/node bundled into an app by esbuild', () => {
  for (const { format, file, nodeArgs } of cases) {
    const label = `${format}${nodeArgs.length ? ' without getBuiltinModule' : ''}`;
    it(`${label}: bundles without errors and the event arrives`, async () => {
      const outfile = join(outDir, file);
      const result = await build({
        entryPoints: [nodeFixture('bundled-app.mjs')],
        bundle: true,
        platform: 'node',
        format,
        outfile,
        // As in an app's own project: not the repository's tsconfig, whose paths point at packages/*/src.
        tsconfigRaw: '{}',
        logLevel: 'silent',
      });
      expect(result.errors).toEqual([]);

      const release = `bundled-${label.replace(/ /g, '-')}@1.0.0`;
      const run = await runNode(outfile, { nodeArgs: [...nodeArgs], env: { SENTRY_DSN: inbox.dsn, APP_RELEASE: release } });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('sent');
      const event = inbox.events().find((e) => e.release === release);
      expect(event?.exception?.values?.[0]?.value).toBe(`handled in a bundle (${release})`);
      // The frames point into the bundle the app runs.
      expect(event?.exception?.values?.[0]?.stacktrace?.frames?.at(-1)?.abs_path).toBe(outfile);
    });
  }
});
