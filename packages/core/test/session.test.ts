import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeSession, makeSession, sessionToJSON, updateSession, updateSessionFromEvent } from '../src/session';

describe('session', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00.000Z') }));
  afterEach(() => vi.useRealTimers());

  it('starts ok, with no errors and a 32-hex sid', () => {
    const session = makeSession({ release: 'shop@1.0.0', environment: 'staging', user_agent: 'UA', did: 42 });
    expect(session).toMatchObject({ status: 'ok', errors: 0, init: true, did: '42', release: 'shop@1.0.0' });
    expect(session.sid).toMatch(/^[0-9a-f]{32}$/);
  });

  it('makes its random id only when first read, then keeps it (no crypto work at init)', () => {
    const randomUUID = vi.spyOn(globalThis.crypto, 'randomUUID');
    try {
      const session = makeSession({ release: 'shop@1.0.0' });
      expect(randomUUID).not.toHaveBeenCalled();
      const sid = session.sid;
      expect(sessionToJSON(session).sid).toBe(sid);
      expect(randomUUID).toHaveBeenCalledTimes(1);
      session.sid = 'f'.repeat(32);
      expect(session.sid).toBe('f'.repeat(32));
    } finally {
      randomUUID.mockRestore();
    }
  });

  it('serializes to the protocol session item: ISO timestamps, duration in seconds, attrs', () => {
    const session = makeSession({ release: 'shop@1.0.0', environment: 'production', user_agent: 'UA/1', did: 'u1' });
    vi.advanceTimersByTime(1500);
    closeSession(session);
    expect(JSON.parse(JSON.stringify(sessionToJSON(session)))).toEqual({
      sid: session.sid,
      did: 'u1',
      init: true,
      started: '2026-11-28T10:00:00.000Z',
      timestamp: '2026-11-28T10:00:01.500Z',
      status: 'exited',
      errors: 0,
      duration: 1.5,
      attrs: { release: 'shop@1.0.0', environment: 'production', user_agent: 'UA/1' },
    });
  });

  it('closeSession keeps a crashed status and sets an explicit one', () => {
    const crashed = updateSession(makeSession(), { status: 'crashed' });
    expect(closeSession(crashed).status).toBe('crashed');
    expect(closeSession(makeSession(), 'abnormal').status).toBe('abnormal');
  });

  it('counts error events and asks to send only on the first error and on a crash', () => {
    const session = makeSession({ release: 'r' });
    const handled = { exception: { values: [{ type: 'Error', mechanism: { type: 'generic', handled: true } }] } };
    expect(updateSessionFromEvent(session, handled)).toBe(true);
    expect(updateSessionFromEvent(session, handled)).toBe(false);
    expect(session.errors).toBe(2);
    const unhandled = { exception: { values: [{ type: 'Error', mechanism: { type: 'onerror', handled: false } }] } };
    expect(updateSessionFromEvent(session, unhandled)).toBe(true);
    expect(session).toMatchObject({ status: 'crashed', errors: 3 });
    expect(updateSessionFromEvent(session, handled)).toBe(false);
    expect(session.errors).toBe(3);
  });

  it('ignores messages and events below error level', () => {
    const session = makeSession({ release: 'r' });
    expect(updateSessionFromEvent(session, { message: 'hello', level: 'info' })).toBe(false);
    expect(updateSessionFromEvent(session, { level: 'warning', exception: { values: [{ type: 'E' }] } })).toBe(false);
    expect(session.errors).toBe(0);
  });
});
