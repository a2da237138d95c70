import { describe, expect, it } from 'vitest';
import { errorEvent, EVENT_ID, eventEnvelope, listEvents, postEnvelope, testInbox } from './helpers';

describe('POST /api/<project>/envelope/', () => {
  it('stores an event and lists it with its received time', async () => {
    const inbox = await testInbox();
    const response = await postEnvelope(inbox, eventEnvelope());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: EVENT_ID });

    const [event] = await listEvents(inbox);
    expect(event.exception.values[0]).toMatchObject({ type: 'TypeError', value: 'cart.items is undefined' });
    expect(Date.now() - Date.parse(event.received)).toBeLessThan(60_000);
    expect(inbox.events()).toHaveLength(1);
  });

  it('takes the path without its trailing slash', async () => {
    const inbox = await testInbox();
    expect((await postEnvelope(inbox, eventEnvelope(), { path: '/api/1/envelope' })).status).toBe(200);
  });

  it('takes the key from X-Sentry-Auth', async () => {
    const inbox = await testInbox();
    const auth = `Sentry sentry_version=7, sentry_client=test/1.0, sentry_key=${inbox.key}`;
    const response = await postEnvelope(inbox, eventEnvelope(), { auth: 'none', headers: { 'X-Sentry-Auth': auth } });
    expect(response.status).toBe(200);
    expect(inbox.events()).toHaveLength(1);
  });

  it('lists newest first and per project', async () => {
    const inbox = await testInbox();
    for (const [project, message] of [['1', 'first'], ['2', 'other project'], ['1', 'second']]) {
      const event = errorEvent({ event_id: undefined, exception: undefined, message });
      const response = await postEnvelope(inbox, eventEnvelope(event, { event_id: undefined }), { path: `/api/${project}/envelope/` });
      expect(response.status).toBe(200);
    }
    expect((await listEvents(inbox, '1')).map((event) => event.message)).toEqual(['second', 'first']);
    expect((await listEvents(inbox, '2')).map((event) => event.message)).toEqual(['other project']);
    expect(inbox.events().map((event) => event.message)).toEqual(['first', 'other project', 'second']);
  });

  it('keeps every item type in /envelopes/, attachments as base64', async () => {
    const inbox = await testInbox();
    const body = [
      JSON.stringify({ sent_at: '2025-11-28T10:00:00.000Z' }),
      JSON.stringify({ type: 'session' }),
      JSON.stringify({ sid: 'abc', status: 'ok', errors: 0 }),
      JSON.stringify({ type: 'attachment', length: 3, filename: 'a.bin' }),
      '\u0000\u0001\u0002',
      JSON.stringify({ type: 'client_report' }),
      JSON.stringify({ timestamp: 1700000000, discarded_events: [{ reason: 'queue_overflow', category: 'error', quantity: 3 }] }),
      '',
    ].join('\n');
    expect((await postEnvelope(inbox, body)).status).toBe(200);

    const [stored] = (await (await fetch(`${inbox.url}/api/1/envelopes/`)).json()) as any[];
    expect(stored.items.map((item: any) => item.headers.type)).toEqual(['session', 'attachment', 'client_report']);
    expect(stored.items[0].payload).toEqual({ sid: 'abc', status: 'ok', errors: 0 });
    expect(stored.items[1].payload).toEqual({ base64: 'AAEC' });
    expect(stored.items[2].payload.discarded_events[0].quantity).toBe(3);
    expect(await listEvents(inbox)).toEqual([]);
  });

  it('normalizes leading zeros in the project id', async () => {
    const inbox = await testInbox();
    expect((await postEnvelope(inbox, eventEnvelope(), { path: '/api/001/envelope/' })).status).toBe(200);
    expect(await listEvents(inbox, '1')).toHaveLength(1);
  });
});

describe('POST /api/<project>/store/ (legacy)', () => {
  it('stores the event as an envelope with one event item, its bytes unchanged', async () => {
    const inbox = await testInbox();
    const json = JSON.stringify(errorEvent());
    const response = await postEnvelope(inbox, json, { path: '/api/1/store/', headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: EVENT_ID });

    const [stored] = inbox.envelopes();
    const expected = `{"event_id":"${EVENT_ID}"}\n{"type":"event","length":${Buffer.byteLength(json)}}\n${json}\n`;
    expect(Buffer.from(stored.body).toString('utf8')).toBe(expected);
    expect((await listEvents(inbox))[0].exception.values[0].type).toBe('TypeError');
  });

  it('refuses a body that is not a JSON object', async () => {
    const inbox = await testInbox();
    for (const body of ['[1,2]', 'not json', '"text"']) {
      const response = await postEnvelope(inbox, body, { path: '/api/1/store' });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-sentry-error')).toMatch(/store/);
    }
    expect(inbox.envelopes()).toEqual([]);
  });
});

describe('auth', () => {
  it('answers 403 with X-Sentry-Error for a missing or wrong key, storing nothing', async () => {
    const inbox = await testInbox();
    const missing = await postEnvelope(inbox, eventEnvelope(), { auth: 'none' });
    expect(missing.status).toBe(403);
    expect(missing.headers.get('x-sentry-error')).toMatch(/missing sentry_key/);

    const wrong = await fetch(`${inbox.url}/api/1/envelope/?sentry_key=${inbox.key}x`, { method: 'POST', body: eventEnvelope() });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('x-sentry-error')).toBe('invalid sentry_key');

    const wrongHeader = await postEnvelope(inbox, eventEnvelope(), {
      auth: 'none',
      headers: { 'X-Sentry-Auth': 'Sentry sentry_key=nope, sentry_version=7' },
    });
    expect(wrongHeader.status).toBe(403);

    const store = await postEnvelope(inbox, JSON.stringify(errorEvent()), { path: '/api/1/store/', auth: 'none' });
    expect(store.status).toBe(403);
    expect(inbox.envelopes()).toEqual([]);
  });

  it('accepts a tunnelled envelope whose header dsn names this key and project', async () => {
    const inbox = await testInbox();
    const response = await postEnvelope(inbox, eventEnvelope(errorEvent(), { dsn: inbox.dsn }), { auth: 'none' });
    expect(response.status).toBe(200);
    expect(inbox.events()).toHaveLength(1);
  });

  it('refuses a tunnelled envelope with another key, another project or a broken dsn', async () => {
    const inbox = await testInbox();
    const dsns = [
      inbox.dsn.replace(inbox.key, 'f'.repeat(32)),
      inbox.dsn.replace(/\/1$/, '/2'),
      'not a dsn',
      `http://${inbox.key}@127.0.0.1:1/x`,
    ];
    for (const dsn of dsns) {
      const response = await postEnvelope(inbox, eventEnvelope(errorEvent(), { dsn }), { auth: 'none' });
      expect(response.status, dsn).toBe(403);
      expect(response.headers.get('x-sentry-error')).toMatch(/dsn/);
    }
    expect(inbox.envelopes()).toEqual([]);
  });

  it('does not tell a stranger why an envelope is malformed', async () => {
    const inbox = await testInbox();
    const response = await postEnvelope(inbox, '{"broken', { auth: 'none' });
    expect(response.status).toBe(403);
  });
});

describe('refusals', () => {
  it('answers 400 for a malformed envelope and stores nothing', async () => {
    const inbox = await testInbox();
    const bodies = [
      '',
      'not json\n',
      '{}\n{"type":"event","length":100}\n{"short":1}\n',
      '{}\n{"length":2}\n{}\n',
      '{}\n{"type":"event"}\n[1,2,3]\n',
      '{}\n',
      '{"event_id":"not-a-uuid"}\n{"type":"event"}\n{}\n',
      '{"sent_at":"yesterday"}\n{"type":"event"}\n{}\n',
      `${eventEnvelope()}{"type":"event","length":5}\n{"a":1\n`,
    ];
    for (const body of bodies) {
      const response = await postEnvelope(inbox, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('x-sentry-error')).toBeTruthy();
    }
    expect(inbox.envelopes()).toEqual([]);
    expect(await listEvents(inbox)).toEqual([]);
  });

  it('answers 404 elsewhere, 405 for a wrong method and 400 for a non-numeric project', async () => {
    const inbox = await testInbox();
    expect((await fetch(`${inbox.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${inbox.url}/api/1/unknown/`, { method: 'POST', body: '{}' })).status).toBe(404);
    const get = await fetch(`${inbox.url}/api/1/envelope/`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    const named = await postEnvelope(inbox, eventEnvelope(), { path: '/api/abc/envelope/' });
    expect(named.status).toBe(400);
    expect(named.headers.get('x-sentry-error')).toMatch(/project id must be a number/);
    const traversal = await postEnvelope(inbox, eventEnvelope(), { path: '/api/..%2F..%2Fetc/envelope/' });
    expect(traversal.status).toBe(400);
    expect(inbox.envelopes()).toEqual([]);
  });
});
