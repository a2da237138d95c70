// Captures a real 20-frame stack from Chromium for bench/core/chrome-stack.mjs: a shop page
// whose minified vendor bundle and app chunk are served from https URLs (playwright routes
// them, nothing leaves the machine), failing inside a render reached through awaits.
//
//   node bench/core/capture-chrome-stack.mjs > bench/core/chrome-stack.mjs

import { chromium } from 'playwright-core';

const ORIGIN = 'https://shop.example.com';
const VENDOR = `${ORIGIN}/static/js/vendors~main.8a3b2c41.chunk.js`;
const APP = `${ORIGIN}/static/js/main.5d9e07f3.chunk.js`;

// A minified framework on one line, so columns are large as in production bundles.
const vendorSource = [
  `/*! vendor */ ${'var _pad=0;'.repeat(3000)}`,
  '!function(w){function Ro(e,t){return e.render(t)}function Ha(e,t){var n=Ro(e,t);return n}',
  'var x={e:function(e,t){return Ha(e,t)},t:{value:function(e,t){return x.e(e,t)}}};',
  'function Dispatcher(e){this.out=e.map(function(c){return x.t.value(c.component,c.props)})}',
  'w.__fw={mount:function(list){return new Dispatcher(list).out},batch:function(f){return f()}}}(window);',
].join('');

const appSource = `// shop app
class PriceFormatter {
  format(cents) { return (cents / 100).toFixed(2); }
}
function lineTotal(line) { return line.qty * line.product.price; }
function sumLines(lines) { return lines.map(lineTotal).reduce((a, b) => a + b, 0); }
class CartSummary {
  constructor(cart) { this.cart = cart; this.formatter = new PriceFormatter(); }
  render(props) { return this.formatter.format(sumLines(props.lines)); }
}
const components = {
  summary(props) { return window.__fw.mount([{ component: new CartSummary(props), props }]); },
};
function renderRoute(route, props) { return window.__fw.batch(() => components[route](props)); }
async function loadRoute(route) {
  await Promise.resolve();
  const props = { lines: [{ qty: 1, product: { price: 1999 } }, { qty: 2 }] };
  return renderRoute(route, props);
}
const router = { async navigate(route) { return await loadRoute(route); } };
async function bootstrap() { return await router.navigate('summary'); }
async function start() { return await bootstrap(); }
window.stackCaptured = start().then(() => 'no error', (error) => error.stack);
`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const files = {
    [`${ORIGIN}/cart`]: ['text/html', `<script>Error.stackTraceLimit = 50</script><script src="${VENDOR}"></script><script src="${APP}"></script>`],
    [VENDOR]: ['text/javascript', vendorSource],
    [APP]: ['text/javascript', appSource],
  };
  await page.route(`${ORIGIN}/**`, (route) => {
    const [contentType, body] = files[route.request().url()] ?? ['text/plain', ''];
    return route.fulfill({ status: 200, contentType, body });
  });
  await page.goto(`${ORIGIN}/cart`);
  const stack = await page.evaluate(() => window.stackCaptured);
  const version = browser.version();
  process.stdout.write(
    `// A real stack from Chromium ${version}, captured by bench/core/capture-chrome-stack.mjs.\n` +
      `export const CHROME_STACK = ${JSON.stringify(stack)};\n`,
  );
} finally {
  await browser.close();
}
