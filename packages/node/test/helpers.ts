// A Node `init` whose transport keeps what the server would receive, for in-process tests.

import type { Event, Integration } from '@faultline/core';
import { createTestTransport, resetGlobals, TEST_DSN } from '../../core/test/helpers';
import { init } from '../src/sdk';
import type { NodeOptions } from '../src/sdk';

export { resetGlobals };

export function initNodeTest(integrations: Integration[], options: NodeOptions = {}) {
  const sink = createTestTransport();
  const client = init({ dsn: TEST_DSN, defaultIntegrations: integrations, transport: sink.transport, ...options });
  if (!client) throw new Error('init returned no client');
  const items = <T>(type: string): T[] =>
    sink.envelopes.flatMap(([, list]) => list.filter(([headers]) => headers.type === type).map(([, payload]) => payload as T));
  return { client, items, events: () => items<Event>('event') };
}
