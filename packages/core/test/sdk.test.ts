import { beforeEach, describe, expect, it } from 'vitest';
import { captureException, flush, setTag } from '../src/sdk';
import { initTestClient, resetGlobals } from './helpers';

describe('global API', () => {
  beforeEach(resetGlobals);

  it('sends a captured error with the tags set before', async () => {
    const { events } = initTestClient({ release: 'shop@1.0.0' });
    setTag('area', 'cart');
    const id = captureException(new TypeError('x is undefined'));
    await flush(1000);
    const [event] = events();
    expect(event.event_id).toBe(id);
    expect(event.exception?.values?.[0]).toMatchObject({ type: 'TypeError', value: 'x is undefined' });
    expect(event.tags).toEqual({ area: 'cart' });
    expect(event.release).toBe('shop@1.0.0');
    expect(event.environment).toBe('production');
  });
});
