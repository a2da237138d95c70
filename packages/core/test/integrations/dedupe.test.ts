import { beforeEach, describe, expect, it } from 'vitest';
import { dedupeIntegration } from '../../src/integrations/index';
import type { ClientReport } from '../../src/types';
import { createTestClient, messageOf, resetGlobals } from '../helpers';

function errorWithStack(message: string, line = 1): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n    at thrower (https://shop.example/app.js:${line}:1)`;
  return error;
}

describe('dedupeIntegration', () => {
  beforeEach(resetGlobals);

  it('drops an error equal to the previous one (type, value, frames) and counts it', async () => {
    const test = createTestClient({ integrations: [dedupeIntegration()] });
    test.client.captureException(errorWithStack('same'));
    test.client.captureException(errorWithStack('same'));
    test.client.captureException(errorWithStack('same', 2));
    test.client.captureException(errorWithStack('other', 2));
    await test.client.flush(1000);
    expect(test.events().map((e) => [e.exception?.values?.[0].value, e.exception?.values?.[0].stacktrace?.frames?.[0].lineno])).toEqual([
      ['same', 1],
      ['same', 2],
      ['other', 2],
    ]);
    expect(test.items<ClientReport>('client_report').flatMap((r) => r.discarded_events)).toEqual([{ reason: 'event_processor', category: 'error', quantity: 1 }]);
  });

  it('drops a message equal to the previous one, not one that came back later', async () => {
    const test = createTestClient({ integrations: [dedupeIntegration()] });
    for (const message of ['a', 'a', 'b', 'a']) test.client.captureMessage(message);
    await test.client.flush(1000);
    expect(test.events().map(messageOf)).toEqual(['a', 'b', 'a']);
  });

  it('keeps events that differ only in fingerprint', async () => {
    const test = createTestClient({ integrations: [dedupeIntegration()] });
    test.client.captureEvent({ message: 'm', fingerprint: ['one'] });
    test.client.captureEvent({ message: 'm', fingerprint: ['two'] });
    await test.client.flush(1000);
    expect(test.events()).toHaveLength(2);
  });

  it('keeps a message after an error with the same text', async () => {
    const test = createTestClient({ integrations: [dedupeIntegration()] });
    test.client.captureException(errorWithStack('text'));
    test.client.captureMessage('text');
    await test.client.flush(1000);
    expect(test.events()).toHaveLength(2);
  });
});
