// The CDN bundle's entry: `window.Faultline` is the full API, and a
// `<script src="faultline.min.js" data-dsn="...">` tag sets it up with no other code.
import * as Faultline from './index';
import type { BrowserOptions } from './sdk';

declare global {
  interface Window {
    Faultline: typeof Faultline;
  }
}

window.Faultline = Faultline;

const script = document.currentScript;
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
