import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '@faultline/core';
import { readEnv } from '../src/env';

afterEach(() => {
  logger.disable();
  vi.restoreAllMocks();
});

describe('readEnv', () => {
  it('returns the value as it is when it is clean, without a warning', () => {
    const warn = vi.spyOn(logger, 'warn');
    expect(readEnv('SENTRY_DSN', { SENTRY_DSN: 'https://k@host/1' })).toBe('https://k@host/1');
    expect(warn).not.toHaveBeenCalled();
  });

  it('trims whitespace and one or more pairs of quotes, and says so', () => {
    const warn = vi.spyOn(logger, 'warn');
    expect(readEnv('SENTRY_DSN', { SENTRY_DSN: ' "https://k@host/1"\n' })).toBe('https://k@host/1');
    expect(readEnv('SENTRY_RELEASE', { SENTRY_RELEASE: `'"shop@1.0" '` })).toBe('shop@1.0');
    expect(warn).toHaveBeenCalledWith('SENTRY_DSN had whitespace or quotes around its value; they were trimmed.');
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('keeps quotes that do not surround the value', () => {
    expect(readEnv('SENTRY_ENVIRONMENT', { SENTRY_ENVIRONMENT: `"staging` })).toBe('"staging');
  });

  it('treats unset and empty (after trimming) as absent', () => {
    expect(readEnv('SENTRY_DSN', {})).toBeUndefined();
    expect(readEnv('SENTRY_DSN', { SENTRY_DSN: '  ""  ' })).toBeUndefined();
  });
});
