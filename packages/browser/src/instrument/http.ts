// Observes HTTP requests made with fetch and XMLHttpRequest, e.g. for breadcrumbs.
import { fill, safely } from './fill';

export interface HttpCall {
  method: string;
  url: string;
  /** Absent when the request failed without a response. */
  status_code?: number;
}

/** Calls `onDone` when each `fetch` settles. The SDK's own transport uses the unwrapped fetch. */
export function instrumentFetch(onDone: (call: HttpCall) => void): void {
  // `fill` leaves a missing fetch alone.
  fill(globalThis, 'fetch', (original) =>
    function (this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const call = { method: 'GET', url: '' };
      safely(() => {
        const request = typeof input === 'object' && 'method' in input ? input : undefined;
        call.method = String(init?.method ?? request?.method ?? 'GET').toUpperCase();
        call.url = request ? request.url : String(input);
      });
      return original.apply(this, [input, init] as Parameters<typeof fetch>).then(
        (response) => {
          safely(() => onDone({ ...call, status_code: response.status }));
          return response;
        },
        (error: unknown) => {
          safely(() => onDone(call));
          throw error;
        },
      );
    },
  );
}

/**
 * Calls `onDone` when each XMLHttpRequest ends, successfully or not: at its last
 * `readystatechange`, which comes before `load`, so an error thrown in the app's `onload`
 * already has the request's breadcrumb (as in @sentry/browser).
 */
export function instrumentXhr(onDone: (call: HttpCall) => void): void {
  if (typeof XMLHttpRequest === 'undefined') return;
  const opened = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
  const inFlight = new WeakSet<XMLHttpRequest>();
  const proto = XMLHttpRequest.prototype;
  fill(proto, 'open', (original) =>
    function (this: XMLHttpRequest, ...args: unknown[]): void {
      safely(() => {
        // Listening from `open`, before the app adds its own listeners (most do after it).
        if (!opened.has(this)) this.addEventListener('readystatechange', () => safely(() => settle(this)));
        opened.set(this, { method: String(args[0]).toUpperCase(), url: String(args[1]) });
      });
      return (original as (...args: unknown[]) => void).apply(this, args);
    },
  );
  fill(proto, 'send', (original) =>
    function (this: XMLHttpRequest, ...args: unknown[]): void {
      safely(() => inFlight.add(this));
      return (original as (...args: unknown[]) => void).apply(this, args);
    },
  );

  function settle(xhr: XMLHttpRequest): void {
    const call = opened.get(xhr);
    if (xhr.readyState !== 4 || !call || !inFlight.delete(xhr)) return;
    onDone(xhr.status ? { ...call, status_code: xhr.status } : call);
  }
}
