// Test helpers: real Clients with an in-memory transport that keeps what the server
// would have received (serialized, then parsed back, so the wire format is exercised).

import { Client } from '../src/client';
import { getDefaultCurrentScope, getDefaultIsolationScope, getGlobalScope, getInstalledIntegrations, setAsyncContextStrategy } from '../src/asynccontext';
import { parseEnvelope, serializeEnvelope } from '../src/envelope';
import { initAndBind } from '../src/sdk';
import type { ClientOptions, Envelope, Event, StackFrame, StackParser, Transport } from '../src/types';

export const TEST_DSN = 'https://public@ingest.example.com/42';

/** Parses `    at fn (file:line:col)` lines only: enough for core tests, independent of src/stack. */
export const testStackParser: StackParser = (stack) => {
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    const match = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (match) {
      frames.push({ function: match[1] ?? '?', filename: match[2], lineno: Number(match[3]), colno: Number(match[4]) });
    }
  }
  return frames.reverse();
};

export interface TestTransport {
  transport: (options: { url: string }) => Transport;
  /** Every envelope sent, as the server parses it. */
  envelopes: Envelope[];
  /** Raw request bodies. */
  bodies: Array<string | Uint8Array>;
  /** URLs the transport was created with. */
  urls: string[];
}

export function createTestTransport(): TestTransport {
  const envelopes: Envelope[] = [];
  const bodies: Array<string | Uint8Array> = [];
  const urls: string[] = [];
  const transport = ({ url }: { url: string }): Transport => {
    urls.push(url);
    return {
      send: async (envelope) => {
        const body = serializeEnvelope(envelope);
        bodies.push(body);
        envelopes.push(parseEnvelope(body));
        return { statusCode: 200 };
      },
      flush: async () => true,
    };
  };
  return { transport, envelopes, bodies, urls };
}

export interface TestClient extends TestTransport {
  client: Client;
  /** Payloads of every item of `type` sent so far. */
  items<T = unknown>(type: string): T[];
  /** Every `event` payload sent so far. */
  events(): Event[];
}

function withItems(client: Client, sink: TestTransport): TestClient {
  const items = <T>(type: string): T[] =>
    sink.envelopes.flatMap(([, list]) => list.filter(([headers]) => headers.type === type).map(([, payload]) => payload as T));
  return { client, ...sink, items, events: () => items<Event>('event') };
}

export function testOptions(options: Partial<ClientOptions>, sink: TestTransport): ClientOptions {
  return { dsn: TEST_DSN, integrations: [], stackParser: testStackParser, transport: sink.transport, ...options };
}

/** A standalone client (not bound to the global API), already `init`ed. */
export function createTestClient(options: Partial<ClientOptions> = {}): TestClient {
  const sink = createTestTransport();
  const client = new Client(testOptions(options, sink));
  client.init();
  return withItems(client, sink);
}

/** A client installed behind the global API via `initAndBind`. */
export function initTestClient(options: Partial<ClientOptions> = {}): TestClient {
  const sink = createTestTransport();
  const client = initAndBind(testOptions(options, sink)) as Client;
  return withItems(client, sink);
}

/** Clears every global scope, the client and the strategy: call in `beforeEach`. */
export function resetGlobals(): void {
  setAsyncContextStrategy(undefined);
  for (const scope of [getGlobalScope(), getDefaultCurrentScope(), getDefaultIsolationScope()]) {
    scope.clear();
    scope.setClient(undefined);
    scope.setLastEventId(undefined);
  }
  getInstalledIntegrations().clear();
}

/**
 * The text of an event as the server receives it. The schema has no top-level `message`
 * (the SDK sends it as `logentry`), so finding one there fails the test.
 */
export function messageOf(event: Event | undefined): string | undefined {
  if (event && 'message' in event) throw new Error(`top-level "message" on the wire: ${JSON.stringify(event.message)}`);
  return event?.logentry?.formatted;
}
