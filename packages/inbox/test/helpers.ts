// Shared by the inbox tests: a started inbox per test, closed afterwards, and request helpers.

import { afterEach } from 'vitest';
import { createEnvelope, serializeEnvelope, type EnvelopeItem } from '@faultline/core';
import { startInbox } from '../src/index';
import type { Inbox, InboxOptions } from '../src/types';

const running: Inbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((inbox) => inbox.close()));
});

/** A quiet inbox on a free port, closed after the test. */
export async function testInbox(options: InboxOptions = {}): Promise<Inbox> {
  const inbox = await startInbox({ quiet: true, ...options });
  running.push(inbox);
  return inbox;
}

export const EVENT_ID = '9ec79c33ec9942ab8353589fcb2e04dc';

export function errorEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: EVENT_ID,
    timestamp: 1764324000.5,
    platform: 'node',
    level: 'error',
    release: 'shop@1.2.3',
    environment: 'staging',
    sdk: { name: 'faultline.javascript.node', version: '0.1.0' },
    exception: {
      values: [
        {
          type: 'TypeError',
          value: 'cart.items is undefined',
          mechanism: { type: 'onerror', handled: false },
          stacktrace: {
            frames: [
              { filename: 'node:internal/timers', function: 'listOnTimeout', lineno: 1, colno: 1, in_app: false },
              {
                filename: 'src/cart.js',
                function: 'total',
                lineno: 12,
                colno: 5,
                in_app: true,
                pre_context: ['function total(cart) {', '  let sum = 0;'],
                context_line: '  for (const item of cart.items) {',
                post_context: ['    sum += item.price;', '  }'],
              },
            ],
          },
        },
      ],
    },
    breadcrumbs: { values: [{ timestamp: 1764323999, category: 'ui.click', message: 'button#checkout' }] },
    ...overrides,
  };
}

/** An envelope with one event item, as a string. */
export function eventEnvelope(event: Record<string, unknown> = errorEvent(), headers: Record<string, unknown> = {}): string {
  const envelopeHeaders = { event_id: event.event_id as string, sent_at: '2025-11-28T10:00:00.000Z', ...headers };
  return serializeEnvelope(createEnvelope(envelopeHeaders, [[{ type: 'event' }, event]])) as string;
}

export function envelopeOf(items: EnvelopeItem[], headers: Record<string, unknown> = {}): string | Uint8Array {
  return serializeEnvelope(createEnvelope(headers, items));
}

/** POSTs to the inbox's envelope endpoint with the key in the query string, unless told otherwise. */
export function postEnvelope(
  inbox: Inbox,
  body: string | Uint8Array,
  { path = '/api/1/envelope/', auth = 'query', headers = {} }: { path?: string; auth?: 'query' | 'none'; headers?: Record<string, string> } = {},
): Promise<Response> {
  const query = auth === 'query' ? `?sentry_version=7&sentry_key=${inbox.key}` : '';
  return fetch(`${inbox.url}${path}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-sentry-envelope', ...headers },
    // A copy typed as ArrayBuffer-backed, which is what fetch's types take.
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

export async function listEvents(inbox: Inbox, project = '1'): Promise<Array<Record<string, any>>> {
  const response = await fetch(`${inbox.url}/api/${project}/events/`);
  return (await response.json()) as Array<Record<string, any>>;
}
