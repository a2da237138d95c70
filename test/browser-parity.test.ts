// The minified CDN bundle in real Chromium reports what @sentry/browser 11.12 reports for the
// same page, where a Sentry user sees it: mechanism names, stack frames (no SDK frame), the
// title of a rejected plain object. Sessions differ on purpose: one per navigation too.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startInbox, type Inbox, type ReceivedEvent } from '@faultline/inbox';
import type { SessionJSON } from '@faultline/core';
import { closeBrowser, openPage, serveStatic, waitUntil, type OpenedPage, type StaticServer } from './helpers/browser';

const BUNDLE = readFileSync(new URL('../packages/browser/dist/bundles/faultline.min.js', import.meta.url), 'utf8');
const APP = `document.getElementById('save').addEventListener('click', function onSave() {
  throw new TypeError('save failed');
});
window.later = function later() {
  setTimeout(function inTimer() { throw new Error('timer failed'); });
};
window.rejectObject = function rejectObject() { Promise.reject({ code: 'E_STOCK', sku: 'A1' }); };
`;

let inbox: Inbox;
let site: StaticServer;
let opened: OpenedPage | undefined;

beforeAll(async () => {
  inbox = await startInbox({ quiet: true });
  const page = `<!doctype html><script src="/faultline.min.js" data-dsn="${inbox.dsn}" data-release="shop@1.0.0"></script>
<button id="save">Save</button><script src="/app.js"></script>`;
  site = await serveStatic({
    '/': { body: page, type: 'text/html' },
    '/faultline.min.js': { body: BUNDLE, type: 'text/javascript' },
    '/app.js': { body: APP, type: 'text/javascript' },
  });
});
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});
afterAll(async () => {
  await closeBrowser();
  await site?.close();
  await inbox?.close();
});

function eventWith(value: string): Promise<ReceivedEvent> {
  return waitUntil(() => inbox.events().find((event) => event.exception?.values?.[0]?.value === value), `"${value}"`);
}

/** Where each frame points: every one must be the app's script, none the SDK bundle. */
function frameFiles(event: ReceivedEvent): string[] {
  return (event.exception?.values?.[0]?.stacktrace?.frames ?? []).map((frame) => `${frame.function} ${frame.filename}`);
}

describe('the CDN bundle in Chromium, as @sentry/browser 11.12 reports the same page', () => {
  test('an error in a click listener: mechanism auto.browser.browserapierrors.addEventListener, only the app frame', async () => {
    opened = await openPage(`${site.url}/`);
    await opened.page.click('#save');
    const event = await eventWith('save failed');
    expect(event.exception?.values?.[0].mechanism).toEqual({
      type: 'auto.browser.browserapierrors.addEventListener',
      handled: false,
      data: { handler: 'onSave', target: 'EventTarget' },
    });
    expect(frameFiles(event)).toEqual([`HTMLButtonElement.onSave ${site.url}/app.js`]);
  });

  test('an error in a setTimeout callback: mechanism auto.browser.browserapierrors.setTimeout, only the app frame', async () => {
    opened = await openPage(`${site.url}/`);
    await opened.page.evaluate(() => (window as unknown as { later(): void }).later());
    const event = await eventWith('timer failed');
    expect(event.exception?.values?.[0].mechanism).toEqual({ type: 'auto.browser.browserapierrors.setTimeout', handled: false });
    expect(frameFiles(event)).toEqual([`inTimer ${site.url}/app.js`]);
  });

  test('a rejected plain object is titled UnhandledRejection: Object captured as promise rejection', async () => {
    opened = await openPage(`${site.url}/`);
    await opened.page.evaluate(() => (window as unknown as { rejectObject(): void }).rejectObject());
    const event = await eventWith('Object captured as promise rejection with keys: code, sku');
    expect(event.exception?.values).toEqual([
      {
        type: 'UnhandledRejection',
        value: 'Object captured as promise rejection with keys: code, sku',
        mechanism: { type: 'auto.browser.global_handlers.onunhandledrejection', handled: false, synthetic: true },
      },
    ]);
    expect(event.extra).toEqual({ __serialized__: { code: 'E_STOCK', sku: 'A1' } });
  });

  test('a pushState navigation ends the page load session and starts the next (issue 4: a session per navigation)', async () => {
    const sessions = (): SessionJSON[] =>
      inbox
        .envelopes()
        .flatMap(({ items }) => items)
        .filter(([item]) => item.type === 'session')
        .map(([, payload]) => payload as SessionJSON);
    const before = sessions().length;
    opened = await openPage(`${site.url}/`);
    await waitUntil(() => sessions().length > before, 'the page load session');
    await opened.page.evaluate(() => {
      history.pushState({}, '', '/orders');
      (window as unknown as { Faultline: { captureMessage(text: string): void } }).Faultline.captureMessage('after navigation');
    });
    await waitUntil(() => inbox.events().find((event) => event.logentry?.formatted === 'after navigation'), 'the message');
    // The navigation's sessions were sent before the message: give them time to land.
    await new Promise((done) => setTimeout(done, 300));
    const started = sessions().slice(before);
    expect(started).toHaveLength(3);
    const [first] = started;
    expect(first).toMatchObject({ init: true, status: 'ok' });
    expect(started).toContainEqual(expect.objectContaining({ sid: first.sid, init: false, status: 'exited' }));
    expect(started).toContainEqual(expect.objectContaining({ sid: expect.not.stringMatching(first.sid), init: true, status: 'ok' }));
  });
});
