// How a process with the SDK ends: a clean exit sends an `exited` session, SIGTERM flushes
// and still ends the process by the signal with an `abnormal` session.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { assertBuilt, nodeFixture, runNode, until } from './helpers/node';

let inbox: Inbox;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
});
afterAll(() => inbox.close());

function sessionsOf(environment: string) {
  return inbox
    .envelopes()
    .flatMap((envelope) => envelope.items)
    .filter(([headers]) => headers.type === 'session')
    .map(([, payload]) => payload as { status: string; errors: number; init: boolean; attrs: Record<string, string> })
    .filter((session) => session.attrs.environment === environment);
}

describe('process end', () => {
  it('sends one exited session when the event loop runs dry', async () => {
    const run = await runNode(nodeFixture('send.mjs'), {
      env: { SENTRY_DSN: inbox.dsn, SENTRY_RELEASE: 'life@1.0.0', SENTRY_ENVIRONMENT: 'clean-exit' },
    });
    expect(run.code).toBe(0);
    // The captured error was sent as the session's first error, then the end of the run.
    const sessions = sessionsOf('clean-exit');
    expect(sessions.map((session) => [session.status, session.errors])).toEqual([
      ['ok', 1],
      ['exited', 1],
    ]);
  });

  it('on SIGTERM without an app handler: sends an abnormal session, then dies by the signal', async () => {
    let stdout = '';
    const run = await runNode(nodeFixture('idle.mjs'), {
      env: { SENTRY_DSN: inbox.dsn, SENTRY_ENVIRONMENT: 'sigterm' },
      onSpawn: (child) => {
        child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
        void until(() => stdout.includes('ready'), 10_000, 'the child to start').then(() => child.kill('SIGTERM'));
      },
    });
    expect(run.signal).toBe('SIGTERM');
    expect(run.code).toBeNull();
    expect(sessionsOf('sigterm').map((session) => session.status)).toEqual(['abnormal']);
  });

  it('does nothing without a DSN: no handlers, Node dies by SIGTERM as usual', async () => {
    let stdout = '';
    const run = await runNode(nodeFixture('idle.mjs'), {
      onSpawn: (child) => {
        child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
        void until(() => stdout.includes('ready'), 10_000, 'the child to start').then(() => child.kill('SIGTERM'));
      },
    });
    expect(run.signal).toBe('SIGTERM');
  });
});
