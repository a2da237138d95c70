import { beforeEach, describe, expect, it } from 'vitest';
import { toWireEvent } from '../src/prepareevent';
import { Scope } from '../src/scope';
import type { Event } from '../src/types';
import { createTestClient, resetGlobals } from './helpers';

/** The event item exactly as it goes over the wire. */
function eventJson(body: string | Uint8Array): unknown {
  const lines = String(body).split('\n');
  const index = lines.findIndex((line) => line.startsWith('{"type":"event"'));
  return JSON.parse(lines[index + 1]);
}

describe('toWireEvent', () => {
  it('sends a text message as logentry, with no top-level message', () => {
    expect(toWireEvent({ level: 'warning', message: 'disk almost full' })).toEqual({
      level: 'warning',
      logentry: { message: 'disk almost full', formatted: 'disk almost full' },
    });
  });

  it('sends a message object as logentry, keeping only well-typed fields', () => {
    const message = { message: 'order %s failed', formatted: 'order 42 failed', params: ['42'] };
    expect(toWireEvent({ message })).toEqual({ logentry: message });
    const mistyped = { message: 7, formatted: 'order 42 failed', params: 'not a list' } as unknown as Event['message'];
    expect(toWireEvent({ message: mistyped })).toEqual({ logentry: { formatted: 'order 42 failed' } });
    expect(toWireEvent({ message: 7 as never })).toEqual({});
  });

  it('keeps a logentry the event already has', () => {
    const logentry = { message: 'from the user %s', params: ['ada'] };
    expect(toWireEvent({ message: 'ignored', logentry })).toEqual({ logentry });
  });

  it('sends level log as info and leaves the given event untouched', () => {
    const event: Event = { level: 'log', message: 'logged' };
    expect(toWireEvent(event)).toEqual({ level: 'info', logentry: { message: 'logged', formatted: 'logged' } });
    expect(event).toEqual({ level: 'log', message: 'logged' });
  });

  it('sends tag values as text, as the server’s schema wants them', () => {
    const tags = { n: 5, ok: true, big: 10n, none: null, text: 'a', gone: undefined, odd: { a: 1 } } as never;
    expect(toWireEvent({ tags })).toEqual({ tags: { n: '5', ok: 'true', big: '10', none: null, text: 'a', odd: '{"a":1}' } });
    const strings: Event = { tags: { a: 'b' } };
    expect(toWireEvent(strings)).toBe(strings);
  });

  it('sends breadcrumbs as the schema takes them: known levels only, text type, category and message', () => {
    const values = [
      { message: 'fine', level: 'warning', category: 'ui.click', timestamp: 1 },
      { message: 'console', level: 'log', timestamp: 2 },
      { message: 'made up', level: 'critical', timestamp: 3 },
      { message: 42, category: 5, type: true, timestamp: 4 },
    ] as never;
    expect(toWireEvent({ breadcrumbs: { values } }).breadcrumbs?.values).toEqual([
      { message: 'fine', level: 'warning', category: 'ui.click', timestamp: 1 },
      { message: 'console', level: 'info', timestamp: 2 },
      { message: 'made up', timestamp: 3 },
      { message: '42', category: '5', type: 'true', timestamp: 4 },
    ]);
    const fine: Event = { breadcrumbs: { values: [{ message: 'ok', level: 'info' }] } };
    expect(toWireEvent(fine)).toBe(fine);
  });

  it('sends user ids and names, fingerprint parts and request header values as text; an unknown level not at all', () => {
    const event = {
      level: 'critical',
      user: { id: 42, username: 7, email: 'a@example.com', geo: { city: 'Lyon' } },
      fingerprint: ['{{ default }}', 500, true],
      request: { url: new URL('https://x.example/'), headers: { 'X-Count': 5, Accept: ['text/html', 'application/json'], Host: 'x.example', Gone: null }, query_string: { page: 2, q: 'a' } },
    } as never;
    expect(toWireEvent(event)).toEqual({
      user: { id: '42', username: '7', email: 'a@example.com', geo: { city: 'Lyon' } },
      fingerprint: ['{{ default }}', '500', 'true'],
      request: { url: 'https://x.example/', headers: { 'X-Count': '5', Accept: 'text/html, application/json', Host: 'x.example', Gone: null }, query_string: { page: '2', q: 'a' } },
    });
  });

  it('returns an event without a message as it is', () => {
    const event: Event = { exception: { values: [{ type: 'Error', value: 'x' }] } };
    expect(toWireEvent(event)).toBe(event);
  });
});

describe('message events on the wire', () => {
  beforeEach(resetGlobals);

  it('carry logentry while beforeSend and processors still see message', async () => {
    const seen: unknown[] = [];
    const test = createTestClient({
      beforeSend: (event) => {
        seen.push(event.message);
        return event;
      },
    });
    test.client.captureMessage('checkout finished', 'log');
    test.client.captureEvent({ message: { message: 'order %s failed', params: ['42'], formatted: 'order 42 failed' } });
    await test.client.flush(1000);
    expect(seen).toEqual(['checkout finished', { message: 'order %s failed', params: ['42'], formatted: 'order 42 failed' }]);
    const [logged, formatted] = test.bodies.map(eventJson) as Event[];
    expect(logged).not.toHaveProperty('message');
    expect(logged).toMatchObject({ level: 'info', logentry: { message: 'checkout finished', formatted: 'checkout finished' } });
    expect(formatted).not.toHaveProperty('message');
    expect(formatted.logentry).toEqual({ message: 'order %s failed', formatted: 'order 42 failed', params: ['42'] });
  });

  it('carry setTag numbers and booleans as text', async () => {
    const test = createTestClient();
    test.client.captureMessage('tagged', 'info', undefined, new Scope().setTags({ attempt: 3, retried: false }));
    await test.client.flush(1000);
    expect((eventJson(test.bodies[0]) as Event).tags).toEqual({ attempt: '3', retried: 'false' });
  });
});
