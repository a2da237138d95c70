import { describe, expect, it } from 'vitest';
import { isSensitiveKey } from '../../src/scrub/index';

describe('isSensitiveKey', () => {
  it.each([
    'Authorization', 'Proxy-Authorization', 'X-Sentry-Auth', 'access_token', 'refreshToken', 'client_secret',
    'password', 'new_passwd', 'PWD', 'X-Api-Key', 'apikey', 'jwt', 'bearer', 'sso_ticket', 'SAMLResponse',
    'X-CSRF-Token', 'X-XSRF-TOKEN', 'credentials', 'sessionid', 'JSESSIONID', 'Cookie', 'Set-Cookie',
    'X-Amz-Signature', 'passphrase', 'cvv', 'sid', 'connect.sid', '_gh_sess', 'sig', 'X-SSO-Ticket', 'ssoId',
  ])('%s is sensitive', (name) => {
    expect(isSensitiveKey(name)).toBe(true);
  });

  it.each([
    'event_id', 'release', 'environment', 'sdk', 'mechanism', 'filename', 'function', 'lineno', 'colno',
    'in_app', 'abs_path', 'user_agent', 'Content-Type', 'Accept-Language', 'url', 'method', 'status_code',
    'className', 'inside', 'design', 'signal', 'processor_count', 'processor_frequency', 'associated_event_id',
    'author', ':authority',
  ])('%s is not', (name) => {
    expect(isSensitiveKey(name)).toBe(false);
  });

  it('keeps "contains" as the rule, false positives included', () => {
    expect(isSensitiveKey('monkey')).toBe(true);
    expect(isSensitiveKey('keyboard_layout')).toBe(true);
  });

  it('adds names from denyKeys: strings anywhere and case-insensitively, RegExps as tested', () => {
    expect(isSensitiveKey('customer_ssn', ['SSN'])).toBe(true);
    expect(isSensitiveKey('orderId', [/^order/i])).toBe(true);
    expect(isSensitiveKey('orderId', ['ssn'])).toBe(false);
    const global = /order/g;
    expect([isSensitiveKey('order', [global]), isSensitiveKey('order', [global])]).toEqual([true, true]);
  });

  it('a denyKeys entry wins over the harmless list', () => {
    expect(isSensitiveKey('author', ['author'])).toBe(true);
  });
});
