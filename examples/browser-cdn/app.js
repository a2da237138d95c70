// The page's own code. Faultline is already running: the <script> tag before this one
// set it up from its data-* attributes, and window.Faultline is the full API.
'use strict';

const statusLine = document.getElementById('status');
const show = (text) => (statusLine.textContent = text);

document.getElementById('load').addEventListener('click', async () => {
  console.log('Loading the cart');
  const response = await fetch('/api/cart');
  show(`Cart loaded: ${response.status}`);
});

// A property handler is not wrapped: this reaches window.onerror.
document.getElementById('throw').onclick = () => {
  throw new Error('CDN: thrown from an onclick handler');
};

document.getElementById('timeout').addEventListener('click', () => {
  setTimeout(() => {
    throw new Error('CDN: thrown in a setTimeout callback');
  });
});

document.getElementById('listener').addEventListener('click', () => {
  throw new TypeError('CDN: thrown in an event listener');
});

document.getElementById('reject-error').addEventListener('click', () => {
  Promise.reject(new Error('CDN: rejected with an Error'));
});

document.getElementById('reject-value').addEventListener('click', () => {
  Promise.reject('CDN: out of stock');
});

document.getElementById('capture').addEventListener('click', () => {
  const cause = new Error('CDN: database unreachable');
  const error = new Error('CDN: could not save the cart', { cause });
  show(`Reported ${window.Faultline.captureException(error)}`);
});

document.getElementById('message').addEventListener('click', () => {
  show(`Reported ${window.Faultline.captureMessage('CDN: checkout finished')}`);
});
