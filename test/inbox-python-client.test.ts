// Sentry's own Python SDK (Debian python3-sentry-sdk) reports to the inbox: what a real
// Sentry client sends must be accepted and listed.

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startInbox, type Inbox } from '@faultline/inbox';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

const SCRIPT = `
import sys
import sentry_sdk

sentry_sdk.init(dsn=sys.argv[1], release="py-shop@2.0.0", environment="qa")
# A release-health session: SDK 1.x sends it in an envelope, errors to /store/.
sentry_sdk.Hub.current.start_session()

def checkout(cart):
    return cart["items"]

try:
    checkout({})
except Exception:
    sentry_sdk.capture_exception()
sentry_sdk.add_breadcrumb(category="test", message="after the error")
sentry_sdk.capture_message("python says hello")
sentry_sdk.Hub.current.end_session()
sentry_sdk.flush(timeout=10)
`;

let inbox: Inbox | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await inbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The child's environment without proxy settings: the inbox is on loopback. */
function directEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/_proxy$/i.test(name)) delete env[name];
  return env;
}

describe('Sentry Python SDK -> inbox', () => {
  it('delivers capture_exception() and capture_message(), listed by GET /api/1/events/', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'inbox-python-'));
    dataDir = folder;
    inbox = await startInbox({ dataDir: join(folder, 'data'), quiet: true });
    // A file, not -c, so the SDK can read source context lines.
    const script = join(folder, 'shop.py');
    await writeFile(script, SCRIPT);
    await run(PYTHON, [script, inbox.dsn], { env: directEnv(), timeout: 30_000 });

    const events = (await (await fetch(`${inbox.url}/api/1/events/`)).json()) as any[];
    expect(events).toHaveLength(2);
    const [message, error] = events; // newest first
    expect(message.message).toBe('python says hello');

    const exception = error.exception.values.at(-1);
    expect(exception.type).toBe('KeyError');
    expect(exception.value).toBe("'items'");
    expect(exception.stacktrace.frames.at(-1)).toMatchObject({ function: 'checkout', context_line: '    return cart["items"]' });
    expect(error).toMatchObject({ platform: 'python', release: 'py-shop@2.0.0', environment: 'qa' });
    expect(error.sdk.name).toBe('sentry.python');

    // Every request was accepted and every stored file is whole.
    expect(inbox.requests().map((request) => request.status)).toEqual(inbox.requests().map(() => 200));
    expect(await readdir(join(inbox.dataDir, 'envelopes'))).toHaveLength(inbox.envelopes().length);

    // SDK 1.x posts errors to /store/ and sessions as envelopes: both endpoints were used.
    const session = inbox.envelopes().flatMap((envelope) => envelope.items).find(([item]) => item.type === 'session');
    expect(session?.[1]).toMatchObject({ errors: 1, attrs: { release: 'py-shop@2.0.0', environment: 'qa' } });
  });
});
