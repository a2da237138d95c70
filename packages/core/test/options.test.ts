import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../src/logger';
import { validateOptions } from '../src/options';
import type { Options } from '../src/types';

describe('validateOptions', () => {
  afterEach(() => {
    logger.disable();
    vi.restoreAllMocks();
  });

  it('fills in the documented defaults', () => {
    expect(validateOptions({})).toMatchObject({
      environment: 'production',
      sampleRate: 1,
      maxBreadcrumbs: 100,
      attachStacktrace: false,
      sendDefaultPii: false,
      maxValueLength: 250,
      normalizeDepth: 3,
      normalizeMaxBreadth: 1000,
      shutdownTimeout: 2000,
      sendClientReports: true,
      scrubSecrets: true,
      enabled: true,
    });
  });

  it('keeps valid values', () => {
    const beforeSend = () => null;
    const options = validateOptions({ sampleRate: 0.25, maxBreadcrumbs: 5, environment: 'staging', beforeSend, ignoreErrors: ['x', /y/] });
    expect(options).toMatchObject({ sampleRate: 0.25, maxBreadcrumbs: 5, environment: 'staging', beforeSend });
  });

  it('falls back to the default for an invalid value and says why (with debug)', () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const options = validateOptions({ debug: true, sampleRate: 2, maxBreadcrumbs: -1, beforeSend: 'no' as never, ignoreErrors: [1] as never });
    expect(options).toMatchObject({ sampleRate: 1, maxBreadcrumbs: 100, ignoreErrors: [] });
    expect(options.beforeSend).toBeUndefined();
    const messages = warn.mock.calls.map((call) => call.join(' '));
    expect(logger.isEnabled()).toBe(true);
    expect(messages).toContain('Invalid option `sampleRate`: must be a number between 0 and 1; using 1.');
    expect(messages.some((m) => m.includes('`maxBreadcrumbs`'))).toBe(true);
    expect(messages.some((m) => m.includes('`beforeSend`: must be a function'))).toBe(true);
  });

  it('keeps unknown options (platform options) untouched', () => {
    const options = validateOptions({ unhandledRejection: 'strict' } as never) as Record<string, unknown>;
    expect(options.unhandledRejection).toBe('strict');
  });

  it('never throws: not an object, a throwing Proxy, throwing getters', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    const getter = Object.defineProperty({}, 'dsn', { enumerable: true, get: () => { throw new Error('getter'); } });
    expect(validateOptions<Options>(42 as never).sampleRate).toBe(1);
    expect(validateOptions<Options>(hostile).sampleRate).toBe(1);
    expect(validateOptions<Options>(getter).dsn).toBeUndefined();
    expect(validateOptions(undefined).environment).toBe('production');
  });
});
