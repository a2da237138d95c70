import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureException } from '@faultline/core';
import { consoleIntegration } from '../src/integrations/console';
import { initNodeTest, resetGlobals } from './helpers';

beforeEach(resetGlobals);
afterEach(() => vi.restoreAllMocks());

describe('consoleIntegration', () => {
  it('records console calls as breadcrumbs with formatted messages and levels, and still prints', async () => {
    // Stand-ins for the real console, so the test can see that the wrappers still call it.
    const printed = vi.fn();
    for (const method of ['log', 'warn', 'error', 'assert'] as const) vi.spyOn(console, method).mockImplementation(printed);
    const { client, events } = initNodeTest([consoleIntegration()]);
    console.log('user %s has %d items', 'ada', 3);
    console.warn('low stock');
    console.error(new Error('db down').message);
    console.assert(1 + 1 === 2, 'never recorded');
    console.assert(false, 'totals differ', { a: 1 });
    expect(printed.mock.calls[0]).toEqual(['user %s has %d items', 'ada', 3]);
    expect(printed).toHaveBeenCalledTimes(5);
    captureException(new Error('after logging'));
    await client.flush(1000);
    const crumbs = events()[0].breadcrumbs?.values ?? [];
    expect(crumbs.map(({ category, level, message }) => ({ category, level, message }))).toEqual([
      { category: 'console', level: 'info', message: 'user ada has 3 items' },
      { category: 'console', level: 'warning', message: 'low stock' },
      { category: 'console', level: 'error', message: 'db down' },
      { category: 'console', level: 'error', message: 'Assertion failed: totals differ { a: 1 }' },
    ]);
  });
});

describe('consoleIntegration({ levels })', () => {
  it('records only the listed console methods', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client, events } = initNodeTest([consoleIntegration({ levels: ['warn', 'error'] })]);
    console.log('not recorded');
    console.warn('low stock');
    console.error('db down');
    captureException(new Error('after logging'));
    await client.flush(1000);
    expect((events()[0].breadcrumbs?.values ?? []).map(({ level, message }) => [level, message])).toEqual([
      ['warning', 'low stock'],
      ['error', 'db down'],
    ]);
  });
});
