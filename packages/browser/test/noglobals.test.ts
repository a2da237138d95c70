// Without `window` and `document`, as in a Web Worker or on a server rendering the page:
// the CDN entry loads, and a server's `init` wraps none of its timers and sends no session.
// (A real worker: test/browser-worker.test.ts.)
import { expect, test } from 'vitest';
import { getClient } from '@faultline/core';
import { initForTest, settle } from './helpers';

test('the CDN entry puts the API on the global object and, with no script tag to read, inits nothing', async () => {
  expect(typeof document).toBe('undefined');
  await import('../src/cdn');
  expect(typeof globalThis.Faultline.captureException).toBe('function');
  expect(getClient()).toBeUndefined();
});

test('on a server, init leaves setTimeout alone and starts no session', async () => {
  const timer = setTimeout;
  const sdk = initForTest({ release: 'ssr@1.0.0' });
  expect(setTimeout).toBe(timer);
  await settle();
  expect(sdk.items('session')).toEqual([]);
  expect(getClient()).toBeDefined();
});
