import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureException } from '@faultline/core';
import { createTestTransport, resetGlobals } from '../../core/test/helpers';
import { getDefaultIntegrations, init } from '../src/sdk';

beforeEach(() => {
  resetGlobals();
  for (const name of ['SENTRY_DSN', 'SENTRY_RELEASE', 'SENTRY_ENVIRONMENT']) vi.stubEnv(name, undefined as unknown as string);
});
afterEach(() => vi.unstubAllEnvs());

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection', 'SIGTERM', 'SIGINT', 'beforeExit'] as const;

describe('init', () => {
  it('is a silent no-op without a DSN: no client, no process listeners', () => {
    const before = PROCESS_EVENTS.map((name) => process.listenerCount(name));
    expect(init({ release: 'x@1' })).toBeUndefined();
    expect(PROCESS_EVENTS.map((name) => process.listenerCount(name))).toEqual(before);
  });

  it('reads DSN, release and environment from the environment, trimmed; options win', async () => {
    const sink = createTestTransport();
    vi.stubEnv('SENTRY_DSN', ' "https://pub@ingest.example.com/7" ');
    vi.stubEnv('SENTRY_RELEASE', "'shop@3.1.0'");
    vi.stubEnv('SENTRY_ENVIRONMENT', 'staging');
    const client = init({ defaultIntegrations: [], transport: sink.transport, environment: 'canary' });
    expect(sink.urls[0]).toMatch(/^https:\/\/ingest\.example\.com\/api\/7\/envelope\/\?/);
    captureException(new Error('boom'));
    await client?.flush(1000);
    const event = sink.envelopes[0][1][0][1];
    expect(event).toMatchObject({
      release: 'shop@3.1.0',
      environment: 'canary',
      platform: 'node',
      sdk: { name: 'faultline.javascript.node', version: expect.any(String) },
    });
  });

  it('defaults environment to production', async () => {
    const sink = createTestTransport();
    const client = init({ dsn: 'https://pub@ingest.example.com/7', defaultIntegrations: [], transport: sink.transport });
    expect(client?.getOptions().environment).toBe('production');
  });

  it('installs the Node default integrations by name', () => {
    expect(getDefaultIntegrations().map((integration) => integration.name)).toEqual([
      'InboundFilters',
      'Dedupe',
      'LinkedErrors',
      'OnUncaughtException',
      'OnUnhandledRejection',
      'OnSignal',
      'Console',
      'Http',
      'NodeFetch',
      'HttpServer',
      'Context',
      'ContextLines',
      'Modules',
      'ProcessSession',
    ]);
  });
});
