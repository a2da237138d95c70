// Options read from the environment when `init` was not given them.

import { logger } from '@faultline/core';

/** Surrounding quotes a shell or .env file left in place: `"..."` or `'...'`. */
const QUOTED = /^(["'])(.*)\1$/s;

/**
 * The value of an environment variable with whitespace and quotes around it removed
 * (a common copy-paste accident in .env files); `undefined` when unset or empty.
 *
 * @example
 * // SENTRY_DSN=' "https://abc@o1.example.com/1" '
 * readEnv('SENTRY_DSN'); // 'https://abc@o1.example.com/1', with a warning
 */
export function readEnv(name: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const raw = env[name];
  if (typeof raw !== 'string') return undefined;
  let value = raw.trim();
  while (QUOTED.test(value)) value = value.replace(QUOTED, '$2').trim();
  if (value !== raw) logger.warn(`${name} had whitespace or quotes around its value; they were trimmed.`);
  return value === '' ? undefined : value;
}
