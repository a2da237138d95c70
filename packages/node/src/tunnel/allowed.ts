// Which DSNs the tunnel forwards to. A claimed DSN matches an allowed one only when every
// part that decides where the envelope goes is the same, compared parsed, never as text:
// `https://key@allowed.example.evil.example/1` and `https://allowed.example@evil.example/1`
// share a prefix or a substring with the allowed DSN, not its host.

import { logger, parseDsn } from '@faultline/core';
import type { Dsn } from '@faultline/core';

const DEFAULT_PORTS = { http: 80, https: 443 } as const;

/**
 * Parses the configured `dsn` and `allowedDsns` (an array or a single string); one that is
 * invalid is skipped with a warning naming the rule. Never throws.
 *
 * @example
 * parseAllowedDsns({ dsn: 'https://abc@o1.ingest.example.com/42' }); // [{ protocol: 'https', ... }]
 */
export function parseAllowedDsns(options: { dsn?: unknown; allowedDsns?: unknown }): Dsn[] {
  let texts: unknown[];
  try {
    const { dsn, allowedDsns } = options;
    texts = [dsn, ...(Array.isArray(allowedDsns) ? allowedDsns : [allowedDsns])].filter((text) => text !== undefined);
  } catch (error) {
    logger.warn('Tunnel: the options could not be read; nothing will be forwarded.', error);
    return [];
  }
  const allowed: Dsn[] = [];
  for (const text of texts) {
    try {
      allowed.push(parseDsn(typeof text === 'string' ? text.trim() : (text as string)));
    } catch (error) {
      logger.warn(`Tunnel: an allowed DSN was skipped. ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return allowed;
}

/**
 * The allowed DSN with the same protocol, host, port, path, project id and public key as
 * `claimed`, if any. The secret key plays no part: a browser never has it.
 *
 * @example
 * findAllowedDsn(parseDsn('https://abc@O1.example.com:443/42'), [parseDsn('https://abc@o1.example.com/42')]); // the allowed DSN
 */
export function findAllowedDsn(claimed: Dsn, allowed: readonly Dsn[]): Dsn | undefined {
  return allowed.find(
    (dsn) =>
      dsn.protocol === claimed.protocol &&
      dsn.host.toLowerCase() === claimed.host.toLowerCase() &&
      portOf(dsn) === portOf(claimed) &&
      dsn.path === claimed.path &&
      dsn.projectId === claimed.projectId &&
      dsn.publicKey === claimed.publicKey,
  );
}

function portOf(dsn: Dsn): number {
  return dsn.port === undefined ? DEFAULT_PORTS[dsn.protocol] : Number(dsn.port);
}
