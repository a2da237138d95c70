// Console breadcrumbs: an integration of their own, as in @sentry/browser 11, so the
// levels can be chosen and `Breadcrumbs` removed without losing them.
import { addBreadcrumb } from '@faultline/core';
import type { Integration, SeverityLevel } from '@faultline/core';
import { instrumentConsole, type ConsoleLevel } from '../instrument/console';

let muted = false;

/** `breadcrumbsIntegration({ console: false })`, Sentry 8's way to turn these off. */
export function muteConsoleBreadcrumbs(): void {
  muted = true;
}

export interface ConsoleOptions {
  /** The console methods that make breadcrumbs, as Sentry names them. Default: all of them. */
  levels?: ConsoleLevel[];
}

/**
 * One `console` breadcrumb per call of `console.debug/info/log/warn/error`.
 *
 * @example
 * init({ dsn, integrations: [consoleIntegration({ levels: ['warn', 'error'] })] });
 */
export function consoleIntegration({ levels }: ConsoleOptions = {}): Integration {
  return {
    name: 'Console',
    setupOnce() {
      instrumentConsole((level, args) => {
        if (muted) return;
        addBreadcrumb(
          { category: 'console', level: consoleSeverity(level), message: args.map(readable).join(' '), data: { arguments: args, logger: 'console' } },
          { input: args, level },
        );
      }, levels);
    },
  };
}

function consoleSeverity(level: string): SeverityLevel {
  return level === 'warn' ? 'warning' : (level as SeverityLevel);
}

/** A console argument as the developer would read it. */
function readable(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error || typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
