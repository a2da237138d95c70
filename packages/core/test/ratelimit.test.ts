import { describe, expect, it } from 'vitest';
import { disabledUntil, isRateLimited, parseRetryAfter, updateRateLimits } from '../src/ratelimit';

const NOW = 1_700_000_000_000;
const withHeader = (value: string, statusCode = 200) =>
  updateRateLimits({}, { statusCode, headers: { 'x-sentry-rate-limits': value } }, NOW);

describe('updateRateLimits: X-Sentry-Rate-Limits', () => {
  it('limits the listed categories for retry_after seconds', () => {
    const limits = withHeader('60:error;attachment:organization:quota_exceeded', 429);
    expect(limits).toEqual({ error: NOW + 60_000, attachment: NOW + 60_000 });
    expect(isRateLimited(limits, 'error', NOW + 59_999)).toBe(true);
    expect(isRateLimited(limits, 'error', NOW + 60_000)).toBe(false);
    expect(isRateLimited(limits, 'session', NOW)).toBe(false);
  });

  it('treats empty categories as all categories', () => {
    const limits = withHeader('30::organization');
    expect(limits).toEqual({ all: NOW + 30_000 });
    expect(isRateLimited(limits, 'error', NOW)).toBe(true);
    expect(isRateLimited(limits, 'anything', NOW)).toBe(true);
  });

  it('accepts a bare retry_after', () => {
    expect(withHeader('10')).toEqual({ all: NOW + 10_000 });
  });

  it('accepts a float retry_after', () => {
    expect(withHeader('2.5:error:key')).toEqual({ error: NOW + 2500 });
  });

  it('reads several entries and spaces around them', () => {
    expect(withHeader(' 10:error:key , 20:session;feedback:project:x:custom ')).toEqual({
      error: NOW + 10_000,
      session: NOW + 20_000,
      feedback: NOW + 20_000,
    });
  });

  it('lets the longest of overlapping limits win, within a header and across responses', () => {
    expect(withHeader('100:error:key, 10:error:key')).toEqual({ error: NOW + 100_000 });
    const first = withHeader('100:error:key');
    const second = updateRateLimits(first, { statusCode: 429, headers: { 'x-sentry-rate-limits': '5:error:key' } }, NOW + 1000);
    expect(second.error).toBe(NOW + 100_000);
    const third = updateRateLimits(first, { headers: { 'x-sentry-rate-limits': '500:error:key' } }, NOW);
    expect(third.error).toBe(NOW + 500_000);
  });

  it('counts the header on a 200 response', () => {
    expect(isRateLimited(withHeader('60:error:key', 200), 'error', NOW)).toBe(true);
  });

  it('stores unknown categories without blocking known ones', () => {
    const limits = withHeader('60:made_up_category:key');
    expect(isRateLimited(limits, 'error', NOW)).toBe(false);
    expect(isRateLimited(limits, 'made_up_category', NOW)).toBe(true);
  });

  it('does not let a category literally named "all" block everything', () => {
    expect(isRateLimited(withHeader('60:all:key'), 'error', NOW)).toBe(false);
  });

  it('uses 60 s for an unreadable or negative retry_after', () => {
    expect(withHeader('soon:error:key')).toEqual({ error: NOW + 60_000 });
    // @sentry/core 11.12 stores NOW - 10 s here: no limit at all.
    expect(withHeader('-10:error:key')).toEqual({ error: NOW + 60_000 });
  });

  it('limits metric_bucket only for the custom namespace or all namespaces, as @sentry/core 11.12 does', () => {
    expect(withHeader('60:metric_bucket;error:organization:quota:other')).toEqual({ error: NOW + 60_000 });
    expect(withHeader('60:metric_bucket:organization:quota:other;custom')).toEqual({ metric_bucket: NOW + 60_000 });
    expect(withHeader('60:metric_bucket:organization:quota:')).toEqual({ metric_bucket: NOW + 60_000 });
    expect(withHeader('60:metric_bucket:organization:quota')).toEqual({ metric_bucket: NOW + 60_000 });
  });

  it('trims spaces around each category (@sentry/core 11.12 stores " error " and limits nothing)', () => {
    expect(withHeader('60: error ; default :org')).toEqual({ error: NOW + 60_000, default: NOW + 60_000 });
  });

  it('prefers the header over Retry-After on a 429', () => {
    const limits = updateRateLimits(
      {},
      { statusCode: 429, headers: { 'x-sentry-rate-limits': '5:error:key', 'retry-after': '500' } },
      NOW,
    );
    expect(limits).toEqual({ error: NOW + 5000 });
  });

  it('reads a header given as an array (Node may hand over repeated headers)', () => {
    const limits = updateRateLimits({}, { headers: { 'x-sentry-rate-limits': ['5:error:key', '7:session:key'] } }, NOW);
    expect(limits).toEqual({ error: NOW + 5000, session: NOW + 7000 });
  });
});

describe('updateRateLimits: without X-Sentry-Rate-Limits', () => {
  it('blocks everything for Retry-After seconds on a 429', () => {
    expect(updateRateLimits({}, { statusCode: 429, headers: { 'retry-after': '120' } }, NOW)).toEqual({ all: NOW + 120_000 });
  });

  it('reads Retry-After as an HTTP date', () => {
    const date = new Date(NOW + 90_000).toUTCString();
    expect(updateRateLimits({}, { statusCode: 429, headers: { 'retry-after': date } }, NOW)).toEqual({ all: NOW + 90_000 });
  });

  it('blocks everything for 60 s on a bare 429 or an unreadable Retry-After', () => {
    expect(updateRateLimits({}, { statusCode: 429 }, NOW)).toEqual({ all: NOW + 60_000 });
    expect(updateRateLimits({}, { statusCode: 429, headers: { 'retry-after': 'later' } }, NOW)).toEqual({ all: NOW + 60_000 });
  });

  it('changes nothing on other statuses', () => {
    expect(updateRateLimits({}, { statusCode: 200 }, NOW)).toEqual({});
    expect(updateRateLimits({}, { statusCode: 503, headers: { 'retry-after': '10' } }, NOW)).toEqual({});
  });
});

describe('updateRateLimits: purity and robustness', () => {
  it('returns a new object and leaves the previous one unchanged', () => {
    const previous = { error: NOW + 1000 };
    const next = updateRateLimits(previous, { statusCode: 429 }, NOW);
    expect(next).not.toBe(previous);
    expect(previous).toEqual({ error: NOW + 1000 });
    expect(next).toEqual({ error: NOW + 1000, all: NOW + 60_000 });
  });

  it('forgets expired limits', () => {
    expect(updateRateLimits({ error: NOW - 1, session: NOW + 5 }, { statusCode: 200 }, NOW)).toEqual({ session: NOW + 5 });
  });

  it('never throws on garbage', () => {
    const garbage: unknown[] = [
      undefined,
      null,
      {},
      { headers: null },
      { headers: { 'x-sentry-rate-limits': 42 } },
      { headers: { 'x-sentry-rate-limits': ':::;;;,,,' } },
      { headers: { 'x-sentry-rate-limits': '__proto__:__proto__;constructor;toString' } },
      { statusCode: 429, headers: { 'retry-after': {} } },
    ];
    for (const response of garbage) {
      expect(() => updateRateLimits({}, response as never, NOW)).not.toThrow();
      expect(() => updateRateLimits(null as never, response as never, NOW)).not.toThrow();
    }
  });

  it('is not fooled by Object.prototype names', () => {
    const limits = withHeader('60:constructor;toString;__proto__:key');
    expect(isRateLimited(limits, 'error', NOW)).toBe(false);
    expect(isRateLimited({}, 'toString', NOW)).toBe(false);
    expect(disabledUntil({}, 'constructor')).toBe(0);
  });
});

describe('disabledUntil', () => {
  it('is the later of the category and all limits, 0 when none', () => {
    expect(disabledUntil({}, 'error')).toBe(0);
    expect(disabledUntil({ error: 5, all: 9 }, 'error')).toBe(9);
    expect(disabledUntil({ error: 12, all: 9 }, 'error')).toBe(12);
    expect(disabledUntil({ error: 12 }, 'session')).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, floats and dates, and nothing else', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter('0.5', NOW)).toBe(500);
    expect(parseRetryAfter(new Date(NOW + 2000).toUTCString(), NOW)).toBe(2000);
    expect(parseRetryAfter(new Date(NOW - 2000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('-3', NOW)).toBe(0);
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('nope', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('updateRateLimits: size', () => {
  it('stores at most 64 categories, still extending the ones it has and always taking ours and all', () => {
    const many = Array.from({ length: 100 }, (_, i) => `c${i}`).join(';');
    const limits = withHeader(`60:${many}:key`);
    expect(Object.keys(limits)).toHaveLength(64);
    expect(updateRateLimits(limits, { headers: { 'x-sentry-rate-limits': '600:c0:key' } }, NOW).c0).toBe(NOW + 600_000);
    const full = updateRateLimits(limits, { headers: { 'x-sentry-rate-limits': '10:error:key, 20::key, 30:c99:key' } }, NOW);
    expect(full).toMatchObject({ error: NOW + 10_000, all: NOW + 20_000 });
    expect(full.c99).toBeUndefined();
  });
});
