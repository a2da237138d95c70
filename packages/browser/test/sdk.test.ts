// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { captureException, getClient, logger } from '@faultline/core';
import type { Integration } from '@faultline/core';
import { getDefaultIntegrations } from '../src/sdk';
import { initForTest, settle } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('init', () => {
  // First in the file: integrations set their globals up once per page.
  test('without a release no session is sent, and the events still are', async () => {
    const sdk = initForTest();
    captureException(new Error('no release'));
    await settle();
    expect(sdk.items('session')).toEqual([]);
    expect(sdk.events()).toHaveLength(1);
  });

  test('events say platform javascript, the browser SDK and its default integrations', async () => {
    const sdk = initForTest({ release: 'shop@1.0.0' });
    captureException(new Error('boom'));
    await settle();
    const [event] = sdk.events();
    expect(event.platform).toBe('javascript');
    expect(event.sdk).toMatchObject({ name: 'faultline.javascript.browser', version: '0.1.0' });
    expect(event.sdk?.integrations).toEqual([
      'InboundFilters',
      'BrowserApiErrors',
      'Breadcrumbs',
      'Console',
      'GlobalHandlers',
      'LinkedErrors',
      'Dedupe',
      'HttpContext',
      'BrowserSession',
    ]);
    expect(event.request?.url).toBe(location.href);
  });

  test('a default integration is replaced by one of the same name', async () => {
    const seen: string[] = [];
    const replacement: Integration = { name: 'HttpContext', processEvent: (event) => (seen.push('mine'), event) };
    const sdk = initForTest({ integrations: [replacement] });
    captureException(new Error('boom'));
    await settle();
    expect(seen).toEqual(['mine']);
    expect(sdk.events()[0].request).toBeUndefined();
    expect(getClient()?.getOptions().integrations.filter((i) => i.name === 'HttpContext')).toEqual([replacement]);
  });

  test('autoSessionTracking: false leaves BrowserSession out', () => {
    expect(getDefaultIntegrations({ autoSessionTracking: false }).map((i) => i.name)).not.toContain('BrowserSession');
  });

  test('a secret key in the DSN is dropped with a one-line warning and never sent', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const sdk = initForTest({ dsn: 'https://public:s3cr3t@o1.ingest.example.com/42', tunnel: '/tunnel' });
    captureException(new Error('boom'));
    await settle();
    const warnings = warn.mock.calls.map((args) => args.join(' ')).filter((line) => line.includes('secret'));
    expect(warnings).toEqual(['Removed the secret key from the DSN: a browser must never send it.']);
    // Through a tunnel the envelope header names the DSN: without the secret.
    expect(sdk.urls).toEqual(['/tunnel']);
    const [headers] = sdk.envelopes.at(-1)!;
    expect(headers.dsn).toBe('https://public@o1.ingest.example.com/42');
    expect(JSON.stringify(sdk.envelopes)).not.toContain('s3cr3t');
  });

  test('without a tunnel, the auth goes in the query string with the public key only', () => {
    const sdk = initForTest({ dsn: 'https://public:s3cr3t@o1.ingest.example.com/42' });
    expect(sdk.urls).toEqual([
      'https://o1.ingest.example.com/api/42/envelope/?sentry_version=7&sentry_key=public&sentry_client=faultline.javascript.browser%2F0.1.0',
    ]);
  });
});
