import { describe, expect, it } from 'vitest';
import { isExcluded, proxyForUrl } from '../src/transports/proxy';

const https = new URL('https://o1.ingest.example.com/api/1/envelope/');
const http = new URL('http://127.0.0.1:8000/api/1/envelope/');

describe('proxyForUrl', () => {
  it('takes HTTPS_PROXY for https, falling back to HTTP_PROXY, lower case too', () => {
    expect(proxyForUrl(https, undefined, { HTTPS_PROXY: 'http://a:3128' })?.href).toBe('http://a:3128/');
    expect(proxyForUrl(https, undefined, { HTTP_PROXY: 'http://b:3128' })?.href).toBe('http://b:3128/');
    expect(proxyForUrl(https, undefined, { https_proxy: 'http://c:3128' })?.href).toBe('http://c:3128/');
  });

  it('never uses HTTPS_PROXY for an http target', () => {
    expect(proxyForUrl(http, undefined, { HTTPS_PROXY: 'http://a:3128' })).toBeUndefined();
    expect(proxyForUrl(http, undefined, { HTTP_PROXY: 'http://b:3128' })?.host).toBe('b:3128');
  });

  it('reads a proxy without scheme as http, and ignores unusable values', () => {
    expect(proxyForUrl(https, undefined, { HTTPS_PROXY: 'proxy.local:8080' })?.href).toBe('http://proxy.local:8080/');
    expect(proxyForUrl(https, undefined, { HTTPS_PROXY: 'socks5://proxy:1080' })).toBeUndefined();
    expect(proxyForUrl(https, undefined, { HTTPS_PROXY: '   ' })).toBeUndefined();
  });

  it('lets the option win over the environment, and `false` turn proxies off', () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: '*' };
    expect(proxyForUrl(https, 'http://option:2', env)?.host).toBe('option:2');
    expect(proxyForUrl(https, false, { HTTPS_PROXY: 'http://env:1' })).toBeUndefined();
  });

  it('skips the environment proxy when NO_PROXY matches', () => {
    expect(proxyForUrl(https, undefined, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' })).toBeUndefined();
    expect(proxyForUrl(https, undefined, { HTTPS_PROXY: 'http://p:1', no_proxy: 'other.com' })?.host).toBe('p:1');
  });
});

describe('isExcluded (NO_PROXY)', () => {
  it('matches a host and its subdomains, with or without a leading dot or *.', () => {
    for (const entry of ['example.com', '.example.com', '*.example.com', 'ingest.example.com']) {
      expect(isExcluded(https, entry)).toBe(true);
    }
    expect(isExcluded(https, 'xample.com')).toBe(false);
    expect(isExcluded(https, 'o1.ingest.example.co')).toBe(false);
  });

  it('splits on commas and spaces, and `*` matches everything', () => {
    expect(isExcluded(https, 'localhost, 10.0.0.1 example.com')).toBe(true);
    expect(isExcluded(https, '*')).toBe(true);
    expect(isExcluded(https, '')).toBe(false);
  });

  it('narrows an entry to a port, using the default port of the scheme', () => {
    expect(isExcluded(https, 'example.com:443')).toBe(true);
    expect(isExcluded(https, 'example.com:8443')).toBe(false);
    expect(isExcluded(http, '127.0.0.1:8000')).toBe(true);
    expect(isExcluded(http, '127.0.0.1:80')).toBe(false);
  });

  it('matches IPv6 literals in brackets', () => {
    expect(isExcluded(new URL('http://[::1]:9000/'), '[::1]')).toBe(true);
    expect(isExcluded(new URL('http://[::1]:9000/'), '[::1]:9000')).toBe(true);
  });
});
