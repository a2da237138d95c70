import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/types';
import { FILTERED, scrubEvent } from '../../src/scrub/index';

const F = FILTERED;
const GITHUB_TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';

/** An event as the pipeline builds it, with nothing secret in it. */
function ordinaryEvent(): Event {
  return {
    event_id: '9ec79c33ec9942ab8353589fcb2e04dc',
    timestamp: 1764324000.123,
    platform: 'javascript',
    level: 'error',
    release: 'shop@1.4.2+4b825dc',
    environment: 'production',
    sdk: { name: 'faultline.javascript.browser', version: '0.1.0', integrations: ['InboundFilters', 'Dedupe'] },
    message: 'Checkout failed for order 1234-5678',
    exception: {
      values: [
        {
          type: 'TypeError',
          value: "Cannot read properties of undefined (reading 'token')",
          mechanism: { type: 'onerror', handled: false, data: { function: 'addEventListener' } },
          stacktrace: {
            frames: [
              { filename: 'webpack://shop/./src/auth/session.ts', function: 'AuthService.refreshToken', lineno: 42, colno: 13, in_app: true },
              { filename: 'https://cdn.example.com/js/main.3f2a9c1b.js', function: 'getToken', lineno: 1, colno: 2345, in_app: true },
            ],
          },
        },
      ],
    },
    breadcrumbs: {
      values: [
        { category: 'fetch', type: 'http', timestamp: 1764323999.5, data: { method: 'GET', url: 'https://api.example.com/v1/cart?page=2', status_code: 200 } },
        { category: 'ui.click', message: 'body > button#pay.btn', timestamp: 1764323999.9 },
      ],
    },
    user: { id: 42, email: 'alice@example.com', username: 'alice' },
    tags: { handled: 'no', 'ui.route': '/checkout' },
    extra: { cartSize: 3, orderId: '550e8400-e29b-41d4-a716-446655440000' },
    contexts: {
      device: { processor_count: 8, processor_frequency: 2400 },
      os: { name: 'macOS', version: '15.1' },
      trace: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' },
    },
    request: { url: 'https://shop.example.com/checkout?step=2', method: 'POST', headers: { 'User-Agent': 'Mozilla/5.0', Accept: 'text/html' } },
  };
}

describe('scrubEvent', () => {
  it('passes an ordinary event unchanged', () => {
    expect(scrubEvent(ordinaryEvent())).toEqual(ordinaryEvent());
  });

  it('does not modify the given event, even a frozen one', () => {
    const event = Object.freeze({ extra: Object.freeze({ password: 'hunter2' }) }) as Event;
    expect(scrubEvent(event).extra).toEqual({ password: F });
    expect(event.extra).toEqual({ password: 'hunter2' });
  });

  it('filters sensitive keys at any depth of tags, user, extra, contexts, breadcrumb data, frame vars and request', () => {
    const event = scrubEvent({
      tags: { 'auth.token': 'x' },
      user: { id: 1, session_token: 'x' },
      extra: { config: { db: { password: 'x', host: 'db' } }, list: [{ apiKey: 'x' }] },
      contexts: { upstream: { headers: { Authorization: 'x' } } },
      breadcrumbs: { values: [{ data: { jwt: 'x', method: 'GET' } }] },
      exception: { values: [{ stacktrace: { frames: [{ function: 'login', vars: { pwd: 'x', user: 'bob' } } as never] } }] },
      request: { env: { SECRET_KEY_BASE: 'x' }, query_string: { token: 'x', page: '2' } },
    });
    expect(event.tags).toEqual({ 'auth.token': F });
    expect(event.user).toEqual({ id: 1, session_token: F });
    expect(event.extra).toEqual({ config: { db: { password: F, host: 'db' } }, list: [{ apiKey: F }] });
    expect(event.contexts).toEqual({ upstream: { headers: { Authorization: F } } });
    expect(event.breadcrumbs?.values?.[0].data).toEqual({ jwt: F, method: 'GET' });
    expect(event.exception?.values?.[0].stacktrace?.frames?.[0]).toEqual({ function: 'login', vars: { pwd: F, user: 'bob' } });
    expect(event.request).toEqual({ env: { SECRET_KEY_BASE: F }, query_string: { token: F, page: '2' } });
  });

  it('filters a whole object under a sensitive key, but keeps booleans and nulls', () => {
    const event = scrubEvent({ extra: { auth: { user: 'bob', provider: 'github' }, has_password: true, token: null } });
    expect(event.extra).toEqual({ auth: F, has_password: true, token: null });
  });

  it('filters credential-looking values anywhere', () => {
    const event = scrubEvent({
      message: `deploy with ${GITHUB_TOKEN}`,
      transaction: '/reset?token=abc',
      exception: { values: [{ type: 'Error', value: `bad key ${GITHUB_TOKEN}` }] },
      breadcrumbs: { values: [{ message: `GET https://u:pw@api.example.com/ 401`, data: { url: '/x?access_token=abc' } }] },
      extra: { note: `use ${GITHUB_TOKEN}`, nested: [[`Bearer ${GITHUB_TOKEN}`]], card: 4514710497465075 },
      tags: { [GITHUB_TOKEN]: 'as a key' },
    });
    expect(event.message).toBe(`deploy with ${F}`);
    expect(event.transaction).toBe(`/reset?token=${F}`);
    expect(event.exception?.values?.[0].value).toBe(`bad key ${F}`);
    expect(event.breadcrumbs?.values?.[0]).toEqual({ message: `GET https://u:${F}@api.example.com/ 401`, data: { url: `/x?access_token=${F}` } });
    expect(event.extra).toEqual({ note: `use ${F}`, nested: [[`Bearer ${F}`]], card: F });
    expect(event.tags).toEqual({ [F]: 'as a key' });
  });

  it('filters credentials in stack frames without touching function names or positions', () => {
    const frame = {
      filename: 'https://cdn.example.com/app.js?token=abc',
      function: 'getToken',
      lineno: 10,
      colno: 4,
      context_line: `const key = "${GITHUB_TOKEN}";`,
    };
    const event = scrubEvent({ exception: { values: [{ stacktrace: { frames: [frame] } }] } });
    expect(event.exception?.values?.[0].stacktrace?.frames?.[0]).toEqual({
      filename: `https://cdn.example.com/app.js?token=${F}`,
      function: 'getToken',
      lineno: 10,
      colno: 4,
      context_line: `const key = "${F}";`,
    });
  });

  it('keeps event_id, timestamp, sdk, release and environment as they are', () => {
    const event = { event_id: 'a', timestamp: 1, release: 'password=1', environment: 'token=2', sdk: { name: 'x', version: 'secret=3' } };
    expect(scrubEvent(event as Event)).toEqual(event);
  });

  it('leaves a non-object as it is and survives cycles', () => {
    expect(scrubEvent(null as unknown as Event)).toBeNull();
    const extra: Record<string, unknown> = { a: 1 };
    extra.self = extra;
    expect(scrubEvent({ extra }).extra).toEqual({ a: 1, self: '[Circular ~]' });
  });
});

describe('scrubEvent: request and sendDefaultPii', () => {
  const request = () => ({
    url: 'https://shop.example.com/login?next=%2Fcart&session=abc',
    method: 'POST',
    query_string: 'next=%2Fcart&session=abc',
    cookies: { sessionid: 'abc', theme: 'dark' },
    data: { username: 'alice', password: 'hunter2', remember: 'yes' },
    env: { REMOTE_ADDR: '203.0.113.7', SERVER_NAME: 'web-1' },
    headers: {
      Host: 'shop.example.com',
      Authorization: `Bearer ${GITHUB_TOKEN}`,
      'X-Api-Key': 'abc',
      Cookie: 'theme=dark; sessionid=abc',
      'Set-Cookie': 'sid=xyz; Path=/; HttpOnly',
      'X-Forwarded-For': '203.0.113.7',
      'X-Real-IP': '203.0.113.7',
      'User-Agent': 'Mozilla/5.0',
    },
  });

  it('without it: no cookies, no body, no client IP; credentials filtered', () => {
    expect(scrubEvent({ request: request() }).request).toEqual({
      url: `https://shop.example.com/login?next=%2Fcart&session=${F}`,
      method: 'POST',
      query_string: `next=%2Fcart&session=${F}`,
      env: { SERVER_NAME: 'web-1' },
      headers: {
        Host: 'shop.example.com',
        Authorization: F,
        'X-Api-Key': F,
        Cookie: F,
        'Set-Cookie': F,
        'X-Forwarded-For': F,
        'X-Real-IP': F,
        'User-Agent': 'Mozilla/5.0',
      },
    });
  });

  it('with it: cookies, body and IPs arrive, credentials and session cookies never', () => {
    expect(scrubEvent({ request: request() }, { sendDefaultPii: true }).request).toEqual({
      url: `https://shop.example.com/login?next=%2Fcart&session=${F}`,
      method: 'POST',
      query_string: `next=%2Fcart&session=${F}`,
      cookies: { sessionid: F, theme: 'dark' },
      data: { username: 'alice', password: F, remember: 'yes' },
      env: { REMOTE_ADDR: '203.0.113.7', SERVER_NAME: 'web-1' },
      headers: {
        Host: 'shop.example.com',
        Authorization: F,
        'X-Api-Key': F,
        Cookie: `theme=dark; sessionid=${F}`,
        'Set-Cookie': `sid=${F}; Path=/; HttpOnly`,
        'X-Forwarded-For': '203.0.113.7',
        'X-Real-IP': '203.0.113.7',
        'User-Agent': 'Mozilla/5.0',
      },
    });
  });

  it('with it: a string body is scrubbed as text', () => {
    const event = scrubEvent({ request: { data: 'user=alice&password=hunter2' } }, { sendDefaultPii: true });
    expect(event.request?.data).toBe(`user=alice&password=${F}`);
  });

  it('keeps user data the app set, IP included, either way', () => {
    const user = { id: 7, email: 'alice@example.com', username: 'alice', ip_address: '203.0.113.7' };
    expect(scrubEvent({ user }).user).toEqual(user);
    expect(scrubEvent({ user: { ip_address: '{{auto}}' } }).user).toEqual({ ip_address: '{{auto}}' });
  });
});

describe('scrubEvent: options', () => {
  it('denyKeys adds names, as strings or RegExps, in every keyed place and in URLs', () => {
    const event = scrubEvent(
      { extra: { customer_ssn: '123-45-6789', orderId: 'A1' }, request: { url: '/o?orderId=A1&page=1' } },
      { denyKeys: ['SSN', /^order/i] },
    );
    expect(event.extra).toEqual({ customer_ssn: F, orderId: F });
    expect(event.request?.url).toBe(`/o?orderId=${F}&page=1`);
  });

  it('scrubSecrets: false keeps the key rules and PII rules but not value scrubbing', () => {
    const event = scrubEvent(
      {
        message: `deploy with ${GITHUB_TOKEN}`,
        extra: { password: 'hunter2', note: `Bearer ${GITHUB_TOKEN}` },
        request: { url: '/p?token=abc&q=1', cookies: { a: 'b' }, headers: { Authorization: 'Basic dXNlcjpwYXNz' } },
      },
      { scrubSecrets: false },
    );
    expect(event.message).toBe(`deploy with ${GITHUB_TOKEN}`);
    expect(event.extra).toEqual({ password: F, note: `Bearer ${GITHUB_TOKEN}` });
    expect(event.request).toEqual({ url: `/p?token=${F}&q=1`, headers: { Authorization: F } });
  });
});

describe('scrubEvent: one options object over many events', () => {
  it('filters every secret however often clean strings of the same length and shape came before', () => {
    const options = {};
    // Clean strings as long as the token and ending like it, seen again and again.
    const lookalikes = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(16)}${GITHUB_TOKEN.slice(20)}`);
    for (const round of [1, 2, 3]) {
      for (const clean of lookalikes) {
        const event = scrubEvent({ extra: { note: clean }, breadcrumbs: { values: [{ message: clean, timestamp: round }] } }, options);
        expect(event.extra?.note).toBe(clean);
      }
      const event = scrubEvent(
        { extra: { note: GITHUB_TOKEN }, exception: { values: [{ stacktrace: { frames: [{ filename: `https://x.test/${GITHUB_TOKEN}` }] } }] } },
        options,
      );
      expect(event.extra?.note).toBe(F);
      expect(event.exception?.values?.[0].stacktrace?.frames?.[0].filename).toBe(`https://x.test/${F}`);
    }
  });

  it('follows options the app changes between events', () => {
    const options: { denyKeys: string[]; scrubSecrets: boolean } = { denyKeys: [], scrubSecrets: false };
    const event = (): Event => ({ extra: { orderId: '17', note: GITHUB_TOKEN }, request: { url: '/o?orderId=17' } });
    expect(scrubEvent(event(), options).extra).toEqual({ orderId: '17', note: GITHUB_TOKEN });
    options.denyKeys.push('order');
    options.scrubSecrets = true;
    const later = scrubEvent(event(), options);
    expect(later.extra).toEqual({ orderId: F, note: F });
    expect(later.request?.url).toBe(`/o?orderId=${F}`);
  });

  it('judges a key name by the options of each call', () => {
    const plain = scrubEvent({ extra: { orderId: '17' } }, {});
    const denied = scrubEvent({ extra: { orderId: '17' } }, { denyKeys: ['order'] });
    const plainAgain = scrubEvent({ extra: { orderId: '17' } }, {});
    expect([plain.extra, denied.extra, plainAgain.extra]).toEqual([{ orderId: '17' }, { orderId: F }, { orderId: '17' }]);
  });
});

describe('scrubEvent: frames as the stack parsers build them', () => {
  const eventWith = (frames: unknown[]): Event => ({ exception: { values: [{ stacktrace: { frames: frames as never } }] } });
  const framesOf = (event: Event): unknown[] => event.exception?.values?.[0].stacktrace?.frames ?? [];
  /** The same frame with its keys in another order than the parsers', so no shortcut applies. */
  const reordered = (frame: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(frame).reverse());

  it('filters credentials in file and function names, and in keys added after the parsers', () => {
    const frame = {
      filename: 'https://alice:hunter2@cdn.example.com/app.js?api_key=abc',
      function: GITHUB_TOKEN,
      lineno: 10,
      colno: 4,
      in_app: true,
      abs_path: `/srv/${GITHUB_TOKEN}/app.js`,
      pre_context: [`const key = "${GITHUB_TOKEN}";`],
      vars: { password: 'hunter2', user: 'bob' },
    };
    const [copy] = framesOf(scrubEvent(eventWith([frame])));
    expect(copy).toEqual({
      filename: `https://alice:${F}@cdn.example.com/app.js?api_key=${F}`,
      function: F,
      lineno: 10,
      colno: 4,
      in_app: true,
      abs_path: `/srv/${F}/app.js`,
      pre_context: [`const key = "${F}";`],
      vars: { password: F, user: 'bob' },
    });
    expect(Object.keys(copy as object)).toEqual(Object.keys(frame));
  });

  it('gives the same copy as for the same frame with its keys in another order', () => {
    const frames = [
      { filename: `https://x.test/${GITHUB_TOKEN}.js`, function: '?', lineno: 1, colno: 2, in_app: false },
      { filename: 'app.js', function: 'f', lineno: 4111111111111111, colno: 1, in_app: true },
      { filename: 'app.js', function: 'f', lineno: NaN, colno: -1, in_app: true, module: 'app' },
      { filename: 'app.js', function: undefined, lineno: 1, colno: 1, in_app: true },
      { filename: 'app.js', function: 'x'.repeat(20_000), lineno: 1, colno: 1, in_app: true },
    ];
    const fast = framesOf(scrubEvent(eventWith(frames)));
    const generic = framesOf(scrubEvent(eventWith(frames.map(reordered))));
    expect(fast).toEqual(generic.map((frame) => reordered(frame as Record<string, unknown>)));
    expect(fast[1]).toMatchObject({ lineno: F });
    expect(fast[2]).toMatchObject({ lineno: '[NaN]', module: 'app' });
    expect(fast[3]).not.toHaveProperty('function');
  });

  it('marks only the key whose getter throws', () => {
    // Redefined in place, `function` keeps its place in the parsers' key order.
    const frame = { filename: 'app.js', function: 'f', lineno: 1, colno: 1, in_app: true };
    Object.defineProperty(frame, 'function', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(framesOf(scrubEvent(eventWith([frame])))).toEqual([{ filename: 'app.js', function: '[Throws]', lineno: 1, colno: 1, in_app: true }]);
  });

  it('stops at the same frame as the generic copy when the size budget runs out', () => {
    const frames = Array.from({ length: 3000 }, (_, i) => ({ filename: `https://cdn.example.com/js/chunk-${i}.js`, function: `fn${i}`, lineno: i, colno: 7, in_app: true }));
    const fast = framesOf(scrubEvent(eventWith(frames)));
    const generic = framesOf(scrubEvent(eventWith(frames.map(reordered))));
    expect(fast.length).toBeLessThan(3000);
    expect(fast.at(-1)).toBe('[MaxSize ~]');
    expect(fast.length).toBe(generic.length);
    // The last frame is cut where the budget ran out: which keys it keeps depends on their order.
    expect(fast.at(-2)).toHaveProperty(['...'], '[MaxSize ~]');
    expect(fast.slice(0, -2)).toEqual(generic.slice(0, -2).map((frame) => reordered(frame as Record<string, unknown>)));
  });

  it('copies every frame: changing the copy leaves the event it came from alone', () => {
    const frame = { filename: 'app.js', function: 'f', lineno: 1, colno: 1, in_app: true };
    const [copy] = framesOf(scrubEvent(eventWith([frame]))) as Array<typeof frame>;
    copy.filename = 'changed';
    expect(copy).not.toBe(frame);
    expect(frame.filename).toBe('app.js');
  });
});
