// Console breadcrumbs. Node has no diagnostics channel for the console, so the methods are
// wrapped; the wrappers always call the original, whatever recording does.

import { addBreadcrumb, logger } from '@faultline/core';
import type { Breadcrumb, Integration, SeverityLevel } from '@faultline/core';
import { builtin } from '../builtin';

const LEVELS: Record<string, SeverityLevel> = {
  debug: 'debug',
  info: 'info',
  log: 'log',
  warn: 'warning',
  error: 'error',
  assert: 'error',
};

export interface ConsoleOptions {
  /** The console methods that make breadcrumbs, as Sentry names them. Default: all of them. */
  levels?: Array<'debug' | 'info' | 'log' | 'warn' | 'error' | 'assert'>;
}

/**
 * Records `console.log/info/warn/error/debug/assert` calls as breadcrumbs of the request
 * (or process) they happen in.
 *
 * @example
 * init({ dsn, integrations: [consoleIntegration({ levels: ['warn', 'error'] })] });
 * init({ dsn, integrations: (defaults) => defaults.filter((i) => i.name !== 'Console') });
 */
export function consoleIntegration({ levels }: ConsoleOptions = {}): Integration {
  return {
    name: 'Console',
    setupOnce() {
      for (const method of Object.keys(LEVELS)) if (!Array.isArray(levels) || levels.includes(method as 'log')) wrap(method);
    },
  };
}

function wrap(method: string): void {
  const target = console as unknown as Record<string, (...args: unknown[]) => void>;
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (this: unknown, ...args: unknown[]): void {
    record(method, args);
    original.apply(this, args);
  };
}

function record(method: string, args: unknown[]): void {
  try {
    const { format } = builtin('node:util');
    if (method === 'assert') {
      if (args[0]) return;
      const rest = args.slice(1);
      addBreadcrumb(crumb(method, `Assertion failed${rest.length ? `: ${format(...rest)}` : ''}`));
      return;
    }
    addBreadcrumb(crumb(method, format(...args)));
  } catch (error) {
    logger.warn('Could not record a console breadcrumb:', error);
  }
}

// The formatted message only: keeping the arguments would hold the app's objects alive.
function crumb(method: string, message: string): Breadcrumb {
  return { category: 'console', level: LEVELS[method], message, data: { logger: 'console' } };
}
