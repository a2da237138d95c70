// Real-Chromium helpers for end-to-end tests: one browser per test file, a fresh context
// per page, pages served from a tiny localhost server.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export { serveStatic } from './static.mjs';
export type { Route, ServeOptions, StaticServer } from './static.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let shared: Promise<Browser> | undefined;

/**
 * The test file's Chromium, launched on first use; later calls return the same browser
 * (the machine is small: keep launches few). Close it with `closeBrowser()` in `afterAll`.
 *
 * @example
 * const browser = await launchBrowser();
 */
export function launchBrowser(): Promise<Browser> {
  shared ??= chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return shared;
}

/** Closes the browser started by `launchBrowser()`, if any. */
export async function closeBrowser(): Promise<void> {
  const launched = shared;
  shared = undefined;
  if (launched) await (await launched).close();
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Every console message, as `"<type>: <text>"`. */
  consoleMessages: string[];
  /** Uncaught page errors as Playwright saw them. */
  pageErrors: Error[];
  close(): Promise<void>;
}

export interface OpenPageOptions extends BrowserContextOptions {
  browser?: Browser;
  /** Runs after the page exists and before it navigates: add init scripts, routes, listeners. */
  beforeNavigate?: (page: Page) => unknown;
}

/**
 * Opens `url` in a new context of the shared browser and records its console and errors.
 *
 * @example
 * const { page, consoleMessages, close } = await openPage(`${server.url}/index.html`);
 * await page.click('button#save');
 * await close();
 */
export async function openPage(url: string, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const { browser: given, beforeNavigate, ...contextOptions } = options;
  const browser = given ?? (await launchBrowser());
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const consoleMessages: string[] = [];
  const pageErrors: Error[] = [];
  page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => pageErrors.push(error));
  try {
    await beforeNavigate?.(page);
    await page.goto(url);
  } catch (error) {
    await context.close();
    throw error;
  }
  return { page, context, consoleMessages, pageErrors, close: () => context.close() };
}

/**
 * 1-based line and column of the first occurrence of `needle` in `text`, the way a browser
 * reports a stack frame's position.
 *
 * @example
 * positionOf("a\n  throw new Error('x')", "new Error('x')") // { lineno: 2, colno: 9 }
 */
export function positionOf(text: string, needle: string): { lineno: number; colno: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${JSON.stringify(needle)} is not in the served source`);
  if (text.indexOf(needle, index + 1) >= 0) throw new Error(`${JSON.stringify(needle)} occurs more than once`);
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { lineno: before.split('\n').length, colno: index - lineStart + 1 };
}

/**
 * Polls `check` until it returns something other than `undefined`/`false`, e.g. the event
 * you are waiting for; rejects with `what` after `timeoutMs`.
 *
 * @example
 * const event = await waitUntil(() => inbox.events().find((e) => e.logentry?.formatted === 'hi'), 'the "hi" event');
 */
export async function waitUntil<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Records Content-Security-Policy violations from the very first script on; read them
 * with `cspViolations(page)`. Call before the page navigates (`beforeNavigate`).
 *
 * @example
 * const { page } = await openPage(url, { beforeNavigate: recordCspViolations });
 * expect(await cspViolations(page)).toEqual([]);
 */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

/** The violations recorded since `recordCspViolations`, as `"<directive> <blocked URI>"`. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}
