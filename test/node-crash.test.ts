// Uncaught exceptions in real Node processes: the event reaches the inbox before the
// process exits, and the process ends exactly as it would without the SDK (a worker thread too).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { assertBuilt, inBatches, nodeFixture, runNode } from './helpers/node';

let inbox: Inbox;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
});
afterAll(() => inbox.close());

function eventsWithMessage(message: string) {
  return inbox.events().filter((event) => event.exception?.values?.[0]?.value === message);
}

describe('uncaught exception', () => {
  it('delivers the fatal event before exit in 50 of 50 runs, with exit code 1', async () => {
    const runs = await inBatches(50, 4, () => runNode(nodeFixture('uncaught.mjs'), { env: { SENTRY_DSN: inbox.dsn } }));
    expect(runs.map((run) => run.code)).toEqual(new Array(50).fill(1));
    // Events are stored before the inbox answers, and the child exits only after the answer.
    const events = eventsWithMessage('fixture uncaught');
    expect(events).toHaveLength(50);
    for (const event of events) {
      expect(event.level).toBe('fatal');
      expect(event.exception?.values?.[0]?.mechanism).toEqual({ type: 'auto.node.onuncaughtexception', handled: false });
      expect(event.platform).toBe('node');
      expect(event.sdk?.name).toBe('faultline.javascript.node');
    }
  });

  it('prints to stderr exactly what Node prints without the SDK (ESM)', async () => {
    const withSdk = await runNode(nodeFixture('uncaught.mjs'), { env: { SENTRY_DSN: inbox.dsn } });
    const bare = await runNode(nodeFixture('uncaught.mjs'));
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('Error: fixture uncaught');
    expect(bare.stderr).toMatch(/\n\nNode\.js v\d+\.\d+\.\d+\n$/);
    expect(withSdk.stderr).toBe(bare.stderr);
    expect(withSdk.code).toBe(bare.code);
  });

  it('prints and exits like Node from CommonJS, and the event carries source context', async () => {
    const withSdk = await runNode(nodeFixture('uncaught.cjs'), { env: { SENTRY_DSN: inbox.dsn } });
    const bare = await runNode(nodeFixture('uncaught.cjs'));
    expect(withSdk.code).toBe(1);
    expect(withSdk.stderr).toBe(bare.stderr);
    const [event] = eventsWithMessage('fixture uncaught cjs');
    expect(event.exception?.values?.[0]?.type).toBe('TypeError');
    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    const thrower = frames[frames.length - 1];
    expect(thrower.context_line).toBe("  throw new TypeError('fixture uncaught cjs');");
    expect(thrower.pre_context).toHaveLength(5);
    expect(thrower.post_context?.[0]).toBe('}');
  });

  it('marks the release-health session of the run as crashed', async () => {
    const before = inbox.envelopes().length;
    await runNode(nodeFixture('uncaught.mjs'), { env: { SENTRY_DSN: inbox.dsn, SENTRY_ENVIRONMENT: 'crash-session' } });
    const sessions = inbox
      .envelopes()
      .slice(before)
      .flatMap((envelope) => envelope.items.filter(([headers]) => headers.type === 'session'))
      .map(([, payload]) => payload as { status: string; errors: number; attrs: Record<string, string> });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ status: 'crashed', errors: 1 });
    expect(sessions[0].attrs).toMatchObject({ release: 'fixture@1.0.0', environment: 'crash-session' });
  });

  it('only captures when the app has its own uncaughtException listener', async () => {
    const run = await runNode(nodeFixture('uncaught-own-listener.mjs'), { env: { SENTRY_DSN: inbox.dsn } });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('app handled: handled by the app\n');
    expect(run.stderr).toBe('');
    const [event] = eventsWithMessage('handled by the app');
    expect(event.exception?.values?.[0]?.mechanism?.handled).toBe(false);
  });

  it('stays silent and crashes like Node when no DSN is set', async () => {
    const run = await runNode(nodeFixture('uncaught.mjs'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});

// In a worker thread Node ends the thread with code 1 and hands the error to the parent's
// Worker 'error' event, printing nothing itself: the SDK sends, then leaves it that way.
describe('a worker thread', () => {
  it('an uncaught error: the fatal event arrives, and the parent sees what it sees without the SDK', async () => {
    const bare = await runNode(nodeFixture('worker-parent.mjs'));
    const withSdk = await runNode(nodeFixture('worker-parent.mjs'), { env: { SENTRY_DSN: inbox.dsn } });
    expect(bare.stdout).toBe('parent saw TypeError: worker failed\nworker exited with 1\n');
    expect(withSdk.stdout).toBe(bare.stdout);
    expect(withSdk.stderr).toBe(bare.stderr);
    expect(withSdk.code).toBe(bare.code);
    const [event] = eventsWithMessage('worker failed');
    expect(event.level).toBe('fatal');
    expect(event.exception?.values?.[0]?.mechanism).toEqual({ type: 'auto.node.onuncaughtexception', handled: false });
    expect(event.exception?.values?.[0]?.stacktrace?.frames?.at(-1)?.function).toMatch(/^Timeout\.failInWorker/);
    expect(event.breadcrumbs?.values?.map((crumb) => crumb.message)).toEqual(['started']);
  });

  it('an unhandled rejection under the strict mode: sent, then the same end as Node strict', async () => {
    const env = { REJECTION_MODE: 'strict' };
    const bare = await runNode(nodeFixture('worker-parent.mjs'), { env, nodeArgs: ['--unhandled-rejections=strict'] });
    const withSdk = await runNode(nodeFixture('worker-parent.mjs'), { env: { ...env, SENTRY_DSN: inbox.dsn } });
    expect(bare.stdout).toBe('parent saw Error: worker rejection\nworker exited with 1\n');
    expect(withSdk.stdout).toBe(bare.stdout);
    expect(withSdk.code).toBe(bare.code);
    const [event] = eventsWithMessage('worker rejection');
    expect(event.level).toBe('fatal');
  });
});
