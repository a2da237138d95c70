// A browser page for SDKs running in Node: happy-dom supplies document, location, navigator
// and history, and the global object stands in for `window`, as in a browser.

import { Window } from 'happy-dom';

const PAGE_URL = 'https://shop.example.com/cart';
const CHROME_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** Installs the page globals; returns a function that closes the page. */
export function installPage() {
  const page = new Window({ url: PAGE_URL, settings: { navigator: { userAgent: CHROME_USER_AGENT } } });
  page.document.write('<!doctype html><title>Cart</title><main id="cart"><button id="pay">Pay</button></main>');
  const globals = {
    window: globalThis,
    self: globalThis,
    document: page.document,
    location: page.location,
    navigator: page.navigator,
    history: page.history,
    XMLHttpRequest: page.XMLHttpRequest,
    addEventListener: page.addEventListener.bind(page),
    removeEventListener: page.removeEventListener.bind(page),
    dispatchEvent: page.dispatchEvent.bind(page),
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  return () => page.happyDOM.close();
}
