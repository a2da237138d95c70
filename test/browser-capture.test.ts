// Real Chromium, real pages from localhost, events into the inbox: the ESM example
// (bundled with rollup) and the CDN example (a <script> tag with data-* attributes), both
// served under a strict Content-Security-Policy.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startInbox } from '@faultline/inbox';
import type { Inbox, ReceivedEvent } from '@faultline/inbox';
import type { Exception, SessionJSON, StackFrame } from '@faultline/core';
import { serveExamples } from '../scripts/serve-examples.mjs';
import { messageOf } from '../packages/core/test/helpers';
import { closeBrowser, cspViolations, openPage, positionOf, recordCspViolations, waitUntil, type OpenedPage } from './helpers/browser';

let inbox: Inbox;
let examples: { url: string; close(): Promise<void> };

beforeAll(async () => {
  inbox = await startInbox({ port: 0, quiet: true });
  examples = await serveExamples({ dsn: inbox.dsn, port: 0 });
});
afterAll(async () => {
  await closeBrowser();
  await examples?.close();
  await inbox?.close();
});

const PAGES = [
  { name: 'ESM build', path: '/browser-esm/', script: '/browser-esm/dist/app.js', prefix: 'ESM', release: 'browser-esm-example@1.0.0' },
  { name: 'CDN bundle', path: '/browser-cdn/', script: '/browser-cdn/app.js', prefix: 'CDN', release: 'browser-cdn-example@1.0.0' },
];

describe.each(PAGES)('$name in Chromium', ({ path, script, prefix, release }) => {
  let source: string;
  let scriptUrl: string;
  beforeAll(async () => {
    scriptUrl = `${examples.url}${script}`;
    source = await (await fetch(scriptUrl)).text();
  });

  /** Opens the page, loads the cart (a click, a console line, a fetch), then clicks `button`. */
  async function trigger(button: string): Promise<OpenedPage> {
    const opened = await openPage(`${examples.url}${path}`, {
      beforeNavigate: recordCspViolations,
    });
    await opened.page.click('#load');
    await opened.page.waitForFunction(() => document.getElementById('status')?.textContent === 'Cart loaded: 200');
    await opened.page.click(`#${button}`);
    return opened;
  }

  /** The one event whose last exception (or message) is `text`. */
  async function eventWith(text: string): Promise<ReceivedEvent> {
    const matches = (): ReceivedEvent[] =>
      inbox.events().filter((event) => event.exception?.values?.at(-1)?.value === text || messageOf(event) === text);
    const [event] = await waitUntil(() => matches().length > 0 && matches(), `the event "${text}"`);
    // A second report of the same error (say, by a wrapper and by window.onerror) would come right after.
    await new Promise((done) => setTimeout(done, 300));
    expect(matches()).toHaveLength(1);
    return event;
  }

  /** The frame of the statement in the served script that contains `statement`. */
  function frameAt(statement: string): Partial<StackFrame> {
    return { filename: scriptUrl, ...positionOf(source, statement) };
  }

  function topFrame(exception: Exception | undefined): Partial<StackFrame> {
    const frame = exception?.stacktrace?.frames?.at(-1);
    return { filename: frame?.filename, lineno: frame?.lineno, colno: frame?.colno };
  }

  async function expectPageContext(event: ReceivedEvent, opened: OpenedPage, clicked: string): Promise<void> {
    expect(event.platform).toBe('javascript');
    expect(event.sdk?.name).toBe('faultline.javascript.browser');
    expect(event.release).toBe(release);
    expect(event.environment).toBe('example');
    expect(event.request?.url).toBe(`${examples.url}${path}`);
    expect(event.request?.headers?.['User-Agent']).toBe(await opened.page.evaluate(() => navigator.userAgent));
    const crumbs = (event.breadcrumbs?.values ?? []).map((crumb) =>
      crumb.category === 'fetch' ? [crumb.category, crumb.data] : [crumb.category, crumb.message],
    );
    expect(crumbs).toEqual([
      ['ui.click', 'button#load.primary'],
      ['console', 'Loading the cart'],
      ['fetch', { method: 'GET', url: '/api/cart', status_code: 200 }],
      ['ui.click', clicked],
    ]);
    expect(await cspViolations(opened.page)).toEqual([]);
    expect(opened.consoleMessages.filter((line) => line.startsWith('error'))).toEqual([]);
    await opened.close();
  }

  test('an error thrown in an onclick handler reaches window.onerror', async () => {
    const opened = await trigger('throw');
    const event = await eventWith(`${prefix}: thrown from an onclick handler`);
    const [exception] = event.exception!.values!;
    expect(exception).toMatchObject({ type: 'Error', mechanism: { type: 'auto.browser.global_handlers.onerror', handled: false } });
    expect(topFrame(exception)).toEqual(frameAt(`new Error('${prefix}: thrown from an onclick handler')`));
    await expectPageContext(event, opened, 'button#throw.danger');
  });

  test('an error in a setTimeout callback', async () => {
    const opened = await trigger('timeout');
    const event = await eventWith(`${prefix}: thrown in a setTimeout callback`);
    const [exception] = event.exception!.values!;
    expect(exception).toMatchObject({ type: 'Error', mechanism: { type: 'auto.browser.browserapierrors.setTimeout', handled: false } });
    expect(topFrame(exception)).toEqual(frameAt(`new Error('${prefix}: thrown in a setTimeout callback')`));
    await expectPageContext(event, opened, 'button#timeout.danger');
  });

  test('an error in an event listener', async () => {
    const opened = await trigger('listener');
    const event = await eventWith(`${prefix}: thrown in an event listener`);
    const [exception] = event.exception!.values!;
    expect(exception).toMatchObject({ type: 'TypeError', mechanism: { type: 'auto.browser.browserapierrors.addEventListener', handled: false } });
    expect(topFrame(exception)).toEqual(frameAt(`new TypeError('${prefix}: thrown in an event listener')`));
    await expectPageContext(event, opened, 'button#listener.danger');
  });

  test('an unhandled rejection with an Error', async () => {
    const opened = await trigger('reject-error');
    const event = await eventWith(`${prefix}: rejected with an Error`);
    const [exception] = event.exception!.values!;
    expect(exception).toMatchObject({ type: 'Error', mechanism: { type: 'auto.browser.global_handlers.onunhandledrejection', handled: false } });
    expect(topFrame(exception)).toEqual(frameAt(`new Error('${prefix}: rejected with an Error')`));
    await expectPageContext(event, opened, 'button#reject-error.danger');
  });

  test('an unhandled rejection with a plain value', async () => {
    const opened = await trigger('reject-value');
    const event = await eventWith(`Non-Error promise rejection captured with value: ${prefix}: out of stock`);
    expect(event.exception!.values).toEqual([
      {
        type: 'UnhandledRejection',
        value: `Non-Error promise rejection captured with value: ${prefix}: out of stock`,
        mechanism: { type: 'auto.browser.global_handlers.onunhandledrejection', handled: false },
      },
    ]);
    await expectPageContext(event, opened, 'button#reject-value.danger');
  });

  test('captureException with a cause chain, oldest first', async () => {
    const opened = await trigger('capture');
    const event = await eventWith(`${prefix}: could not save the cart`);
    const [cause, error] = event.exception!.values!;
    expect(cause).toMatchObject({ type: 'Error', value: `${prefix}: database unreachable`, mechanism: { type: 'chained', source: 'cause' } });
    expect(error.mechanism).toMatchObject({ handled: true });
    expect(topFrame(cause)).toEqual(frameAt(`new Error('${prefix}: database unreachable')`));
    expect(topFrame(error)).toEqual(frameAt(`new Error('${prefix}: could not save the cart', { cause })`));
    await expectPageContext(event, opened, 'button#capture.secondary');
  });

  test('captureMessage', async () => {
    const opened = await trigger('message');
    const event = await eventWith(`${prefix}: checkout finished`);
    expect(event).toMatchObject({ level: 'info', logentry: { message: `${prefix}: checkout finished`, formatted: `${prefix}: checkout finished` } });
    expect(event).not.toHaveProperty('message');
    await expectPageContext(event, opened, 'button#message.secondary');
  });

  test('a session per page load, crashed by an unhandled error', async () => {
    const sessions = (): SessionJSON[] =>
      inbox
        .envelopes()
        .flatMap(({ items }) => items)
        .filter(([headers]) => headers.type === 'session')
        .map(([, payload]) => payload as SessionJSON)
        .filter((session) => session.attrs.release === release);
    const crashedBefore = sessions().filter((s) => s.status === 'crashed').length;
    const opened = await trigger('throw');
    const userAgent = await opened.page.evaluate(() => navigator.userAgent);
    const crashed = await waitUntil(
      () => sessions().filter((s) => s.status === 'crashed')[crashedBefore],
      'the session of this page load to crash',
    );
    await opened.close();
    expect(crashed).toMatchObject({ errors: 1, attrs: { release, environment: 'example', user_agent: userAgent } });
    // The same session was sent when the page loaded.
    expect(sessions().some((s) => s.sid === crashed.sid && s.init && s.status === 'ok')).toBe(true);
  });
});
