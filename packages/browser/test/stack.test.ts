// The browser's default parser reads every engine's stacks, and real Chromium errors point at
// the statement that threw.
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStackParser } from '../src/stack';
import { frames } from '../../core/test/stack/fixtures/frames';
import { closeBrowser, openPage, positionOf, serveStatic } from '../../../test/helpers/browser';

describe('defaultStackParser', () => {
  it('reads Chrome, Firefox and Safari stacks of the same code alike', () => {
    // The MDN Error.prototype.stack example in the three engines (current revision).
    const chrome = 'Error\n    at baz (filename.js:10:15)\n    at bar (filename.js:6:3)\n    at foo (filename.js:2:3)\n    at filename.js:13:1';
    const firefox = 'baz@filename.js:10:15\nbar@filename.js:6:3\nfoo@filename.js:2:3\n@filename.js:13:1';
    const safari = 'baz@filename.js:10:24\nbar@filename.js:6:6\nfoo@filename.js:2:6\nglobal code@filename.js:13:4';
    const names = (stack: string) => defaultStackParser(stack).map((frame) => `${frame.function}@${frame.lineno}`);
    expect(names(chrome)).toEqual(['?@13', 'foo@2', 'bar@6', 'baz@10']);
    expect(names(firefox)).toEqual(names(chrome));
    expect(names(safari)).toEqual(names(chrome));
  });

  it("drops the frame of the SDK's callback wrapper, in every engine's format", () => {
    const chrome = 'TypeError: x\n    at HTMLButtonElement.save (app.js:5:9)\n    at HTMLButtonElement.faultlineWrapped (app.js:90:20)';
    const firefox = 'save@app.js:5:9\nfaultlineWrapped@app.js:90:20';
    for (const stack of [chrome, firefox]) {
      expect(defaultStackParser(stack).map((frame) => frame.function)).toEqual([expect.stringMatching(/save$/)]);
    }
  });

  it('reads Safari-only shapes: native code, location-less and bare URL frames', () => {
    // Lines from https://github.com/sagemathinc/cocalc/issues/3576 (Safari 12) and MDN's `anonymous@`.
    const url = 'https://cocalc.com/static/smc-e1738c1e0eea31cfaf1f.cacheme.js?e1738c1e0eea31cfaf1f';
    const stack = `m@${url}:5:685435\n${url}:5:685516\npromiseReactionJob@[native code]\nanonymous@`;
    expect(defaultStackParser(stack)).toStrictEqual(
      frames(
        ['anonymous', undefined, undefined, undefined, false],
        ['promiseReactionJob', '[native code]', undefined, undefined, false],
        ['?', url, 5, 685516, true],
        ['m', url, 5, 685435, true],
      ),
    );
  });
});

describe('a real Chromium error', () => {
  const SHOP = `function checkout(cart) {
  if (!cart.items.length) {
    throw new Error('empty cart');
  }
}
function readTotal(order) {
  return order.total.amount;
}
window.run = function run(which) {
  try {
    if (which === 'throw') checkout({ items: [] });
    else readTotal({});
  } catch (error) {
    return error.stack;
  }
};
`;

  afterAll(() => closeBrowser());

  async function stackFromPage(which: string): Promise<{ stack: string; scriptUrl: string }> {
    const server = await serveStatic({
      '/index.html': { body: '<!doctype html><script src="/static/shop.js"></script>', type: 'text/html' },
      '/static/shop.js': { body: SHOP, type: 'text/javascript' },
    });
    const { page, close } = await openPage(`${server.url}/index.html`);
    try {
      const stack = await page.evaluate((kind) => (window as unknown as { run(k: string): string }).run(kind), which);
      return { stack, scriptUrl: `${server.url}/static/shop.js` };
    } finally {
      await close();
      await server.close();
    }
  }

  it('gives the file, line and column of the throw statement', async () => {
    const { stack, scriptUrl } = await stackFromPage('throw');
    const parsed = defaultStackParser(stack);
    const [caller, thrower] = parsed.slice(-2);
    expect(thrower).toStrictEqual({ filename: scriptUrl, function: 'checkout', ...positionOf(SHOP, "new Error('empty cart')"), in_app: true });
    expect(caller).toStrictEqual({ filename: scriptUrl, function: 'run', ...positionOf(SHOP, 'checkout({ items: [] })'), in_app: true });
  });

  it('gives the position of the failing property read for a TypeError', async () => {
    const { stack, scriptUrl } = await stackFromPage('read');
    const thrower = defaultStackParser(stack).pop();
    expect(thrower).toStrictEqual({ filename: scriptUrl, function: 'readTotal', ...positionOf(SHOP, 'amount'), in_app: true });
  });
});
