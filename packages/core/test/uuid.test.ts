import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid4 } from '../src/uuid';

const UUID4_HEX = /^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/;

describe('uuid4', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('returns 32 lowercase hex characters with the version-4 bits set', () => {
    for (let i = 0; i < 200; i++) expect(uuid4()).toMatch(UUID4_HEX);
  });

  it('returns distinct ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, uuid4));
    expect(ids.size).toBe(1000);
  });

  it('takes its randomness from crypto.getRandomValues', () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff) });
    expect(uuid4()).toBe('ffffffffffff4fffbfffffffffffffff');
  });

  it('falls back to Math.random without crypto, or when crypto throws', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    vi.stubGlobal('crypto', undefined);
    expect(uuid4()).toBe('00000000000040008000000000000000');
    vi.stubGlobal('crypto', {
      getRandomValues: () => {
        throw new Error('not allowed');
      },
    });
    expect(uuid4()).toBe('00000000000040008000000000000000');
  });
});
