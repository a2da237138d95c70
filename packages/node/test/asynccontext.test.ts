import { beforeEach, describe, expect, it } from 'vitest';
import { addBreadcrumb, captureException, getIsolationScope, setTag, withIsolationScope } from '@faultline/core';
import type { Event } from '@faultline/core';
import { captureScopeContext, runInScopeContext } from '../src/asynccontext';
import { initNodeTest, resetGlobals } from './helpers';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(resetGlobals);

describe('AsyncLocalStorage scopes', () => {
  it('keeps interleaved async flows apart', async () => {
    const { client, events } = initNodeTest([]);
    const flow = (id: string, delays: number[]) =>
      withIsolationScope(async () => {
        setTag('flow', id);
        for (const delay of delays) {
          await tick(delay);
          addBreadcrumb({ message: `${id} after ${delay}` });
        }
        captureException(new Error(id));
      });
    await Promise.all([flow('a', [15, 1]), flow('b', [1, 15]), flow('c', [5, 5])]);
    await client.flush(1000);
    const byId: Record<string, Event> = Object.fromEntries(events().map((event) => [event.exception?.values?.[0]?.value, event]));
    for (const [id, delays] of [['a', [15, 1]], ['b', [1, 15]], ['c', [5, 5]]] as const) {
      expect(byId[id].tags).toEqual({ flow: id });
      expect(byId[id].breadcrumbs?.values?.map((crumb) => crumb.message)).toEqual(delays.map((d) => `${id} after ${d}`));
    }
  });

  it('returns to saved scopes from another call chain', async () => {
    initNodeTest([]);
    const saved = await withIsolationScope(async () => {
      setTag('where', 'request');
      return captureScopeContext();
    });
    expect(getIsolationScope().getScopeData().tags).toEqual({});
    runInScopeContext(saved, () => expect(getIsolationScope().getScopeData().tags).toEqual({ where: 'request' }));
  });
});
