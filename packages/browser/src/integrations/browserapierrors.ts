// Wraps the callbacks the browser calls later (timers, animation frames, event listeners,
// XMLHttpRequest handlers) so an error inside one is captured with its full stack, even
// from a cross-origin script whose errors window.onerror only sees as "Script error.".
import { captureException } from '@faultline/core';
import type { Integration, Mechanism } from '@faultline/core';
import { markCaptured } from '../instrument/captured';
import { fill, safely } from '../instrument/fill';

export interface BrowserApiErrorsOptions {
  setTimeout?: boolean;
  setInterval?: boolean;
  requestAnimationFrame?: boolean;
  eventTarget?: boolean;
  /** `xhr.onload`, `onerror`, `onprogress`, `onreadystatechange` set before `send`. */
  XMLHttpRequest?: boolean;
}

type AnyFunction = (...args: any[]) => any;

/**
 * @example
 * init({ dsn, integrations: [browserApiErrorsIntegration({ eventTarget: false })] });
 */
export function browserApiErrorsIntegration(options: BrowserApiErrorsOptions = {}): Integration {
  return {
    name: 'BrowserApiErrors',
    setupOnce() {
      // A page or a worker; a server rendering the page keeps its own timers.
      if (typeof addEventListener !== 'function') return;
      for (const api of ['setTimeout', 'setInterval', 'requestAnimationFrame'] as const) {
        if (options[api] !== false) wrapFirstArgument(api);
      }
      if (options.eventTarget !== false && typeof EventTarget !== 'undefined') wrapEventTarget(EventTarget.prototype);
      if (options.XMLHttpRequest !== false && typeof XMLHttpRequest !== 'undefined') wrapXhrHandlers(XMLHttpRequest.prototype);
    },
  };
}

/** Every wrapper made here, so a handler is never wrapped twice (a request sent again). */
const ourWrappers = new WeakSet<AnyFunction>();

/**
 * `callback` in a try/catch that reports and rethrows, so the browser still sees the error.
 * The mechanism is named as @sentry/browser names it: Sentry shows it on the issue. Unlike
 * @sentry/browser we leave the callback's arguments (the DOM event) out of `extra`.
 */
function guard<T extends AnyFunction>(callback: T, api: string, data?: Mechanism['data']): T {
  // A method with a literal name: minifiers keep it, and every engine shows it in a stack
  // (JavaScriptCore leaves a computed name out), so the stack parser drops this frame by it
  // (WRAPPER_NAME in ../stack).
  const wrapper = {
    faultlineWrapped(this: unknown, ...args: unknown[]) {
      try {
        return callback.apply(this, args);
      } catch (error) {
        markCaptured(error);
        captureException(error, { mechanism: { type: `auto.browser.browserapierrors.${api}`, handled: false, ...(data && { data }) } });
        throw error;
      }
    },
  }.faultlineWrapped as T;
  ourWrappers.add(wrapper);
  return wrapper;
}

function wrapFirstArgument(api: 'setTimeout' | 'setInterval' | 'requestAnimationFrame'): void {
  fill(globalThis, api, (original) =>
    function (this: unknown, callback: unknown, ...rest: unknown[]) {
      // A string callback is code for eval: there is no function to wrap.
      const wrapped = typeof callback === 'function' ? guard(callback as AnyFunction, api) : callback;
      return (original as AnyFunction).apply(this, [wrapped, ...rest]);
    } as never,
  );
}

// Original listener -> its wrapper for each "capture flag + type", so that
// removeEventListener(type, original, capture) finds the function the browser holds.
const wrappers = new WeakMap<object, Map<string, EventListener>>();

function listenerKey(type: string, options?: boolean | EventListenerOptions): string {
  const capture = typeof options === 'boolean' ? options : !!options?.capture;
  return `${capture ? 1 : 0}${type}`;
}

/** The function the browser gets for `listener`: one wrapper per listener, type and capture flag. */
function wrapperFor(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
  try {
    if (typeof listener !== 'function' && typeof listener?.handleEvent !== 'function') return listener;
    let byKey = wrappers.get(listener!);
    if (!byKey) wrappers.set(listener!, (byKey = new Map()));
    const key = listenerKey(type, options);
    let wrapper = byKey.get(key);
    if (!wrapper) {
      const call = typeof listener === 'function' ? listener : function (event: Event) { return listener!.handleEvent(event); };
      const data = { handler: (listener as AnyFunction).name || '<anonymous>', target: 'EventTarget' };
      byKey.set(key, (wrapper = guard(call as AnyFunction, 'addEventListener', data)));
    }
    return wrapper;
  } catch {
    // A hostile listener or options object: let the browser deal with it as it would.
    return listener;
  }
}

function wrapEventTarget(proto: EventTarget): void {
  fill(proto, 'addEventListener', (original) =>
    function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      return original.call(this, type, wrapperFor(type, listener, options), options);
    },
  );
  fill(proto, 'removeEventListener', (original) =>
    function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      let wrapper: EventListener | undefined;
      safely(() => (wrapper = listener ? wrappers.get(listener)?.get(listenerKey(type, options)) : undefined));
      if (wrapper) original.call(this, type, wrapper, options);
      // Also the listener itself: it may have been added before the wrapping.
      return original.call(this, type, listener, options);
    },
  );
}

const XHR_HANDLERS = ['onload', 'onerror', 'onprogress', 'onreadystatechange'] as const;

/** Handler properties the app set before `send`, wrapped as @sentry/browser wraps them. */
function wrapXhrHandlers(proto: XMLHttpRequest): void {
  fill(proto, 'send', (original) =>
    function (this: XMLHttpRequest, ...args: unknown[]): void {
      for (const name of XHR_HANDLERS) {
        safely(() => {
          const handler: unknown = this[name];
          if (typeof handler !== 'function' || ourWrappers.has(handler as AnyFunction)) return;
          this[name] = guard(handler as AnyFunction, `xhr.${name}`, { handler: handler.name || '<anonymous>' });
        });
      }
      return (original as AnyFunction).apply(this, args);
    },
  );
}
