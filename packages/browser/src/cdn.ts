// The CDN bundle's entry: `Faultline` on the global object is the full API (`window.Faultline`
// on a page, `self.Faultline` in a worker that loaded it with importScripts), and a
// `<script src="faultline.min.js" data-dsn="...">` tag sets it up with no other code.
import * as Faultline from './index';
import type { BrowserOptions } from './sdk';

declare global {
  var Faultline: typeof import('./index');
}

globalThis.Faultline = Faultline;

// A worker has no document and no script tag: it calls `Faultline.init` itself.
const script = globalThis.document?.currentScript;
const dsn = script?.getAttribute('data-dsn');
if (script && dsn) Faultline.init(optionsFromAttributes(script, dsn));

/** `data-dsn`, `data-release`, `data-environment`, `data-tunnel`, `data-debug`, `data-sample-rate`. */
function optionsFromAttributes(tag: Element, dsn: string): BrowserOptions {
  const read = (name: string): string | undefined => tag.getAttribute(`data-${name}`) ?? undefined;
  const debug = read('debug');
  const sampleRate = read('sample-rate');
  return {
    dsn,
    release: read('release'),
    environment: read('environment'),
    tunnel: read('tunnel'),
    // A bare `data-debug` attribute means true.
    ...(debug !== undefined && { debug: debug !== 'false' }),
    ...(sampleRate !== undefined && { sampleRate: Number(sampleRate) }),
  };
}
