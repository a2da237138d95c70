// Requests made by hand the way Sentry's developer docs describe them (curl-style), beyond
// what the SDKs send: the other auth header, ids with dashes, /store/ bodies of older SDKs.

import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EVENT_ITEM_LIMIT } from '../src/limits';
import type { Inbox } from '../src/types';
import { errorEvent, EVENT_ID, eventEnvelope, postEnvelope, testInbox } from './helpers';

const DASHED_ID = '9EC79C33-EC99-42AB-8353-589FCB2E04DC';

describe('hand-made requests', () => {
  it('takes the key from Authorization: Sentry sentry_key=..., as Relay does', async () => {
    const inbox = await testInbox();
    const auth = `Sentry sentry_version=7, sentry_client=curl/8.5, sentry_key=${inbox.key}`;
    const response = await postEnvelope(inbox, eventEnvelope(), { auth: 'none', headers: { Authorization: auth } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: EVENT_ID });

    const wrong = await postEnvelope(inbox, eventEnvelope(), { auth: 'none', headers: { Authorization: 'Sentry sentry_key=wrong' } });
    expect(wrong.status).toBe(403);
    expect(inbox.events()).toHaveLength(1);
  });

  it('takes the key as the user name of Authorization: Basic, as Relay does (curl -u key:)', async () => {
    const inbox = await testInbox();
    const basic = (credentials: string) => ({ Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });
    const response = await postEnvelope(inbox, eventEnvelope(), { auth: 'none', headers: basic(`${inbox.key}:`) });
    expect(response.status).toBe(200);
    expect((await postEnvelope(inbox, eventEnvelope(), { auth: 'none', headers: basic('someone:else') })).status).toBe(403);
    expect(inbox.events()).toHaveLength(1);
  });

  it('takes Authorization: DSN <dsn> when the DSN names the project of the path', async () => {
    const inbox = await testInbox();
    const response = await postEnvelope(inbox, eventEnvelope(), { auth: 'none', headers: { Authorization: `DSN ${inbox.dsn}` } });
    expect(response.status).toBe(200);

    const otherProject = inbox.dsn.replace(/\/1$/, '/2');
    const refused = await postEnvelope(inbox, eventEnvelope(), { auth: 'none', headers: { Authorization: `DSN ${otherProject}` } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-sentry-error')).toMatch(/Authorization DSN does not match/);
    // Another scheme is no key at all.
    const bearer = await postEnvelope(inbox, eventEnvelope(), { auth: 'none', headers: { Authorization: `Bearer ${inbox.key}` } });
    expect(bearer.status).toBe(403);
    expect(inbox.events()).toHaveLength(1);
  });

  it('answers the id as 32 lower-case hex digits when it was sent with dashes', async () => {
    const inbox = await testInbox();
    const response = await postEnvelope(inbox, eventEnvelope(errorEvent({ event_id: DASHED_ID })));
    expect(await response.json()).toEqual({ id: EVENT_ID });
  });

  it('takes event_id null, in the envelope header and the event, as no id', async () => {
    const inbox = await testInbox();
    const body = eventEnvelope(errorEvent({ event_id: null }), { event_id: null });
    const response = await postEnvelope(inbox, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(inbox.events()).toHaveLength(1);
  });

  it('gives a /store/ event sent without event_id an id, answered and kept in the envelope header', async () => {
    const inbox = await testInbox();
    const response = await fetch(`${inbox.url}/api/1/store/?sentry_version=7&sentry_key=${inbox.key}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'sent by curl', level: 'info' }),
    });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const [stored] = inbox.envelopes();
    expect(stored.headers.event_id).toBe(id);
    // The event itself is stored as sent.
    expect(inbox.events()[0]).toMatchObject({ message: 'sent by curl' });
    expect(inbox.events()[0].event_id).toBeUndefined();
  });

  it('takes a /store/ event as base64 of zlib data, as raven-era SDKs sent it, and as plain base64', async () => {
    const inbox = await testInbox();
    const json = JSON.stringify(errorEvent({ message: 'from raven' }));
    const ravenBody = deflateSync(json).toString('base64');
    const raven = await postStore(inbox, ravenBody, 'application/octet-stream');
    expect(raven.status).toBe(200);
    expect(await raven.json()).toEqual({ id: EVENT_ID });
    expect((await postStore(inbox, Buffer.from(json).toString('base64'))).status).toBe(200);
    // Stored as the JSON it carried.
    expect(inbox.events().map((event) => event.message)).toEqual(['from raven', 'from raven']);
    expect(Buffer.from(inbox.envelopes()[0].body).toString()).toContain(`\n${json}\n`);
  });

  it('answers 413 to base64 zlib data that inflates past the event limit, and 400 to base64 of neither', async () => {
    const inbox = await testInbox();
    const bomb = deflateSync(JSON.stringify({ blob: 'x'.repeat(EVENT_ITEM_LIMIT) })).toString('base64');
    expect((await postStore(inbox, bomb)).status).toBe(413);
    const neither = await postStore(inbox, Buffer.from('not zlib').toString('base64'));
    expect(neither.status).toBe(400);
    expect(neither.headers.get('x-sentry-error')).toMatch(/base64/);
    expect(inbox.envelopes()).toEqual([]);
  });

  it('stores a /store/ event of type transaction as a transaction item, not an error', async () => {
    const inbox = await testInbox();
    const transaction = { event_id: EVENT_ID, type: 'transaction', transaction: 'GET /cart', spans: [], start_timestamp: 1, timestamp: 2 };
    expect((await postStore(inbox, JSON.stringify(transaction))).status).toBe(200);
    expect(inbox.envelopes()[0].items.map(([item]) => item.type)).toEqual(['transaction']);
    expect(inbox.events()).toEqual([]);
  });
});

function postStore(inbox: Inbox, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${inbox.url}/api/1/store/?sentry_version=7&sentry_key=${inbox.key}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  });
}
