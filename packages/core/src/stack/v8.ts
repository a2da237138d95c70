// V8 frames (Chrome, Edge, Opera, Node, Electron, Deno): `at name (location)` or `at location`.
// The line is read in place, by index, so a frame costs only the strings it keeps.
import type { StackLineParser } from '../types';
import { WHITESPACE, createFrame, locationFrame } from './frame';

/** Index of the `(` that opens the group closed by the last character, or -1; `first` is the first `(`. */
function openingParen(text: string, first: number): number {
  // Usually the only `(`, with nothing after it but the final `)`; forward searches find that
  // faster than counting, and count the same.
  if (text.indexOf('(', first + 1) < 0 && text.indexOf(')', first) === text.length - 1) return first;
  let depth = 0;
  for (let i = text.length; i--; ) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && !--depth) return i;
  }
  return -1;
}

/**
 * The place the eval was called from, as Sentry reports it:
 * `eval at fn (origin), <anonymous>:3:4`, where the origin may itself be `eval at gn (...)`.
 */
function evalOrigin(origin: string): string {
  while (origin.startsWith('eval at ')) {
    const open = origin.indexOf(' (');
    if (open < 0) return '';
    origin = origin.slice(open + 2);
  }
  origin = origin.split('), ', 1)[0];
  let end = origin.length;
  while (origin[end - 1] === ')') end--; // nested evals close several groups
  return origin.slice(0, end);
}

/**
 * Reads one V8 stack line into a frame, or `undefined` when the line is not a frame.
 *
 * @example
 * v8StackLineParser('    at loadUser (https://app.example/main.js:12:7)');
 * // { filename: 'https://app.example/main.js', function: 'loadUser', lineno: 12, colno: 7, in_app: true }
 */
export const v8StackLineParser: StackLineParser = (line) => {
  let start = 0;
  while (line.charCodeAt(start) <= 32) start++;
  if (!line.startsWith('at ', start)) return undefined;
  start += 3;
  if (line.charCodeAt(line.length - 1) <= 32) line = line.trimEnd();
  // `async` says how the frame was reached, not its name (like Firefox's `async*`); @sentry/node
  // drops it too, @sentry/browser keeps it, so one function would group under two names.
  if (line.startsWith('async ', start)) start += 6;
  // The frame is `line` from `start` on; its location runs from `from` to `to`.
  let to = line.length;
  let from = start;
  let name: string | undefined;
  // `openingParen` may count over the whole line: the part before `start` holds no parenthesis.
  const first = line.indexOf('(', start);
  const open = first >= 0 && line[to - 1] === ')' ? openingParen(line, first) : -1;
  if (open >= 0) {
    // Without the usual space before `(`, `trimEnd` has nothing to cut and makes no second string.
    name = line.slice(start, line[open - 1] === ' ' ? open - 1 : open).trimEnd();
    from = open + 1;
    to--;
  } else {
    // A line cut at the length cap keeps `name (location` but loses the closing parenthesis.
    const paren = line.indexOf(' (', start);
    if (paren > start && line.indexOf(')', paren) < 0) {
      name = line.slice(start, paren);
      from = paren + 2;
    }
  }

  if (line.startsWith('eval at ', from)) {
    const origin = evalOrigin(line.slice(from, to));
    return (
      locationFrame(origin, name, 0, undefined, '<anonymous>') || createFrame(origin || '<anonymous>', name)
    );
  }
  const frame = locationFrame(line, name, from, to);
  if (frame) return frame;
  const location = line.slice(from, to);
  if (
    (open < 0 && name) || // a cut line: a name, but no parenthesis after the location
    // locations V8 prints without a line number
    location === '<anonymous>' ||
    location === 'native' ||
    location.indexOf(':wasm-function[') > 0 ||
    // old V8 printed some URLs without one
    (location.indexOf('://') > 0 && !WHITESPACE.test(location))
  ) {
    return createFrame(location, name);
  }
  // `Promise.all (index 1)` names a built-in, not a file.
  if (name && location.startsWith('index ')) return createFrame(undefined, name);
  return undefined;
};
