// One browser SDK with its default options in a page of real Chromium. Every planted secret
// goes into the page URL, a fetch URL and header, a console line, tags, extra, a context and
// a breadcrumb before an exception and a message are reported.

import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../test/helpers/static.mjs';
import { plantInScope } from './plant.mjs';

const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PACKAGES = { faultline: '@faultline/browser', sentry: '@sentry/browser' };

/** The SDK as a classic script that sets `window.Sdk`, with `window.plantInScope`. */
async function bundle(sdkName) {
  const result = await build({
    stdin: {
      contents: `import * as Sdk from '${PACKAGES[sdkName]}'; window.Sdk = Sdk; window.plantInScope = ${plantInScope};`,
      resolveDir: REPO_DIR,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Runs in the page: plants each secret, reports, and waits for delivery one secret at a time. */
async function plantAll({ dsn, texts }) {
  const { Sdk, plantInScope } = window;
  Sdk.init({ dsn });
  for (const [index, text] of texts.entries()) {
    history.pushState({}, '', `/app?i=${index}&ref=${encodeURIComponent(text)}`);
    await fetch(`/ping?ref=${encodeURIComponent(text)}`, { headers: { 'x-note': text.replace(/\s*\n\s*/g, ' ') } });
    console.log('sync state:', text);
    plantInScope(Sdk, text);
    await Sdk.flush(10_000);
  }
}

/**
 * Plants `texts` through `@faultline/browser` or `@sentry/browser` in Chromium, sending to `dsn`.
 *
 * @example
 * await runBrowserSdk('sentry', `${inbox.dsn.slice(0, -1)}4`, SECRETS.map(plantedText));
 */
export async function runBrowserSdk(sdkName, dsn, texts) {
  const server = await serveStatic({
    '/app': { body: '<!doctype html><meta charset="utf-8"><script src="/sdk.js"></script>', type: 'text/html; charset=utf-8' },
    '/sdk.js': { body: await bundle(sdkName), type: 'text/javascript; charset=utf-8' },
    '/ping': { body: 'pong' },
    '/favicon.ico': { body: '', status: 204 },
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/app`);
    await page.evaluate(plantAll, { dsn, texts });
  } finally {
    await browser.close();
    await server.close();
  }
}
