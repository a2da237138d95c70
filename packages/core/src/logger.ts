// The SDK's own diagnostics. Silent unless `debug: true`; uses the console methods as they
// were at load time, so console breadcrumbs never record the SDK talking about itself.

type Method = 'log' | 'warn' | 'error';

const PREFIX = '[Faultline]';
const original: Partial<Record<Method, (...args: unknown[]) => void>> = {};
if (typeof console !== 'undefined') {
  for (const method of ['log', 'warn', 'error'] as const) {
    original[method] = console[method];
  }
}

let enabled = false;

function write(method: Method, args: unknown[]): void {
  if (!enabled) return;
  try {
    original[method]?.call(console, PREFIX, ...args);
  } catch {
    // A broken console must not break the app.
  }
}

export const logger = {
  enable(): void {
    enabled = true;
  },
  disable(): void {
    enabled = false;
  },
  isEnabled(): boolean {
    return enabled;
  },
  log: (...args: unknown[]): void => write('log', args),
  warn: (...args: unknown[]): void => write('warn', args),
  error: (...args: unknown[]): void => write('error', args),
};

/** Calls the console as it was before any wrapping, e.g. to print a warning the user must see. */
export function originalConsole(method: Method, ...args: unknown[]): void {
  try {
    original[method]?.call(console, ...args);
  } catch {
    // ignore
  }
}
