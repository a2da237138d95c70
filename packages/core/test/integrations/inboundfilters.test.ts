import { beforeEach, describe, expect, it } from 'vitest';
import { inboundFiltersIntegration } from '../../src/integrations/index';
import type { ClientReport, Event } from '../../src/types';
import { createTestClient, messageOf, resetGlobals } from '../helpers';

function errorAt(message: string, url: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n    at inner (${url}:1:1)\n    at outer (https://shop.example/app.js:9:9)`;
  return error;
}

async function sent(options: Parameters<typeof createTestClient>[0], capture: (test: ReturnType<typeof createTestClient>) => void) {
  const test = createTestClient({ integrations: [inboundFiltersIntegration()], ...options });
  capture(test);
  await test.client.flush(1000);
  return { events: test.events(), reports: test.items<ClientReport>('client_report').flatMap((r) => r.discarded_events) };
}

describe('inboundFiltersIntegration', () => {
  beforeEach(resetGlobals);

  it('drops "Script error." by default and counts it as event_processor', async () => {
    const { events, reports } = await sent({}, ({ client }) => {
      client.captureMessage('Script error.');
      client.captureEvent({ exception: { values: [{ type: 'Error', value: 'Script error' }] } });
      client.captureMessage('Script error. in my own words');
    });
    expect(events.map(messageOf)).toEqual(['Script error. in my own words']);
    expect(reports).toEqual([{ reason: 'event_processor', category: 'error', quantity: 2 }]);
  });

  it('keeps "Script error." with disableErrorDefaults', async () => {
    const test = createTestClient({ integrations: [inboundFiltersIntegration({ disableErrorDefaults: true })] });
    test.client.captureMessage('Script error.');
    await test.client.flush(1000);
    expect(test.events()).toHaveLength(1);
  });

  it('matches ignoreErrors strings as substrings and RegExps against Type: value, value and message', async () => {
    const { events } = await sent({ ignoreErrors: ['ResizeObserver loop', /^TypeError: .*null/, /^exact message$/] }, ({ client }) => {
      client.captureException(new Error('ResizeObserver loop limit exceeded'));
      client.captureException(new TypeError("Cannot read properties of null (reading 'x')"));
      client.captureException(new RangeError('null is fine here'));
      client.captureMessage('exact message');
      client.captureMessage('kept message');
    });
    expect(events.map((e) => e.exception?.values?.[0].value ?? messageOf(e))).toEqual(['null is fine here', 'kept message']);
  });

  it('takes ignoreErrors given to the integration too', async () => {
    const test = createTestClient({ integrations: [inboundFiltersIntegration({ ignoreErrors: ['noise'] })] });
    test.client.captureMessage('some noise');
    await test.client.flush(1000);
    expect(test.events()).toEqual([]);
  });

  it('drops errors whose top frame matches denyUrls', async () => {
    const { events } = await sent({ denyUrls: [/extensions\//, 'ads.example'] }, ({ client }) => {
      client.captureException(errorAt('from extension', 'chrome-extension://abc/extensions/x.js'));
      client.captureException(errorAt('from ads', 'https://ads.example/tag.js'));
      client.captureException(errorAt('from app', 'https://shop.example/app.js'));
    });
    expect(events.map((e) => e.exception?.values?.[0].value)).toEqual(['from app']);
  });

  it('keeps only errors whose top frame matches allowUrls, and events without frames', async () => {
    const { events } = await sent({ allowUrls: ['https://shop.example/'] }, ({ client }) => {
      client.captureException(errorAt('third party', 'https://cdn.other.example/lib.js'));
      client.captureException(errorAt('ours', 'https://shop.example/app.js'));
      client.captureMessage('no frames');
    });
    expect(events.map((e: Event) => e.exception?.values?.[0].value ?? messageOf(e))).toEqual(['ours', 'no frames']);
  });

  it('skips <anonymous> and native frames to find the top frame URL', async () => {
    const { events } = await sent({ denyUrls: ['ads.example'] }, ({ client }) => {
      client.captureEvent({
        exception: { values: [{ type: 'Error', value: 'x', stacktrace: { frames: [{ filename: 'https://ads.example/a.js' }, { filename: '<anonymous>' }, { filename: '[native code]' }] } }] },
      });
    });
    expect(events).toEqual([]);
  });

  it('never filters feedback', async () => {
    const test = createTestClient({ integrations: [inboundFiltersIntegration()], ignoreErrors: ['broken'] });
    test.client.captureEvent({ type: 'feedback', message: 'broken', contexts: { feedback: { message: 'broken' } } });
    await test.client.flush(1000);
    expect(test.items('feedback')).toHaveLength(1);
  });
});
