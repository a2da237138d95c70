// The DSN checks at init: each problem is one clear warning, never a throw.

import { parseDsn } from './dsn';
import type { Dsn } from './dsn';
import { logger } from './logger';

// Quotes and whitespace come with DSNs pasted into env files and CI settings.
const DSN_WRAPPING = /^[\s'"`]+|[\s'"`]+$/g;
const LOOPBACK_HOST = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The DSN without the quotes and whitespace around a pasted value.
 *
 * @example
 * trimDsn(' "https://key@o1.example.com/42"\n'); // 'https://key@o1.example.com/42'
 */
export function trimDsn(text: string): string {
  return text.replace(DSN_WRAPPING, '');
}

/**
 * Parses the `dsn` option, warning for each problem; `undefined` leaves the client disabled.
 *
 * @example
 * dsnFromOption(' "https://key@o1.example.com/42"\n'); // parsed, with a warning about the quotes
 */
export function dsnFromOption(option: string | undefined): Dsn | undefined {
  if (option === undefined || option === '') {
    logger.log('No DSN given: nothing will be sent.');
    return undefined;
  }
  const text = trimDsn(option);
  if (text !== option) logger.warn('Removed whitespace or quotes around the DSN.');
  let dsn: Dsn;
  try {
    dsn = parseDsn(text);
  } catch (error) {
    logger.warn(`${error instanceof Error ? error.message : String(error)}; SDK disabled.`);
    return undefined;
  }
  if (dsn.protocol === 'http' && !LOOPBACK_HOST.test(dsn.host)) {
    logger.warn(`DSN uses plain http to ${dsn.host}; use https outside local development.`);
  }
  return dsn;
}
