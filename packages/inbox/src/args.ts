// Command-line options of `faultline-inbox`.

import { InboxStartError } from './errors';

export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  key?: string;
  quiet: boolean;
  help: boolean;
}

export const USAGE = 'usage: faultline-inbox [--port 7755] [--host 127.0.0.1] [--data .faultline-inbox] [--key KEY] [--quiet]';

const WITH_VALUE = new Set(['--port', '--host', '--data', '--key']);

/** Throws `InboxStartError` with a one-line reason for anything it does not understand. */
export function parseCliArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 7755, host: '127.0.0.1', dataDir: '.faultline-inbox', quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--quiet') options.quiet = true;
    else {
      const equals = arg.indexOf('=');
      const name = equals === -1 ? arg : arg.slice(0, equals);
      if (!WITH_VALUE.has(name)) throw new InboxStartError(`unknown option ${quote(arg)} (${USAGE})`);
      const value = equals === -1 ? argv[++i] : arg.slice(equals + 1);
      if (value === undefined || value === '') throw new InboxStartError(`${name} needs a value`);
      setOption(options, name, value);
    }
  }
  return options;
}

function setOption(options: CliOptions, name: string, value: string): void {
  if (name === '--port') {
    if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
      throw new InboxStartError(`--port must be a whole number from 0 to 65535, got ${quote(value)}`);
    }
    options.port = Number(value);
  } else if (name === '--host') options.host = value;
  else if (name === '--data') options.dataDir = value;
  else options.key = value;
}

function quote(text: string): string {
  return JSON.stringify(text.slice(0, 60));
}
