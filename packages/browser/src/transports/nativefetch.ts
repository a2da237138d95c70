// The browser's untouched `fetch`, even when the page (or our own breadcrumbs) wrapped
// the global `fetch`: a wrapper could drop, delay or record our requests.

let cached: typeof fetch | undefined;

/** True when `fn` is a built-in function, not a JavaScript wrapper. */
export function isNativeFunction(fn: unknown): boolean {
  return typeof fn === 'function' && /^function \w*\(\) \{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(fn));
}

/**
 * The global `fetch` when it is still native, else a clean copy from a hidden iframe (a
 * worker has no document to make one in: there it is the global `fetch` as it is).
 *
 * @example
 * const response = await getNativeFetch()(url, { method: 'POST', body });
 */
export function getNativeFetch(): typeof fetch {
  if (cached) return cached;
  if (isNativeFunction(fetch)) return (cached = fetch.bind(globalThis));
  let clean: typeof fetch | undefined;
  try {
    const sandbox = document.createElement('iframe');
    sandbox.hidden = true;
    document.head.appendChild(sandbox);
    clean = sandbox.contentWindow?.fetch;
    document.head.removeChild(sandbox);
  } catch {
    // No DOM to borrow from (a worker, a strict sandbox): fall back to whatever fetch there is.
  }
  return (cached = (clean ?? fetch).bind(globalThis));
}
