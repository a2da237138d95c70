// @sentry/browser 11 (the bench workspace's copy, bundled with esbuild) in real Chromium,
// on another origin than the inbox: everything it sends is accepted cross-origin, and the
// error, the user feedback and the log line are readable in the inbox.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startInbox, type Inbox } from '@faultline/inbox';
import { closeBrowser, openPage, serveStatic, waitUntil, type OpenedPage, type StaticServer } from './helpers/browser';

const BENCH_DIR = fileURLToPath(new URL('../bench/', import.meta.url));

let inbox: Inbox | undefined;
let site: StaticServer | undefined;
let opened: OpenedPage | undefined;

afterEach(async () => {
  await opened?.close();
  await site?.close();
  await inbox?.close();
  opened = site = inbox = undefined;
});
afterAll(closeBrowser);

/** The SDK as one script that sets `window.Sentry`, resolved from the bench workspace. */
async function sentryBrowserBundle(): Promise<string> {
  const result = await build({
    stdin: { contents: "import * as Sentry from '@sentry/browser'; window.Sentry = Sentry;", resolveDir: BENCH_DIR },
    bundle: true,
    write: false,
    format: 'iife',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function shopPage(dsn: string): string {
  return `<!doctype html><title>shop</title><script src="/sentry.js"></script><script>
Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: 'web@1.0.0', enableLogs: true,
  beforeSend: (event) => (event.message === 'dropped by beforeSend' ? null : event) });
Sentry.captureMessage('dropped by beforeSend');
Sentry.captureException(new RangeError('quantity must be positive'));
Sentry.captureFeedback({ message: 'checkout is slow', email: 'bo@example.com' });
Sentry.logger.warn('price missing');
</script>`;
}

describe('@sentry/browser 11 in Chromium -> inbox', () => {
  it('is accepted cross-origin; error, feedback and log line are readable', async () => {
    inbox = await startInbox({ quiet: true });
    site = await serveStatic({
      '/': { body: shopPage(inbox.dsn), type: 'text/html' },
      '/sentry.js': { body: await sentryBrowserBundle(), type: 'text/javascript' },
    });
    opened = await openPage(`${site.url}/`);
    await opened.page.evaluate(() => (window as unknown as { Sentry: { flush(ms: number): Promise<boolean> } }).Sentry.flush(5000));
    // The page going hidden sends the client report of the dropped event.
    await opened.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const itemTypes = () => inbox!.envelopes().flatMap((envelope) => envelope.items.map(([item]) => item.type));
    await waitUntil(() => itemTypes().includes('client_report'), 'the client report');

    expect(itemTypes()).toEqual(expect.arrayContaining(['event', 'feedback', 'log', 'session', 'client_report']));
    for (const request of inbox.requests()) {
      expect(request).toMatchObject({ method: 'POST', status: 200, headers: { origin: site.url } });
    }
    expect(inbox.events().map((event) => event.exception?.values?.[0]?.type)).toEqual(['RangeError']);
    const report = inbox.envelopes().flatMap((envelope) => envelope.items).find(([item]) => item.type === 'client_report');
    expect(report?.[1]).toMatchObject({ discarded_events: [{ reason: 'before_send', category: 'error', quantity: 1 }] });

    const list = await (await fetch(`${inbox.url}/`)).text();
    expect(list).toContain('RangeError: quantity must be positive</a>');
    expect(list).toContain('Feedback: checkout is slow</a>');
    const envelopes = (await (await fetch(`${inbox.url}/api/1/envelopes/`)).json()) as any[];
    const log = envelopes.flatMap((envelope) => envelope.items).find((item) => item.headers.type === 'log');
    expect(log.payload.items[0]).toMatchObject({ level: 'warn', body: 'price missing' });
    expect(opened.pageErrors).toEqual([]);
  });
});
