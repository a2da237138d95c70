import { describe, expect, it } from 'vitest';
import { eventEnvelope, postEnvelope, testInbox } from './helpers';

describe('CORS', () => {
  it('answers a preflight for the envelope endpoint', async () => {
    const inbox = await testInbox();
    const response = await fetch(`${inbox.url}/api/1/envelope/`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-sentry-auth',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-sentry-auth');
    expect(inbox.requests().map((request) => request.method)).toEqual(['OPTIONS']);
  });

  it('lets a page read the status and rate-limit headers of every ingest answer', async () => {
    const inbox = await testInbox();
    const accepted = await postEnvelope(inbox, eventEnvelope(), { headers: { Origin: 'http://app.example' } });
    const refused = await postEnvelope(inbox, eventEnvelope(), { auth: 'none' });
    for (const response of [accepted, refused]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toBe('X-Sentry-Rate-Limits, Retry-After');
    }
  });

  it('sends no CORS headers on the read endpoints', async () => {
    const inbox = await testInbox();
    for (const path of ['/', '/api/1/events/', '/api/1/envelopes/']) {
      const response = await fetch(`${inbox.url}${path}`, { headers: { Origin: 'http://evil.example' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
