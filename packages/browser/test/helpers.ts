// Browser unit tests run the real `init` with core's in-memory transport, which keeps what
// the server would have received.
import { createTestTransport, TEST_DSN, testStackParser } from '../../core/test/helpers';
import type { Envelope, Event } from '@faultline/core';
import { init, type BrowserOptions } from '../src/sdk';

export { TEST_DSN };

export interface BrowserTestSdk {
  /** Every envelope sent, as the server parses it. */
  envelopes: Envelope[];
  /** Payloads of every item of `type` sent so far. */
  items<T = unknown>(type: string): T[];
  events(): Event[];
  /** URLs the transport was created with. */
  urls: string[];
  /** Forgets what was sent so far. */
  reset(): void;
}

/**
 * `init` with a recording transport. Integrations patch globals once per process, so call
 * it once per test file (in `beforeAll`) and `reset()` between tests.
 */
export function initForTest(options: BrowserOptions = {}): BrowserTestSdk {
  const sink = createTestTransport();
  init({ dsn: TEST_DSN, transport: sink.transport, stackParser: testStackParser, ...options });
  const items = <T>(type: string): T[] =>
    sink.envelopes.flatMap(([, list]) => list.filter(([headers]) => headers.type === type).map(([, payload]) => payload as T));
  return {
    envelopes: sink.envelopes,
    items,
    events: () => items<Event>('event'),
    urls: sink.urls,
    reset: () => sink.envelopes.splice(0),
  };
}

// Kept from load time: a test may replace the page's timers.
const realSetTimeout = globalThis.setTimeout;

/** Lets queued promise callbacks (an event's async processing, a fetch) run. */
export function settle(ms = 0): Promise<void> {
  return new Promise((done) => realSetTimeout(done, ms));
}
