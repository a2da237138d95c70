// Pieces every line parser shares: building a frame, deciding `in_app`, reading `:line:col`.
import type { StackFrame } from '../types';

/** The function name reported when the engine printed none. */
export const UNKNOWN_FUNCTION = '?';

// Locations that name no file of the app: engine built-ins and code without a URL.
const ENGINE_LOCATIONS = ['<anonymous>', 'native', '[native code]'];
const DEPENDENCY = /[\\/]node_modules[\\/]/;

/** False for engine built-ins, `node:` internals, dependencies and frames without a file. */
export function isInApp(filename: string | undefined): boolean {
  return (
    !!filename &&
    ENGINE_LOCATIONS.indexOf(filename) < 0 &&
    !filename.startsWith('node:') &&
    !DEPENDENCY.test(filename)
  );
}

/** A frame with only the fields that are known; `?` stands for an unnamed function. */
export function createFrame(
  filename: string | undefined,
  func: string | undefined,
  lineno?: number,
  colno?: number,
): StackFrame {
  const frame: StackFrame = {};
  if (filename) frame.filename = filename;
  frame.function = func && func !== '<anonymous>' ? func : UNKNOWN_FUNCTION;
  if (lineno !== undefined) frame.lineno = lineno;
  if (colno !== undefined) frame.colno = colno;
  frame.in_app = isInApp(filename);
  return frame;
}

const DIGITS = /^\d+$/;

/**
 * Splits `file:line:col` from its end; either number may be absent. Reading from the end keeps
 * `C:\app\x.js:1:2`, `http://host:8080/x.js:1:2` and `node:internal/x:1:2` whole.
 */
export function splitLocation(location: string): [file: string, lineno?: number, colno?: number] {
  const last = location.lastIndexOf(':');
  const tail = location.slice(last + 1);
  if (last < 0 || !DIGITS.test(tail)) return [location];
  const previous = location.lastIndexOf(':', last - 1);
  const middle = location.slice(previous + 1, last);
  if (previous >= 0 && DIGITS.test(middle)) return [location.slice(0, previous), +middle, +tail];
  return [location.slice(0, last), +tail];
}
