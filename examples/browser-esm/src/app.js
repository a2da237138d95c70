// An app bundled with rollup (see rollup.config.mjs) that imports @faultline/browser.
import { captureException, captureMessage, init } from '@faultline/browser';

init({
  dsn: document.querySelector('meta[name="faultline-dsn"]').content,
  release: 'browser-esm-example@1.0.0',
  environment: 'example',
});

const statusLine = document.getElementById('status');
const show = (text) => (statusLine.textContent = text);
const button = (id) => document.getElementById(id);

button('load').addEventListener('click', async () => {
  console.log('Loading the cart');
  const response = await fetch('/api/cart');
  show(`Cart loaded: ${response.status}`);
});

// A property handler is not wrapped: this reaches window.onerror.
button('throw').onclick = () => {
  throw new Error('ESM: thrown from an onclick handler');
};

button('timeout').addEventListener('click', () => {
  setTimeout(() => {
    throw new Error('ESM: thrown in a setTimeout callback');
  });
});

button('listener').addEventListener('click', () => {
  throw new TypeError('ESM: thrown in an event listener');
});

button('reject-error').addEventListener('click', () => {
  Promise.reject(new Error('ESM: rejected with an Error'));
});

button('reject-value').addEventListener('click', () => {
  Promise.reject('ESM: out of stock');
});

button('capture').addEventListener('click', () => {
  const cause = new Error('ESM: database unreachable');
  const error = new Error('ESM: could not save the cart', { cause });
  show(`Reported ${captureException(error)}`);
});

button('message').addEventListener('click', () => {
  show(`Reported ${captureMessage('ESM: checkout finished')}`);
});
