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
    // A dependency's path has a `_`: a one-character search spares most files the RegExp, which
    // costs more than the rest of the frame.
    (filename.indexOf('_') < 0 || !DEPENDENCY.test(filename))
  );
}

/**
 * A frame with only the fields that are known; `?` stands for an unnamed function, and a line or
 * column that is absent, negative or NaN is unknown.
 */
export function createFrame(
  filename: string | undefined,
  func: string | undefined,
  lineno = -1,
  colno = -1,
): StackFrame {
  const frame: StackFrame = {};
  if (filename) frame.filename = filename;
  // `Object.<anonymous>` stays as the engine printed it, as @sentry/browser keeps it (@sentry/node
  // writes `Object.?`): one function, one name in both SDKs.
  frame.function = func && func !== '<anonymous>' ? func : UNKNOWN_FUNCTION;
  if (lineno >= 0) frame.lineno = lineno;
  if (colno >= 0) frame.colno = colno;
  frame.in_app = isInApp(filename);
  return frame;
}

/** Locations and names with whitespace are prose rather than frames, where a parser asks. */
export const WHITESPACE = /\s/;

/**
 * The frame of the location `file:line:col` in `text` from `start` to `end` (callers make sure the
 * character before `start` is no digit or colon), or `undefined` without a line number. Reading
 * from the end keeps `C:\app\x.js:1:2`, `http://host:8080/x.js:1:2` and `node:internal/x:1:2`
 * whole; reading in place, each digit once, saves cutting out the pieces. An empty file is
 * `emptyFile`.
 */
export function locationFrame(
  text: string,
  func: string | undefined,
  start = 0,
  end = text.length,
  emptyFile?: string,
): StackFrame | undefined {
  let lineno: number | undefined;
  let colno: number | undefined;
  // `:col`, then `:line` before it; `end` moves back over each one read.
  for (let numbers = 0; numbers < 2; numbers++) {
    let digits = end;
    let value = 0;
    let scale = 1;
    // The digits (char codes 48-57) before `end`, summed as they are read.
    for (let code; (code = text.charCodeAt(digits - 1)) > 47 && code < 58; digits--) {
      value += (code - 48) * scale;
      scale *= 10;
    }
    if (digits === end || text[digits - 1] !== ':') break;
    // Past 15 digits the sum may round differently from `+`.
    if (end - digits > 15) value = +text.slice(digits, end);
    colno = lineno;
    lineno = value;
    end = digits - 1;
  }
  if (lineno === undefined) return undefined;
  return createFrame(text.slice(start, end) || emptyFile, func, lineno, colno);
}
