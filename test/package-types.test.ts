// What a TypeScript user of the built packages sees: their declarations must compile in the
// module settings apps use (node16 / nodenext from CommonJS and ES modules, bundler, and the
// old node10), and must be real types, not `any`. Runs tsc on a consumer project whose
// node_modules link to packages/*, so the packages' `exports` maps decide what is read.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/lib/tsc.js');

const USES_EVERY_PACKAGE = `
import { init, captureException, setupExpressErrorHandler } from '@faultline/node';
import * as Browser from '@faultline/browser';
import { parseDsn } from '@faultline/core';
import { startInbox } from '@faultline/inbox';

const client = init({ dsn: 'https://key@o1.ingest.example.com/42', release: 'api@1.0.0' });
const id: string = captureException(new Error('boom'));
Browser.init({ dsn: 'https://key@o1.ingest.example.com/42', sendDefaultPii: false });
const host: string = parseDsn('https://key@o1.ingest.example.com/42').host;
void startInbox({ port: 0 }).then((inbox) => inbox.close());
export { client, id, host, setupExpressErrorHandler };
`;

/** A wrong option type: must be reported, or the declarations are `any`. */
const MISUSES_INIT = `
import { init } from '@faultline/node';
init({ dsn: 42 });
`;

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'faultline-types-'));
  mkdirSync(join(project, 'node_modules/@faultline'), { recursive: true });
  mkdirSync(join(project, 'node_modules/@types'), { recursive: true });
  for (const pkg of ['core', 'browser', 'node', 'inbox']) {
    symlinkSync(join(ROOT, 'packages', pkg), join(project, 'node_modules/@faultline', pkg), 'dir');
  }
  symlinkSync(join(ROOT, 'node_modules/@types/node'), join(project, 'node_modules/@types/node'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  for (const extension of ['cts', 'mts', 'ts']) writeFileSync(join(project, `app.${extension}`), USES_EVERY_PACKAGE);
  writeFileSync(join(project, 'misuse.mts'), MISUSES_INIT);
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Runs tsc in the consumer project; its diagnostics are on stdout. */
function typecheck(files: string[], module: string, moduleResolution: string): { status: number | null; output: string } {
  const args = [TSC, '--noEmit', '--strict', '--skipLibCheck', 'false', '--types', 'node', '--lib', 'es2022,dom'];
  const result = spawnSync(process.execPath, [...args, '--module', module, '--moduleResolution', moduleResolution, ...files], {
    cwd: project,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the packages’ type declarations, as a consumer compiles them', () => {
  it.each([
    ['CommonJS under node16', ['app.cts'], 'node16', 'node16'],
    ['ES modules under node16', ['app.mts'], 'node16', 'node16'],
    ['CommonJS and ES modules under nodenext', ['app.cts', 'app.mts'], 'nodenext', 'nodenext'],
    ['a bundler', ['app.ts'], 'esnext', 'bundler'],
    ['node10 (CommonJS, no exports maps)', ['app.ts'], 'commonjs', 'node10'],
  ])('compile without errors: %s', (_label, files, module, moduleResolution) => {
    const { status, output } = typecheck(files, module, moduleResolution);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 60_000);

  it('are real types: a wrong option type is an error', () => {
    const { status, output } = typecheck(['misuse.mts'], 'node16', 'node16');
    expect(status).not.toBe(0);
    expect(output).toMatch(/misuse\.mts\(3,8\): error TS2322: Type 'number' is not assignable to type 'string/);
  }, 60_000);
});
