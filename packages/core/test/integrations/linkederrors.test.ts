import { beforeEach, describe, expect, it } from 'vitest';
import { linkedErrorsIntegration } from '../../src/integrations/index';
import type { LinkedErrorsOptions } from '../../src/integrations/linkederrors';
import { createTestClient, resetGlobals } from '../helpers';

async function exceptionsOf(error: unknown, options: LinkedErrorsOptions = {}) {
  const test = createTestClient({ integrations: [linkedErrorsIntegration(options)] });
  test.client.captureException(error);
  await test.client.flush(1000);
  return test.events()[0].exception?.values ?? [];
}

describe('linkedErrorsIntegration', () => {
  beforeEach(resetGlobals);

  it('adds the cause chain, oldest first, the captured error last, with ids and parents', async () => {
    const root = new Error('db down');
    const middle = new Error('query failed', { cause: root });
    const top = new TypeError('checkout failed', { cause: middle });
    const values = await exceptionsOf(top);
    expect(values.map((v) => [v.type, v.value, v.mechanism])).toEqual([
      ['Error', 'db down', { type: 'chained', handled: true, source: 'cause', exception_id: 2, parent_id: 1 }],
      ['Error', 'query failed', { type: 'chained', handled: true, source: 'cause', exception_id: 1, parent_id: 0 }],
      ['TypeError', 'checkout failed', { type: 'generic', handled: true, exception_id: 0 }],
    ]);
  });

  it('marks the chain unhandled when the captured error was', async () => {
    const test = createTestClient({ integrations: [linkedErrorsIntegration()] });
    test.client.captureException(new Error('top', { cause: new Error('root') }), { mechanism: { type: 'onerror', handled: false } });
    await test.client.flush(1000);
    expect(test.events()[0].exception?.values?.map((v) => v.mechanism?.handled)).toEqual([false, false]);
  });

  it('adds AggregateError.errors with source errors[i] and marks the group', async () => {
    const group = new AggregateError([new Error('first'), new RangeError('second')], 'all failed');
    const values = await exceptionsOf(group);
    expect(values.map((v) => [v.value, v.mechanism?.source, v.mechanism?.exception_id, v.mechanism?.parent_id])).toEqual([
      ['second', 'errors[1]', 2, 0],
      ['first', 'errors[0]', 1, 0],
      ['all failed', undefined, 0, undefined],
    ]);
    expect(values[2].mechanism?.is_exception_group).toBe(true);
  });

  it('stops at 5 exceptions in all by default, and at the given limit', async () => {
    let error = new Error('e0');
    for (let i = 1; i < 20; i++) error = new Error(`e${i}`, { cause: error });
    expect((await exceptionsOf(error)).map((v) => v.value)).toEqual(['e15', 'e16', 'e17', 'e18', 'e19']);
    resetGlobals();
    expect((await exceptionsOf(error, { limit: 2 })).map((v) => v.value)).toEqual(['e18', 'e19']);
  });

  it('survives cycles and ignores causes that are not errors', async () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect((await exceptionsOf(b)).map((v) => v.value)).toEqual(['a', 'b']);
    resetGlobals();
    expect((await exceptionsOf(new Error('top', { cause: 'a string' }))).map((v) => v.value)).toEqual(['top']);
  });

  it('follows the property named by key instead of cause', async () => {
    const inner = new Error('socket closed');
    const top = Object.assign(new Error('request failed', { cause: new Error('not followed') }), { original: inner });
    const values = await exceptionsOf(top, { key: 'original' });
    expect(values.map((v) => [v.value, v.mechanism?.source])).toEqual([
      ['socket closed', 'original'],
      ['request failed', undefined],
    ]);
  });

  it('survives a throwing cause getter', async () => {
    const error = new Error('top');
    Object.defineProperty(error, 'cause', { get: () => { throw new Error('getter'); } });
    expect((await exceptionsOf(error)).map((v) => v.value)).toEqual(['top']);
  });
});
