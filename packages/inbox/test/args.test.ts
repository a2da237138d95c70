import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args';

describe('faultline-inbox options', () => {
  it('has defaults: port 7755, loopback, .faultline-inbox', () => {
    expect(parseCliArgs([])).toEqual({ port: 7755, host: '127.0.0.1', dataDir: '.faultline-inbox', quiet: false, help: false });
  });

  it('reads --name value and --name=value', () => {
    expect(parseCliArgs(['--port', '0', '--host=::1', '--data', '/tmp/x', '--key=abc', '--quiet'])).toEqual({
      port: 0,
      host: '::1',
      dataDir: '/tmp/x',
      key: 'abc',
      quiet: true,
      help: false,
    });
  });

  it('refuses what it does not know, in one line', () => {
    expect(() => parseCliArgs(['--prot', '1'])).toThrow(/^unknown option "--prot"/);
    expect(() => parseCliArgs(['stray'])).toThrow(/unknown option "stray"/);
    expect(() => parseCliArgs(['--port'])).toThrow('--port needs a value');
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port must be a whole number from 0 to 65535/);
    expect(() => parseCliArgs(['--port', '-1'])).toThrow(/--port must be/);
  });
});
