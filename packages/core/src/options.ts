// Declarative option schema: each option knows its default, how to check a value and what
// to tell the user when the check fails. A bad value warns and falls back; nothing throws.

import { logger } from './logger';
import type { Options } from './types';

interface OptionRule {
  default: unknown;
  validate(value: unknown): boolean;
  /** Completes "Invalid option `name`: it ...". */
  message: string;
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
const isFunction = (value: unknown): boolean => typeof value === 'function';
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isPatternList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' || item instanceof RegExp);

function rule(defaultValue: unknown, validate: (value: unknown) => boolean, message: string): OptionRule {
  return { default: defaultValue, validate, message };
}

/** Every option the core understands. Options not listed here pass through untouched. */
export const optionSchema: Record<string, OptionRule> = {
  dsn: rule(undefined, isString, 'must be a DSN string'),
  release: rule(undefined, isString, 'must be a string'),
  environment: rule('production', (value) => isString(value) && value !== '', 'must be a non-empty string'),
  dist: rule(undefined, isString, 'must be a string'),
  sampleRate: rule(
    1,
    (value) => typeof value === 'number' && value >= 0 && value <= 1,
    'must be a number between 0 and 1',
  ),
  maxBreadcrumbs: rule(100, isCount, 'must be a whole number >= 0'),
  attachStacktrace: rule(false, isBoolean, 'must be true or false'),
  sendDefaultPii: rule(false, isBoolean, 'must be true or false'),
  beforeSend: rule(undefined, isFunction, 'must be a function'),
  beforeBreadcrumb: rule(undefined, isFunction, 'must be a function'),
  ignoreErrors: rule([], isPatternList, 'must be an array of strings and RegExps'),
  denyUrls: rule([], isPatternList, 'must be an array of strings and RegExps'),
  allowUrls: rule([], isPatternList, 'must be an array of strings and RegExps'),
  integrations: rule([], (value) => Array.isArray(value) || isFunction(value), 'must be an array or a function'),
  defaultIntegrations: rule(undefined, (value) => value === false || Array.isArray(value), 'must be false or an array'),
  transport: rule(undefined, isFunction, 'must be a function'),
  transportOptions: rule(undefined, isObject, 'must be an object'),
  tunnel: rule(undefined, isString, 'must be a URL string'),
  debug: rule(false, isBoolean, 'must be true or false'),
  enabled: rule(true, isBoolean, 'must be true or false'),
  initialScope: rule(undefined, isObject, 'must be an object'),
  // Sentry removed its default of 250 in JS SDK 10.23; we keep it because every capped
  // string keeps an event far below the server's 1 MiB limit.
  maxValueLength: rule(250, (value) => isCount(value) && (value as number) > 0, 'must be a whole number > 0'),
  normalizeDepth: rule(3, isCount, 'must be a whole number >= 0'),
  normalizeMaxBreadth: rule(1000, isCount, 'must be a whole number >= 0'),
  serverName: rule(undefined, isString, 'must be a string'),
  shutdownTimeout: rule(2000, isCount, 'must be a number of milliseconds >= 0'),
  sendClientReports: rule(true, isBoolean, 'must be true or false'),
  denyKeys: rule([], isPatternList, 'must be an array of strings and RegExps'),
  scrubSecrets: rule(true, isBoolean, 'must be true or false'),
  autoSessionTracking: rule(true, isBoolean, 'must be true or false'),
  stackParser: rule(undefined, isFunction, 'must be a function'),
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
  const input = readAll(options);
  if (input.debug === true) logger.enable();
  const result: Record<string, unknown> = { ...input };
  for (const [name, { default: defaultValue, validate, message }] of Object.entries(optionSchema)) {
    const value = input[name];
    if (value === undefined) {
      if (defaultValue !== undefined) result[name] = defaultValue;
      continue;
    }
    if (!validate(value)) {
      logger.warn(`Invalid option \`${name}\`: it ${message}; using the default (${describe(defaultValue)}).`);
      result[name] = defaultValue;
    }
  }
  return result as T;
}

function describe(value: unknown): string {
  if (value === undefined) return 'none';
  return Array.isArray(value) ? '[]' : String(value);
}

function readAll(options: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (typeof options !== 'object' || options === null) {
    if (options !== undefined) logger.warn('Options must be an object; using the defaults.');
    return values;
  }
  let keys: string[] = [];
  try {
    keys = Object.keys(options);
  } catch {
    logger.warn('Options could not be read; using the defaults.');
  }
  for (const key of keys) {
    try {
      // Defined, not assigned: a `__proto__` key must not swap the prototype.
      Object.defineProperty(values, key, {
        value: (options as Record<string, unknown>)[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } catch {
      logger.warn(`Option \`${key}\` could not be read; using its default.`);
    }
  }
  return values;
}
