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

/** Locations and names with whitespace are prose rather than frames, where a parser asks. */
export const WHITESPACE = /\s/;

const COLON = 58;

/** Start of the run of ASCII digits that ends just before `end`; `end` when there is none. */
function digitsBefore(text: string, end: number): number {
  let start = end;
  while (start > 0) {
    const code = text.charCodeAt(start - 1);
    if (code < 48 || code > 57) break;
    start--;
  }
  return start;
}

/**
 * Splits `file:line:col` from its end; either number may be absent. Reading from the end keeps
 * `C:\app\x.js:1:2`, `http://host:8080/x.js:1:2` and `node:internal/x:1:2` whole.
 */
export function splitLocation(location: string): [file: string, lineno?: number, colno?: number] {
  const end = location.length;
  const last = digitsBefore(location, end);
  if (last === end || location.charCodeAt(last - 1) !== COLON) return [location];
  const previous = digitsBefore(location, last - 1);
  if (previous < last - 1 && location.charCodeAt(previous - 1) === COLON) {
    return [location.slice(0, previous - 1), +location.slice(previous, last - 1), +location.slice(last)];
  }
  return [location.slice(0, last - 1), +location.slice(last)];
}
