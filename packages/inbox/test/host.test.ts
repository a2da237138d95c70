import { describe, expect, it } from 'vitest';
import { keysEqual } from '../src/auth';
import { isLoopback, reachableHost } from '../src/host';
import { startInbox } from '../src/index';

describe('interfaces', () => {
  it('knows which hosts are loopback', () => {
    for (const host of ['127.0.0.1', '127.8.9.1', 'localhost', '::1', '[::1]']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '127.0.0.1.evil.example', 'example.com']) {
      expect(isLoopback(host), host).toBe(false);
    }
  });

  it('names a host every local client can reach', () => {
    expect(reachableHost('0.0.0.0')).toBe('127.0.0.1');
    expect(reachableHost('::1')).toBe('[::1]');
    expect(reachableHost('127.0.0.1')).toBe('127.0.0.1');
  });

  it('refuses a non-loopback interface without an explicit key', async () => {
    await expect(startInbox({ host: '0.0.0.0', quiet: true })).rejects.toThrow(/not loopback, without an explicit key/);
  });

  it('listens on another interface when given a key', async () => {
    const inbox = await startInbox({ host: '0.0.0.0', key: 'lan-key', quiet: true });
    expect(inbox.dsn).toBe(`http://lan-key@127.0.0.1:${inbox.port}/1`);
    expect((await fetch(`${inbox.url}/api/1/events/`)).status).toBe(200);
    await inbox.close();
  });
});

describe('key comparison', () => {
  it('is exact for keys of any length', () => {
    expect(keysEqual('abc', 'abc')).toBe(true);
    expect(keysEqual('abc', 'abd')).toBe(false);
    expect(keysEqual('abc', 'abcd')).toBe(false);
    expect(keysEqual('', 'abc')).toBe(false);
  });
});
