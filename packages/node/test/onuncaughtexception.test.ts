// onUncaughtExceptionIntegration({ onFatalError }) in real Node processes: the app's
// callback runs after the fatal event was sent, instead of Node's print and exit.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { assertBuilt, REPO_ROOT, runNode } from '../../../test/helpers/node';

let inbox: Inbox;
let dir: string;
let script: string;

// MODE=exit: the callback exits with 7. MODE=stay: it does nothing. MODE=again: a second
// uncaught error after the callback ran. MODE=throws: the callback throws.
const APP = `
import { init, onUncaughtExceptionIntegration } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'packages/node/dist/index.mjs')).href)};
const mode = process.env.MODE;
init({
  dsn: process.env.DSN,
  environment: mode,
  integrations: [
    onUncaughtExceptionIntegration({
      onFatalError(error) {
        console.log('handed over: ' + error.message);
        if (mode === 'exit') process.exit(7);
        if (mode === 'again') setTimeout(() => { throw new Error('second crash'); }, 10);
        if (mode === 'throws') throw new Error('callback broke');
      },
    }),
  ],
});
setTimeout(() => { throw new Error('first crash'); }, 10);
`;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
  dir = mkdtempSync(join(tmpdir(), 'faultline-onfatal-'));
  script = join(dir, 'app.mjs');
  writeFileSync(script, APP);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await inbox.close();
});

const run = (mode: string) => runNode(script, { env: { DSN: inbox.dsn, MODE: mode } });
const sent = (mode: string) =>
  inbox
    .events()
    .filter((event) => event.environment === mode)
    .map((event) => [event.level, event.exception?.values?.[0]?.value]);

describe('onUncaughtExceptionIntegration({ onFatalError })', () => {
  it('calls it after the fatal event was sent, instead of printing and exiting', async () => {
    const exited = await run('exit');
    expect([exited.code, exited.stdout, exited.stderr]).toEqual([7, 'handed over: first crash\n', '']);
    expect(sent('exit')).toEqual([['fatal', 'first crash']]);

    const stayed = await run('stay');
    expect([stayed.code, stayed.stdout, stayed.stderr]).toEqual([0, 'handed over: first crash\n', '']);
  });

  it('an uncaught error after it ran ends the process as Node would; so does a throwing callback', async () => {
    const again = await run('again');
    expect(again.stdout).toBe('handed over: first crash\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Error: second crash');
    expect(sent('again')).toEqual([
      ['fatal', 'first crash'],
      ['fatal', 'second crash'],
    ]);

    const throws = await run('throws');
    expect(throws.code).toBe(1);
    expect(throws.stderr).toContain('Error: first crash');
  });
});
