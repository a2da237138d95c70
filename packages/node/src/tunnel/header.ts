// The DSN an envelope names in its header line (a browser behind a tunnel puts it there).
// Only the first line is read: the items are the upstream's business.

import { DsnError, parseDsn } from '@faultline/core';
import type { Dsn } from '@faultline/core';
import { TunnelRefusal } from './refusal';

const NEWLINE = 10;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses the envelope header line of `body` and its `dsn`. Throws a 400 `TunnelRefusal`
 * naming what is wrong: no JSON object, no `dsn`, or a DSN that breaks a rule.
 *
 * @example
 * readHeaderDsn(new TextEncoder().encode('{"dsn":"https://abc@o1.example.com/42"}\n...')); // { host: 'o1.example.com', ... }
 */
export function readHeaderDsn(body: Uint8Array): Dsn {
  const newline = body.indexOf(NEWLINE);
  const line = body.subarray(0, newline === -1 ? body.length : newline);
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(line));
  } catch {
    throw new TunnelRefusal(400, 'the envelope header (first line) is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new TunnelRefusal(400, 'the envelope header (first line) is not a JSON object');
  }
  const dsn = (header as { dsn?: unknown }).dsn;
  if (typeof dsn !== 'string') throw new TunnelRefusal(400, 'the envelope header has no "dsn"');
  try {
    return parseDsn(dsn);
  } catch (error) {
    throw new TunnelRefusal(400, `the envelope header's dsn is not valid: ${error instanceof DsnError ? error.message : 'parse error'}`);
  }
}
