// Unhandled promise rejections in each mode, in real Node processes.

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

const script = nodeFixture('rejection.mjs');

function rejectionEvents(environment: string) {
  return inbox.events().filter((event) => event.environment === environment);
}

/** Node prints its pid in warnings: `(node:1234)`. */
const withoutPid = (text: string): string => text.replace(/\(node:\d+\)/g, '(node:PID)');

describe('unhandled rejection', () => {
  it('warn (default): captures, prints what node --unhandled-rejections=warn prints, keeps running', async () => {
    const run = await runNode(script, { env: { SENTRY_DSN: inbox.dsn, SENTRY_ENVIRONMENT: 'warn-default' } });
    const reference = await runNode(script, { nodeArgs: ['--unhandled-rejections=warn'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('still alive\n');
    expect(withoutPid(run.stderr)).toBe(withoutPid(reference.stderr));
    expect(run.stderr).toContain('UnhandledPromiseRejectionWarning: Error: fixture rejection');
    const [event] = rejectionEvents('warn-default');
    expect(event.level).toBe('error');
    expect(event.exception?.values?.[0]).toMatchObject({
      value: 'fixture rejection',
      mechanism: { type: 'auto.node.onunhandledrejection', handled: false },
    });
  });

  it('strict: captures as fatal, then exits 1 printing what Node prints', async () => {
    const run = await runNode(script, {
      env: { SENTRY_DSN: inbox.dsn, SENTRY_ENVIRONMENT: 'strict', REJECTION_MODE: 'strict' },
    });
    const reference = await runNode(script, { nodeArgs: ['--unhandled-rejections=strict'] });
    expect(reference.code).toBe(1);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(reference.stderr);
    const [event] = rejectionEvents('strict');
    expect(event.level).toBe('fatal');
    expect(event.exception?.values?.[0]?.mechanism?.handled).toBe(false);
  });

  it('none: captures and prints nothing, the process keeps running', async () => {
    const run = await runNode(script, { env: { SENTRY_DSN: inbox.dsn, SENTRY_ENVIRONMENT: 'none', REJECTION_MODE: 'none' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('still alive\n');
    expect(run.stderr).toBe('');
    expect(rejectionEvents('none')).toHaveLength(1);
  });
});
