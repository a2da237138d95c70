import { describe, expect, it } from 'vitest';
import { authHeader, envelopeUrl, parseAuthHeader, readSentryAuth } from '../src/api';
import { dsnToString, parseDsn } from '../src/dsn';

const sdk = { name: 'faultline.javascript.browser', version: '0.1.0' };

describe('envelopeUrl', () => {
  it('puts auth in the query string', () => {
    expect(envelopeUrl(parseDsn('https://abc@o1.ingest.example.com/42'), { sdk })).toBe(
      'https://o1.ingest.example.com/api/42/envelope/?sentry_version=7&sentry_key=abc&sentry_client=faultline.javascript.browser%2F0.1.0',
    );
  });

  it('keeps port, IPv6 brackets and the path prefix in front of /api/', () => {
    expect(envelopeUrl(parseDsn('http://k@[::1]:7755/sub/path/3'))).toBe(
      'http://[::1]:7755/sub/path/api/3/envelope/?sentry_version=7&sentry_key=k',
    );
  });

  it('sends to the path prefix as written, as @sentry/core 11.12 does', () => {
    expect(envelopeUrl(parseDsn('https://k@host/sub//5'))).toBe('https://host/sub//api/5/envelope/?sentry_version=7&sentry_key=k');
    expect(envelopeUrl(parseDsn('https://k@host:8443/sub/5'))).toBe(
      'https://host:8443/sub/api/5/envelope/?sentry_version=7&sentry_key=k',
    );
    expect(envelopeUrl(parseDsn('https://k@host//5'))).toBe('https://host/api/5/envelope/?sentry_version=7&sentry_key=k');
  });

  // Observed from @sentry/core 11.12 (getEnvelopeEndpointWithUrlEncodedAuth, dsnToString) on the same DSNs.
  it.each([
    ['https://abc@o1.ingest.us.sentry.io/4504', 'https://o1.ingest.us.sentry.io/api/4504/envelope/', 'https://abc@o1.ingest.us.sentry.io/4504'],
    ['http://k@[::1]:9000/1', 'http://[::1]:9000/api/1/envelope/', 'http://k@[::1]:9000/1'],
    ['https://k@[2001:db8::1]/3', 'https://[2001:db8::1]/api/3/envelope/', 'https://k@[2001:db8::1]/3'],
    ['https://k:sec@host.com:443/sub/path/42', 'https://host.com:443/sub/path/api/42/envelope/', 'https://k@host.com:443/sub/path/42'],
    ['https://k@host/00042', 'https://host/api/00042/envelope/', 'https://k@host/00042'],
    ['https://k@host/sub//5', 'https://host/sub//api/5/envelope/', 'https://k@host/sub//5'],
    ['https://k@host//5', 'https://host/api/5/envelope/', 'https://k@host/5'],
  ])('sends %s where @sentry/core does', (text, endpoint, formatted) => {
    const dsn = parseDsn(text);
    const query = `?sentry_version=7&sentry_key=${dsn.publicKey}&sentry_client=faultline.javascript.browser%2F0.1.0`;
    expect(envelopeUrl(dsn, { sdk })).toBe(endpoint + query);
    expect(dsnToString(dsn)).toBe(formatted);
  });

  it('URL-encodes the key and client', () => {
    const url = envelopeUrl(parseDsn('https://a+b&c@host/1'), { sdk: { name: 'my sdk', version: '1.0&x' } });
    expect(url).toBe('https://host/api/1/envelope/?sentry_version=7&sentry_key=a%2Bb%26c&sentry_client=my%20sdk%2F1.0%26x');
    expect(new URL(url).searchParams.get('sentry_key')).toBe('a+b&c');
  });

  it('never puts the secret key in the URL', () => {
    expect(envelopeUrl(parseDsn('https://k:secret@host/1'), { sdk })).not.toContain('secret');
  });

  it('returns a tunnel unchanged, without auth', () => {
    expect(envelopeUrl(parseDsn('https://k@host/1'), { sdk, tunnel: '/tunnel?x=1' })).toBe('/tunnel?x=1');
  });
});

describe('authHeader', () => {
  const dsn = parseDsn('https://pub:sec@host/1');

  it('writes version, client and key', () => {
    expect(authHeader(dsn, { name: 'faultline.javascript.node', version: '0.1.0' })).toBe(
      'Sentry sentry_version=7, sentry_client=faultline.javascript.node/0.1.0, sentry_key=pub',
    );
  });

  it('adds the secret only when asked', () => {
    expect(authHeader(dsn, sdk, { withSecret: true })).toBe(
      'Sentry sentry_version=7, sentry_client=faultline.javascript.browser/0.1.0, sentry_key=pub, sentry_secret=sec',
    );
  });

  it('leaves out the client when no sdk is given', () => {
    expect(authHeader(dsn)).toBe('Sentry sentry_version=7, sentry_key=pub');
  });
});

describe('parseAuthHeader', () => {
  it('reads what authHeader writes', () => {
    expect(parseAuthHeader(authHeader(parseDsn('https://pub:sec@host/1'), sdk, { withSecret: true }))).toEqual({
      sentry_version: '7',
      sentry_client: 'faultline.javascript.browser/0.1.0',
      sentry_key: 'pub',
      sentry_secret: 'sec',
    });
  });

  it('tolerates case, spacing, quotes, unknown fields and a missing prefix', () => {
    expect(parseAuthHeader('sentry  sentry_key="abc" ,sentry_timestamp=1,junk, sentry_version=7')).toEqual({
      sentry_key: 'abc',
      sentry_version: '7',
    });
    expect(parseAuthHeader('sentry_key=abc')).toEqual({ sentry_key: 'abc' });
  });

  it('returns nothing for garbage, never throws', () => {
    for (const value of [undefined, null, '', 'Sentry', '===', ',,,', 'Sentry sentry_key=', 42 as unknown as string]) {
      expect(parseAuthHeader(value)).toEqual({});
    }
  });
});

describe('readSentryAuth', () => {
  it('reads the query string', () => {
    const query = new URL('http://h/api/1/envelope/?sentry_key=abc&sentry_version=7&sentry_client=x%2F1').searchParams;
    expect(readSentryAuth({ query })).toEqual({ sentry_key: 'abc', sentry_version: '7', sentry_client: 'x/1' });
  });

  it('prefers the header and fills gaps from the query', () => {
    const query = new URLSearchParams('sentry_key=fromquery&sentry_client=q/1');
    expect(readSentryAuth({ header: 'Sentry sentry_key=fromheader', query })).toEqual({
      sentry_key: 'fromheader',
      sentry_client: 'q/1',
    });
  });

  it('returns an empty object when there is no auth', () => {
    expect(readSentryAuth({})).toEqual({});
    expect(readSentryAuth({ header: null, query: new URLSearchParams('') })).toEqual({});
  });
});
