// Declarative option schema: each option knows its check, what the check expects and its
// default. A bad value warns and falls back; nothing throws.

import { logger } from './logger';
import { copyRecord } from './scope';
import type { Options } from './types';

/** A test and what it expects, completing "Invalid option `name`: must be ...". */
type Check = [test: (value: unknown) => boolean, expected: string];

const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const string: Check = [(value) => typeof value == 'string', 'a string'];
const boolean: Check = [(value) => typeof value == 'boolean', 'true or false'];
const func: Check = [(value) => typeof value == 'function', 'a function'];
const object: Check = [(value) => typeof value == 'object' && value !== null && !Array.isArray(value), 'an object'];
const count: Check = [isCount, 'a whole number >= 0'];
const patterns: Check = [
  (value) => Array.isArray(value) && value.every((item) => typeof item == 'string' || item instanceof RegExp),
  'an array of strings and RegExps',
];

/** Every option the core understands: its check and default. Options not listed pass through untouched. */
export const optionSchema: Record<string, [Check, unknown?]> = {
  dsn: [string],
  release: [string],
  environment: [[(value) => typeof value == 'string' && value !== '', 'a non-empty string'], 'production'],
  dist: [string],
  sampleRate: [[(value) => typeof value == 'number' && value >= 0 && value <= 1, 'a number between 0 and 1'], 1],
  maxBreadcrumbs: [count, 100],
  attachStacktrace: [boolean, false],
  sendDefaultPii: [boolean, false],
  beforeSend: [func],
  beforeBreadcrumb: [func],
  ignoreErrors: [patterns, []],
  denyUrls: [patterns, []],
  allowUrls: [patterns, []],
  integrations: [[(value) => Array.isArray(value) || typeof value == 'function', 'an array or a function'], []],
  defaultIntegrations: [[(value) => value === false || Array.isArray(value), 'false or an array']],
  transport: [func],
  transportOptions: [object],
  tunnel: [string],
  debug: [boolean, false],
  enabled: [boolean, true],
  initialScope: [[(value) => typeof value == 'function' || object[0](value), 'an object or a function']],
  // Sentry removed its default of 250 in JS SDK 10.23; we keep it because every capped
  // string keeps an event far below the server's 1 MiB limit.
  maxValueLength: [[(value) => isCount(value) && (value as number) > 0, 'a whole number > 0'], 250],
  normalizeDepth: [count, 3],
  normalizeMaxBreadth: [count, 1000],
  serverName: [string],
  shutdownTimeout: [count, 2000],
  sendClientReports: [boolean, true],
  denyKeys: [patterns, []],
  scrubSecrets: [boolean, true],
  autoSessionTracking: [boolean, true],
  stackParser: [func],
};

/**
 * Returns a copy of `options` with every known option checked: a missing value gets its
 * default, an invalid one a warning (printed with `debug: true`) and its default. Unknown
 * options are kept as they are. Never throws, even for a hostile object.
 *
 * @example
 * validateOptions({ sampleRate: 2 }).sampleRate; // 1, and a warning
 */
export function validateOptions<T extends Options>(options: T | undefined): T {
  if (options !== undefined && (typeof options != 'object' || options === null)) logger.warn('Options must be an object.');
  // An unreadable option reads as missing: it gets its default.
  const result = copyRecord(options as Record<string, unknown>, true);
  if (result.debug === true) logger.enable();
  for (const name in optionSchema) {
    const [[test, expected], fallback] = optionSchema[name];
    const value = result[name];
    if (value === undefined) {
      if (fallback !== undefined) result[name] = fallback;
    } else if (!test(value)) {
      logger.warn(`Invalid option \`${name}\`: must be ${expected}; using ${Array.isArray(fallback) ? '[]' : fallback ?? 'none'}.`);
      result[name] = fallback;
    }
  }
  return result as T;
}
