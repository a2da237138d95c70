import { describe, expect, it } from 'vitest';
import { DsnError, dsnToString, parseDsn } from '../src/dsn';

describe('parseDsn', () => {
  it('reads the parts of a plain DSN', () => {
    expect(parseDsn('https://abc@o1.ingest.example.com/42')).toEqual({
      protocol: 'https',
      publicKey: 'abc',
      host: 'o1.ingest.example.com',
      path: '',
      projectId: '42',
    });
  });

  it('reads secret key, port and path prefix', () => {
    expect(parseDsn('http://pub:sec@localhost:9000/sub/path/7')).toEqual({
      protocol: 'http',
      publicKey: 'pub',
      secretKey: 'sec',
      host: 'localhost',
      port: '9000',
      path: '/sub/path',
      projectId: '7',
    });
  });

  it('keeps IPv6 brackets, with and without port', () => {
    expect(parseDsn('http://k@[::1]:7755/1')).toMatchObject({ host: '[::1]', port: '7755', projectId: '1' });
    expect(parseDsn('https://k@[2001:db8::1]/3')).toMatchObject({ host: '[2001:db8::1]', projectId: '3' });
    expect(parseDsn('https://k@[2001:db8::1]/3').port).toBeUndefined();
  });

  it('accepts IPv4 hosts, underscores and an empty secret', () => {
    expect(parseDsn('http://k@127.0.0.1:1/1')).toMatchObject({ host: '127.0.0.1', port: '1' });
    expect(parseDsn('https://k@my_host.local/1').host).toBe('my_host.local');
    const dsn = parseDsn('https://k:@host/1');
    expect(dsn.secretKey).toBeUndefined();
    expect('secretKey' in dsn).toBe(false);
  });

  it('keeps the path prefix as written, as @sentry/core 11.12 and sentry_sdk 1.9 do', () => {
    expect(dsnToString(parseDsn('https://k@host/sub//5'))).toBe('https://k@host/sub//5');
    expect(parseDsn('https://k@host/sub//5').path).toBe('/sub/');
    // @sentry/core reads `host//5` as no prefix: envelopes go to https://host/api/5/envelope/.
    expect(parseDsn('https://k@host//5').path).toBe('');
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['no scheme', 'abc@host/1', /not a URL/],
    ['an empty string', '', /not a URL/],
    ['surrounding whitespace', ' https://k@host/1', /whitespace/],
    ['a trailing newline', 'https://k@host/1\n', /whitespace/],
    ['surrounding quotes', '"https://k@host/1"', /protocol must be http or https/],
    ['ftp', 'ftp://k@host/1', /protocol must be http or https, not "ftp"/],
    ['an upper-case protocol', 'HTTPS://k@host/1', /protocol must be http or https/],
    ['no key', 'https://host/1', /no public key/],
    ['an empty key', 'https://@host/1', /no public key/],
    ['an empty key with secret', 'https://:sec@host/1', /no public key/],
    ['no project id', 'https://k@host', /no project id/],
    ['a trailing slash', 'https://k@host/1/', /no project id/],
    ['a non-numeric project id', 'https://k@host/abc', /project id "abc" is not numeric/],
    ['a partly numeric project id', 'https://k@host/12a', /not numeric/],
    ['an empty host', 'https://k@/1', /empty host/],
    ['an empty host with port', 'https://k@:80/1', /empty host/],
    ['a non-numeric port', 'https://k@host:abc/1', /bad port "abc"/],
    ['an empty port', 'https://k@host:/1', /bad port/],
    ['port 0', 'https://k@host:0/1', /bad port/],
    ['port 65536', 'https://k@host:65536/1', /bad port/],
    ['an unbracketed IPv6 host', 'https://k@::1/1', /empty host/],
    ['an unclosed IPv6 bracket', 'https://k@[::1/1', /without closing/],
    ['junk after the IPv6 bracket', 'https://k@[::1]x/1', /bad port/],
    ['a bad host character', 'https://k@ho%st/1', /bad host/],
    ['a query', 'https://k@host/1?x=1', /query or fragment/],
    ['a fragment', 'https://k@host/1#x', /query or fragment/],
  ];
  for (const [name, text, rule] of invalid) {
    it(`rejects ${name} with a DsnError naming the rule`, () => {
      let error: unknown;
      try {
        parseDsn(text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DsnError);
      expect((error as Error).message).toMatch(rule);
      expect((error as Error).name).toBe('DsnError');
    });
  }

  it('rejects a non-string', () => {
    expect(() => parseDsn(undefined as unknown as string)).toThrow(DsnError);
    expect(() => parseDsn({} as unknown as string)).toThrow(/not a string/);
  });

  it('never puts the secret key in its message', () => {
    expect(() => parseDsn('https://k:topsecret@host/abc')).toThrow(DsnError);
    try {
      parseDsn('https://k:topsecret@host/abc');
    } catch (error) {
      expect((error as Error).message).not.toContain('topsecret');
    }
  });

  it('keeps messages short for huge input', () => {
    try {
      parseDsn(`https://k@host/${'x'.repeat(100_000)}`);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(120);
    }
    expect.assertions(1);
  });
});

describe('dsnToString', () => {
  it('round-trips every shape without the secret by default', () => {
    for (const text of [
      'https://abc@o1.ingest.example.com/42',
      'http://k@[::1]:7755/1',
      'http://k@localhost:9000/sub/path/7',
    ]) {
      expect(dsnToString(parseDsn(text))).toBe(text);
    }
  });

  it('writes the secret only when asked', () => {
    const dsn = parseDsn('https://pub:sec@host/sub/1');
    expect(dsnToString(dsn)).toBe('https://pub@host/sub/1');
    expect(dsnToString(dsn, { withSecret: true })).toBe('https://pub:sec@host/sub/1');
    expect(dsnToString(parseDsn('https://pub@host/1'), { withSecret: true })).toBe('https://pub@host/1');
  });
});
