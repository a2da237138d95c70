// @vitest-environment happy-dom
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { browserApiErrorsIntegration } from '../../src/integrations/browserapierrors';
import { globalHandlersIntegration } from '../../src/integrations/globalhandlers';
import { initForTest, settle, type BrowserTestSdk } from '../helpers';

// Stands in for the browser's timer queue (Node's would crash the test runner on a throw),
// installed before the integration wraps it, exactly like the real one.
const scheduled: Array<() => void> = [];
window.setTimeout = ((callback: () => void) => scheduled.push(callback)) as unknown as typeof setTimeout;
// No network either: `send` goes nowhere, and a test calls an XHR's handlers as the browser would.
XMLHttpRequest.prototype.send = function send() {};

let sdk: BrowserTestSdk;
beforeAll(() => {
  sdk = initForTest({ defaultIntegrations: false, integrations: [browserApiErrorsIntegration(), globalHandlersIntegration()] });
});
beforeEach(() => sdk.reset());

describe('BrowserApiErrors', () => {
  test('an error in a setTimeout callback is reported unhandled, then rethrown', async () => {
    const failure = new Error('timer failed');
    window.setTimeout(() => {
      throw failure;
    }, 10);
    expect(() => scheduled.pop()!()).toThrow(failure);
    await settle();
    const [event] = sdk.events();
    expect(event.exception?.values?.[0]).toMatchObject({ type: 'Error', value: 'timer failed' });
    // No `data` at all: an undefined one would arrive as the string "[undefined]".
    expect(event.exception?.values?.[0].mechanism).toEqual({ type: 'auto.browser.browserapierrors.setTimeout', handled: false });
  });

  test('a string callback (code for eval) is passed through untouched', () => {
    window.setTimeout('void 0' as unknown as () => void);
    expect(scheduled.pop()).toBe('void 0');
  });

  test('an error in an event listener is reported once, and the browser still sees it', async () => {
    // happy-dom's elements use another EventTarget class than `window.EventTarget`, which
    // in a browser is one and the same; a plain EventTarget behaves like the browser's.
    const target = new EventTarget();
    const failure = new TypeError('listener failed');
    target.addEventListener('click', function onSave() {
      throw failure;
    });
    // happy-dom rethrows listener errors from dispatchEvent, where a browser reports them.
    expect(() => target.dispatchEvent(new Event('click'))).toThrow(failure);
    // The same error reaching window.onerror afterwards is not reported again.
    window.dispatchEvent(new ErrorEvent('error', { error: failure, message: failure.message }));
    await settle();
    expect(sdk.events()).toHaveLength(1);
    expect(sdk.events()[0].exception?.values?.[0]).toMatchObject({
      type: 'TypeError',
      mechanism: { type: 'auto.browser.browserapierrors.addEventListener', handled: false, data: { handler: 'onSave', target: 'EventTarget' } },
    });
  });

  test('listeners keep their `this`, arguments and return value', () => {
    const button = new EventTarget();
    const seen: unknown[] = [];
    button.addEventListener('click', function (this: unknown, event) {
      seen.push(this, event.type);
    });
    const handler = { handleEvent(this: unknown, event: Event) { seen.push(this, event.type); } };
    button.addEventListener('click', handler);
    button.dispatchEvent(new Event('click'));
    expect(seen).toEqual([button, 'click', handler, 'click']);
  });

  test('removeEventListener still removes, per type and capture flag', () => {
    const target = new EventTarget();
    let calls = 0;
    const listener = (): void => void calls++;
    const object = { handleEvent: listener };
    target.addEventListener('ping', listener);
    target.addEventListener('ping', listener, { capture: true });
    target.addEventListener('ping', object);
    target.removeEventListener('ping', listener);
    target.removeEventListener('ping', object, false);
    target.dispatchEvent(new Event('ping'));
    expect(calls).toBe(1); // only the capture registration is left
    target.removeEventListener('ping', listener, true);
    target.dispatchEvent(new Event('ping'));
    expect(calls).toBe(1);
  });

  test('adding the same listener twice still registers it once', () => {
    const target = new EventTarget();
    let calls = 0;
    const listener = (): void => void calls++;
    target.addEventListener('ping', listener);
    target.addEventListener('ping', listener);
    target.dispatchEvent(new Event('ping'));
    expect(calls).toBe(1);
  });

  test('a listener added to two targets is removed from one only', () => {
    const first = new EventTarget();
    const second = new EventTarget();
    let calls = 0;
    const listener = (): void => void calls++;
    first.addEventListener('ping', listener);
    second.addEventListener('ping', listener);
    first.removeEventListener('ping', listener);
    first.dispatchEvent(new Event('ping'));
    second.dispatchEvent(new Event('ping'));
    expect(calls).toBe(1);
  });

  test('an XMLHttpRequest onload set before send: reported as xhr.onload with its name, wrapped once however often it is sent', async () => {
    const failure = new Error('onload failed');
    const xhr = new XMLHttpRequest();
    xhr.onload = function renderCart() {
      throw failure;
    };
    const handler = xhr.onload;
    let wrapper: unknown;
    for (let sent = 1; sent <= 2; sent++) {
      xhr.open('GET', 'data:,{}');
      xhr.send();
      wrapper ??= xhr.onload;
      expect(xhr.onload).not.toBe(handler);
      expect(xhr.onload).toBe(wrapper);
    }
    expect(() => xhr.onload!.call(xhr, new ProgressEvent('load'))).toThrow(failure);
    await settle();
    expect(sdk.events().map((event) => event.exception?.values?.[0].mechanism)).toEqual([
      { type: 'auto.browser.browserapierrors.xhr.onload', handled: false, data: { handler: 'renderCart' } },
    ]);
  });
});

test('a listener with a throwing handleEvent getter is handed to the browser unwrapped', () => {
  const target = new EventTarget();
  const hostile = Object.defineProperty({}, 'handleEvent', {
    get() {
      throw new Error('getter');
    },
  }) as EventListenerObject;
  expect(() => target.addEventListener('ping', hostile)).not.toThrow();
  expect(() => target.removeEventListener('ping', hostile)).not.toThrow();
});
