// Real Sentry clients against the inbox: @sentry/node 11 (the bench workspace's copy, run
// as a child process so its instrumentation stays out of this test process) and the Python
// SDK. Whatever a real client sends must be accepted and readable on the inbox's pages.

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startInbox, type Inbox } from '@faultline/inbox';

const run = promisify(execFile);
const BENCH_PACKAGE = fileURLToPath(new URL('../bench/package.json', import.meta.url));

// @sentry/node 11.12: an error with a text and a binary attachment, a span tree, a cron
// check-in, user feedback and a log line; close() also sends the release-health session.
const NODE_SCRIPT = `
const Sentry = require('node:module').createRequire(process.argv[3])('@sentry/node');
Sentry.init({ dsn: process.argv[2], release: 'shop@1.0.0', tracesSampleRate: 1, enableLogs: true });
Sentry.withScope((scope) => {
  scope.addAttachment({ filename: 'note.txt', data: 'cart had 3 items' });
  scope.addAttachment({ filename: 'dump.bin', data: new Uint8Array([0, 1, 2, 255]), contentType: 'application/octet-stream' });
  Sentry.captureException(new TypeError('cart.items is undefined'));
});
Sentry.startSpan({ name: 'checkout', op: 'task' }, () => Sentry.startSpan({ name: 'price' }, () => undefined));
Sentry.captureCheckIn({ monitorSlug: 'nightly', status: 'ok' });
Sentry.captureFeedback({ message: 'the pay button does nothing', email: 'ann@example.com' });
Sentry.logger.info('cart loaded', { items: 3 });
Sentry.close(5000);
`;

const PYTHON_SCRIPT = `
import logging
import sys
import sentry_sdk

sentry_sdk.init(dsn=sys.argv[1], release="py-shop@2.0.0")
with sentry_sdk.configure_scope() as scope:
    scope.add_attachment(bytes=b"order 17: 2 items", filename="order.txt")
logging.getLogger("shop").warning("stock is low")

def total(order_id):
    cart = {}
    return cart["items"]

try:
    total(17)
except Exception:
    sentry_sdk.capture_exception()
sentry_sdk.flush(timeout=10)
`;

// The older user feedback item: a user_report about an event, through the SDK's transport.
const PYTHON_USER_REPORT_SCRIPT = `
import sys
import sentry_sdk
from sentry_sdk.envelope import Envelope, Item, PayloadRef

sentry_sdk.init(dsn=sys.argv[1])
event_id = sentry_sdk.capture_message("checkout failed")
report = {"event_id": event_id, "name": "Ann", "email": "ann@example.com", "comments": "I clicked pay twice"}
envelope = Envelope(headers={"event_id": event_id})
envelope.add_item(Item(payload=PayloadRef(json=report), type="user_report"))
sentry_sdk.Hub.current.client.transport.capture_envelope(envelope)
sentry_sdk.flush(timeout=10)
`;

let inbox: Inbox | undefined;
let folder: string | undefined;

afterEach(async () => {
  await inbox?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
  inbox = folder = undefined;
});

/** The child's environment without proxy settings: the inbox is on loopback. */
function directEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/_proxy$/i.test(name)) delete env[name];
  return env;
}

async function runScript(name: string, text: string, command: string, args: string[]): Promise<void> {
  folder = await mkdtemp(join(tmpdir(), 'inbox-peers-'));
  const script = join(folder, name);
  await writeFile(script, text);
  await run(command, [script, ...args], { env: directEnv(), timeout: 15_000 });
}

async function page(path: string): Promise<string> {
  const response = await fetch(`${inbox!.url}${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The page linked from the list under `title`. */
async function pageOf(title: string): Promise<string> {
  const list = await page('/');
  const link = new RegExp(`<a href="(/event/[^"]+)">${title}</a>`).exec(list);
  expect(link, `"${title}" is listed on /`).not.toBeNull();
  return page(link![1]);
}

function itemTypes(): string[] {
  return inbox!.envelopes().flatMap((envelope) => envelope.items.map(([item]) => item.type));
}

describe('@sentry/node 11 -> inbox', () => {
  it('accepts every envelope it sends and shows attachments, feedback and log lines readably', async () => {
    inbox = await startInbox({ quiet: true });
    await runScript('shop.cjs', NODE_SCRIPT, process.execPath, [inbox.dsn, BENCH_PACKAGE]);

    const statuses = inbox.requests().map((request) => request.status);
    expect(statuses.length).toBeGreaterThanOrEqual(6);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(itemTypes()).toEqual(expect.arrayContaining(['event', 'attachment', 'span', 'check_in', 'feedback', 'log', 'session']));

    // The attachments are on the error's page: text shown, bytes described.
    const errorPage = await pageOf('TypeError: cart.items is undefined');
    expect(errorPage).toContain('<h2>Attachments</h2>');
    expect(errorPage).toMatch(/<code>note\.txt<\/code>\s*<span class="muted">16 bytes<\/span><\/summary>\s*<pre>cart had 3 items<\/pre>/);
    expect(errorPage).toMatch(/<code>dump\.bin<\/code>\s*<span class="muted">application\/octet-stream, 4 bytes<\/span>/);
    expect(errorPage).toContain('Binary content, not shown.');

    // User feedback is listed and has its page.
    const feedbackPage = await pageOf('Feedback: the pay button does nothing');
    expect(feedbackPage).toContain('ann@example.com');

    // Log and span items are JSON behind a content_type: /envelopes/ shows them parsed.
    const envelopes = (await (await fetch(`${inbox.url}/api/1/envelopes/`)).json()) as any[];
    const items = envelopes.flatMap((envelope) => envelope.items);
    const log = items.find((item) => item.headers.type === 'log');
    expect(log.payload.items[0]).toMatchObject({ level: 'info', body: 'cart loaded' });
    const spans = items.find((item) => item.headers.type === 'span');
    expect(spans.payload.items.map((span: { name: string }) => span.name).sort()).toEqual(['checkout', 'price']);
    // Attachments stay bytes, whatever their type.
    const note = items.find((item) => item.headers.filename === 'note.txt');
    expect(note.payload).toEqual({ base64: Buffer.from('cart had 3 items').toString('base64') });
  });
});

describe('Sentry Python SDK -> inbox', () => {
  it('shows the attachment, frame variables and breadcrumbs of a gzipped, X-Sentry-Auth envelope', async () => {
    inbox = await startInbox({ quiet: true });
    await runScript('orders.py', PYTHON_SCRIPT, '/usr/bin/python3', [inbox.dsn]);

    const [request] = inbox.requests();
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(request.headers['x-sentry-auth']).toMatch(/^Sentry .*sentry_key=/);
    expect(request.status).toBe(200);

    const errorPage = await pageOf('KeyError: &#39;items&#39;');
    expect(errorPage).toMatch(/<code>order\.txt<\/code>\s*<span class="muted">text\/plain, 17 bytes<\/span><\/summary>\s*<pre>order 17: 2 items<\/pre>/);
    // The SDK sends each frame's locals (as repr strings) and empty data on log breadcrumbs.
    expect(errorPage).toContain('<tr><th><code>order_id</code></th><td><code>17</code></td></tr>');
    expect(errorPage).toContain('<tr><th><code>cart</code></th><td><code>{}</code></td></tr>');
    expect(errorPage).toMatch(/<td>warning<\/td><td>stock is low<\/td><\/tr>/);
  });

  it('lists and prints a user_report as feedback, with its author', async () => {
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      inbox = await startInbox({ quiet: false });
      await runScript('report.py', PYTHON_USER_REPORT_SCRIPT, '/usr/bin/python3', [inbox.dsn]);
    } finally {
      write.mockRestore();
    }
    expect(itemTypes()).toEqual(['event', 'user_report']);
    // What a newcomer running the CLI sees: one line for the message, one for the feedback.
    expect(printed.filter((line) => line.includes('Feedback: I clicked pay twice'))).toHaveLength(1);

    const reportPage = await pageOf('Feedback: I clicked pay twice');
    expect(reportPage).toContain('<tr><th>Name</th><td>Ann</td></tr><tr><th>Email</th><td>ann@example.com</td></tr>');
    expect(reportPage).toContain(`<tr><th>Event id</th><td>${inbox.events()[0].event_id}</td></tr>`);
  });
});
