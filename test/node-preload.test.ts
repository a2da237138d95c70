// The preload entry: an app with no SDK code reports its crash when started with
// `node --import @faultline/node/preload` (ESM) or `--require` (CommonJS).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { assertBuilt, nodeFixture, runNode } from './helpers/node';

let inbox: Inbox;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
});
afterAll(() => inbox.close());

const cases = [
  { flag: '--import', fixture: 'preload-app.mjs', message: 'crash in a preloaded app' },
  { flag: '--require', fixture: 'preload-app.cjs', message: 'crash in a preloaded cjs app' },
];

describe('preload', () => {
  for (const { flag, fixture, message } of cases) {
    it(`node ${flag} @faultline/node/preload reports the crash and exits like Node`, async () => {
      const nodeArgs = [flag, '@faultline/node/preload'];
      const run = await runNode(nodeFixture(fixture), {
        nodeArgs,
        env: { SENTRY_DSN: inbox.dsn, SENTRY_RELEASE: 'preload@1.0.0', SENTRY_ENVIRONMENT: `preload ${flag}` },
      });
      const bare = await runNode(nodeFixture(fixture), { nodeArgs });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(bare.stderr);
      const events = inbox.events().filter((event) => event.exception?.values?.[0]?.value === message);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ release: 'preload@1.0.0', environment: `preload ${flag}`, level: 'fatal' });
    });
  }

  it('trims whitespace and quotes around SENTRY_DSN, SENTRY_RELEASE and SENTRY_ENVIRONMENT', async () => {
    const run = await runNode(nodeFixture('preload-app.mjs'), {
      nodeArgs: ['--import', '@faultline/node/preload'],
      env: { SENTRY_DSN: ` "${inbox.dsn}"\n`, SENTRY_RELEASE: "'trimmed@2.0.0' ", SENTRY_ENVIRONMENT: ' "staging" ' },
    });
    expect(run.code).toBe(1);
    const event = inbox.events().find((e) => e.release === 'trimmed@2.0.0');
    expect(event?.environment).toBe('staging');
  });

  it('defaults environment to production', async () => {
    await runNode(nodeFixture('preload-app.mjs'), {
      nodeArgs: ['--import', '@faultline/node/preload'],
      env: { SENTRY_DSN: inbox.dsn, SENTRY_RELEASE: 'default-env@1.0.0' },
    });
    expect(inbox.events().find((e) => e.release === 'default-env@1.0.0')?.environment).toBe('production');
  });
});
