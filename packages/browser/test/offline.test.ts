// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createEnvelope, createTransport, parseEnvelope } from '@faultline/core';
import type { Transport } from '@faultline/core';
import { makeBrowserOfflineTransport } from '../src/offline/transport';
import type { FetchTransportOptions } from '../src/transports/fetch';

describe('makeBrowserOfflineTransport(makeTransport), as @sentry/browser takes it', () => {
  it('returns a transport factory that sends through the given transport', async () => {
    const sent: unknown[] = [];
    const created: FetchTransportOptions[] = [];
    const makeTransport = (options: FetchTransportOptions): Transport => {
      created.push(options);
      return createTransport(options, async (request) => {
        sent.push(parseEnvelope(request.body)[0].event_id);
        return { statusCode: 200 };
      });
    };
    const factory = makeBrowserOfflineTransport(makeTransport);
    expect(typeof factory).toBe('function');
    const url = 'https://ingest.example.com/api/1/envelope/?sentry_key=k';
    const transport = factory({ url, recordDroppedEvent: () => undefined });
    await transport.send(createEnvelope({ event_id: 'a' }, [[{ type: 'event' }, { event_id: 'a' }]]));
    expect(created.map((options) => options.url)).toEqual([url]);
    expect(sent).toEqual(['a']);
  });
});
