// Every DSN check of `init`, seen from the outside with `debug: true`: what is printed, and
// what is (not) sent. Browser `init` runs in real Chromium (the ESM build through an import
// map), its console and network recorded; Node `init` runs in child processes configured by
// the environment alone, as a deployed app is.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from 'playwright-core';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { closeBrowser, openPage, serveStatic, waitUntil } from './helpers/browser';
import type { OpenedPage, StaticServer } from './helpers/browser';
import { assertBuilt, nodeFixture, runNode } from './helpers/node';
import { messageOf } from '../packages/core/test/helpers';

const SECRET = 'planted-dsn-secret-7f3a91';
const dist = (pkg: string): string => fileURLToPath(new URL(`../packages/${pkg}/dist/`, import.meta.url));

const PAGE = `<!doctype html><meta charset="utf-8">
<script type="importmap">{"imports": {"@faultline/browser": "/pkg/browser/index.mjs", "@faultline/core": "/pkg/core/index.mjs"}}</script>
<script type="module">
  import * as Faultline from '@faultline/browser';
  // A transport that sends nothing and counts what it was given, for DSNs nobody listens to.
  window.counted = { created: 0, sent: 0 };
  window.countingTransport = () => {
    counted.created++;
    return { send: async () => void counted.sent++, flush: async () => true };
  };
  window.Faultline = Faultline;
</script>`;

let inbox: Inbox;
let server: StaticServer;
let opened: OpenedPage;
let page: Page;
/** Every request the page made, as the network saw it. */
const requests: Array<{ url: string; headers: string; body: string }> = [];

/** Closes the previous client, then runs the page's `init({ dsn, debug: true, ...options })`. */
async function initInPage(dsn: string, options: { tunnel?: string; release?: string; counting?: boolean } = {}): Promise<void> {
  await page.evaluate(
    async ({ dsn, options }) => {
      const w = window as unknown as { Faultline: typeof import('@faultline/browser'); countingTransport: () => unknown; counted: object };
      await w.Faultline.close(2000);
      w.counted = { created: 0, sent: 0 };
      const { counting, ...rest } = options;
      w.Faultline.init({ dsn, debug: true, ...rest, ...(counting ? { transport: w.countingTransport as never } : {}) });
    },
    { dsn, options },
  );
}

/** Runs `code` in the page with `Faultline` in scope and awaits it. */
function inPage(code: string): Promise<unknown> {
  return page.evaluate(`(async () => { const { Faultline, counted } = window; ${code} })()`);
}

const warningsAbout = (pattern: RegExp): string[] =>
  opened.consoleMessages.filter((text) => text.startsWith('warning:') && pattern.test(text));

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ quiet: true });
  server = await serveStatic({
    '/index.html': { body: PAGE, type: 'text/html; charset=utf-8' },
    '/pkg/core/': dist('core'),
    '/pkg/browser/': dist('browser'),
    '/favicon.ico': { body: '', status: 204 },
  });
  opened = await openPage(`${server.url}/index.html`, {
    beforeNavigate: (newPage) =>
      newPage.on('request', (request: Request) => {
        void request.allHeaders().then((headers) =>
          requests.push({ url: request.url(), headers: JSON.stringify(headers), body: request.postData() ?? '' }),
        );
      }),
  });
  page = opened.page;
  await page.waitForFunction(() => 'Faultline' in window);
});
afterAll(async () => {
  await opened?.close();
  await closeBrowser();
  await server?.close();
  await inbox?.close();
});
beforeEach(() => {
  opened.consoleMessages.length = 0;
  requests.length = 0;
});

describe('browser init', () => {
  it('a secret key in the DSN: one warning without the secret, and the secret is in no request', async () => {
    await initInPage(inbox.dsn.replace('@', `:${SECRET}@`), { release: 'dsn-warnings@1.0.0' });
    await inPage(`Faultline.captureException(new Error('reported with a secret DSN'));
      Faultline.captureMessage('and a message');
      await Faultline.flush(5000);`);
    const received = await inbox.waitFor(2);

    expect(warningsAbout(/secret/i)).toHaveLength(1);
    expect(opened.consoleMessages.join('\n')).not.toContain(SECRET);
    // The DSN without its secret still authenticates: the events arrived.
    const messages = received.map((event) => event.exception?.values?.at(-1)?.value ?? messageOf(event));
    expect(messages).toEqual(expect.arrayContaining(['reported with a secret DSN', 'and a message']));
    await waitUntil(() => requests.filter((request) => request.url.startsWith(inbox.url)).length >= 2, 'the requests');
    expect(JSON.stringify(requests)).not.toContain(SECRET);
    for (const request of inbox.requests()) {
      expect(request.url).not.toContain(SECRET);
      expect(JSON.stringify(request.headers)).not.toContain(SECRET);
      expect(Buffer.from(request.body).toString('utf8')).not.toContain(SECRET);
    }
  });

  it('a secret key in the DSN with a tunnel: the envelope header names the DSN without it', async () => {
    const tunnelled: string[] = [];
    await page.route('**/tunnel', (route) => {
      tunnelled.push(route.request().postData() ?? '');
      return route.fulfill({ status: 200, body: '{}' });
    });
    await initInPage(inbox.dsn.replace('@', `:${SECRET}@`), { tunnel: '/tunnel' });
    await inPage(`Faultline.captureMessage('tunnelled with a secret DSN'); await Faultline.flush(5000);`);
    await page.unroute('**/tunnel');

    expect(warningsAbout(/secret/i)).toHaveLength(1);
    expect(tunnelled).toHaveLength(1);
    expect(JSON.parse(tunnelled[0].split('\n')[0]).dsn).toBe(inbox.dsn);
    expect(JSON.stringify(requests)).not.toContain(SECRET);
  });

  it.each([
    ['a public host', 'http://key@errors.example.com/1', 'errors.example.com'],
    ['a private address', 'http://key@10.0.0.8:9000/1', '10.0.0.8'],
    ['a host named like loopback', 'http://key@localhost.evil.example/1', 'localhost.evil.example'],
  ])('http to %s warns, naming the host', async (_name, dsn, host) => {
    await initInPage(dsn, { counting: true });
    const [warning, ...more] = warningsAbout(/plain http/);
    expect(more).toEqual([]);
    expect(warning).toContain(host);
  });

  it.each([
    'http://key@localhost:9000/1',
    'http://key@127.0.0.1/1',
    'http://key@127.9.9.9:8000/1',
    'http://key@[::1]:9000/1',
    'http://key@shop.localhost/1',
    'https://key@errors.example.com/1',
  ])('no warning for %s', async (dsn) => {
    await initInPage(dsn, { counting: true });
    expect(warningsAbout(/./)).toEqual([]);
  });

  it.each([
    ['ftp://key@errors.example.com/1', 'protocol must be http or https'],
    ['https://errors.example.com/1', 'no public key'],
    ['https://key@errors.example.com/project', 'project id "project" is not numeric'],
    ['https://key@errors.example.com', 'no project id'],
    ['https://key@errors.example.com:99999/1', 'bad port'],
    ['https://key@errors.example.com/1?x=1', 'must not have a query or fragment'],
    ['https://key@errors example.com/1', 'whitespace'],
    ['errors.example.com/1', 'not a URL'],
  ])('an invalid DSN %s: disabled, and the warning names the rule', async (dsn, rule) => {
    await initInPage(dsn, { counting: true });
    const counted = await inPage(`Faultline.captureException(new Error('never sent')); await Faultline.flush(1000); return counted;`);

    const [warning, ...more] = warningsAbout(/Invalid DSN/);
    expect(more).toEqual([]);
    expect(warning).toContain(rule);
    expect(warning).toMatch(/disabled/);
    expect(counted).toEqual({ created: 0, sent: 0 });
  });

  it('quotes and whitespace around the DSN are removed with a warning, and events still arrive', async () => {
    await initInPage(` "${inbox.dsn}"\n`);
    await inPage(`Faultline.captureMessage('sent with a quoted DSN'); await Faultline.flush(5000);`);
    expect(warningsAbout(/whitespace or quotes/)).toHaveLength(1);
    await waitUntil(() => inbox.events().some((event) => messageOf(event) === 'sent with a quoted DSN'), 'the event');
  });

  it('environment defaults to production', async () => {
    await initInPage(inbox.dsn);
    await inPage(`Faultline.captureMessage('browser default environment'); await Faultline.flush(5000);`);
    const event = await waitUntil(() => inbox.events().find((e) => messageOf(e) === 'browser default environment'), 'the event');
    expect(event.environment).toBe('production');
  });
});

describe('Node init from the environment', () => {
  const eventWithMessage = (message: string) => inbox.events().find((event) => messageOf(event) === message);

  it.each([
    ['spaces and double quotes', (dsn: string) => `  "${dsn}"  `],
    ['single quotes and a newline', (dsn: string) => `'${dsn}'\n`],
  ])('SENTRY_DSN with %s is trimmed with a warning', async (name, wrap) => {
    const message = `trimmed SENTRY_DSN: ${name}`;
    const run = await runNode(nodeFixture('dsn-env.mjs'), { env: { SENTRY_DSN: wrap(inbox.dsn), CAPTURE: message } });
    expect(run.stdout).toContain('flushed true');
    expect(eventWithMessage(message)).toBeDefined();
    expect(run.stderr).toMatch(/SENTRY_DSN had whitespace or quotes around its value/);
  });

  it('an invalid SENTRY_DSN: the warning names the rule, nothing is sent, the app runs on', async () => {
    const before = inbox.requests().length;
    const run = await runNode(nodeFixture('dsn-env.mjs'), {
      env: { SENTRY_DSN: inbox.dsn.replace(/\/1$/, '/one'), CAPTURE: 'never sent' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('flushed');
    expect(run.stderr).toContain('Invalid DSN: project id "one" is not numeric');
    expect(inbox.requests().length).toBe(before);
  });

  it('http to a host that is not loopback warns; the inbox on 127.0.0.1 does not', async () => {
    const [remote, local] = await Promise.all([
      runNode(nodeFixture('dsn-env.mjs'), { env: { SENTRY_DSN: 'http://key@errors.example.com/1' } }),
      runNode(nodeFixture('dsn-env.mjs'), { env: { SENTRY_DSN: inbox.dsn } }),
    ]);
    expect(remote.stderr).toContain('plain http to errors.example.com');
    expect(local.stderr).not.toContain('plain http');
  });

  it('environment: the option, else SENTRY_ENVIRONMENT (trimmed), else production', async () => {
    const cases = [
      { env: { SENTRY_ENVIRONMENT: 'staging' }, message: 'env from SENTRY_ENVIRONMENT', expected: 'staging' },
      { env: { SENTRY_ENVIRONMENT: ' "qa" ' }, message: 'env from a quoted SENTRY_ENVIRONMENT', expected: 'qa' },
      { env: {}, message: 'env by default', expected: 'production' },
      { env: { SENTRY_ENVIRONMENT: 'staging', ENVIRONMENT_OPTION: 'canary' }, message: 'env from the option', expected: 'canary' },
    ];
    await Promise.all(
      cases.map(({ env, message }) => runNode(nodeFixture('dsn-env.mjs'), { env: { ...env, SENTRY_DSN: inbox.dsn, CAPTURE: message } })),
    );
    for (const { message, expected } of cases) expect(eventWithMessage(message)?.environment, message).toBe(expected);
  });
});
