// V8 frames (Chrome, Edge, Opera, Node, Electron, Deno): `at name (location)` or `at location`.
import type { StackLineParser } from '../types';
import { WHITESPACE, createFrame, splitLocation } from './frame';

const OPEN = 40; // (
const CLOSE = 41; // )

/** Index of the `(` that opens the group closed by the last character, or -1. */
function openingParen(text: string): number {
  // Usually the last `(`, with nothing but the final `)` after it: no need to count.
  const last = text.lastIndexOf('(');
  if (last < 0 || text.indexOf(')', last) === text.length - 1) return last;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const char = text.charCodeAt(i);
    if (char === CLOSE) depth++;
    else if (char === OPEN && --depth === 0) return i;
  }
  return -1;
}

/**
 * The place the eval was called from, as Sentry reports it:
 * `eval at fn (origin), <anonymous>:3:4`, where the origin may itself be `eval at gn (...)`.
 */
function evalOrigin(location: string): string {
  let origin = location;
  while (origin.startsWith('eval at ')) {
    const open = origin.indexOf(' (');
    if (open < 0) return '';
    origin = origin.slice(open + 2);
  }
  const close = origin.indexOf('), ');
  if (close >= 0) origin = origin.slice(0, close);
  let end = origin.length;
  while (end > 0 && origin[end - 1] === ')') end--; // nested evals close several groups
  return origin.slice(0, end);
}

// Locations V8 prints without a line number.
const isEngineLocation = (location: string): boolean =>
  location === '<anonymous>' || location === 'native' || location.indexOf(':wasm-function[') > 0;

// Old V8 printed some locations without a line number.
const isUrl = (location: string): boolean => location.indexOf('://') > 0 && !WHITESPACE.test(location);

/**
 * Reads one V8 stack line into a frame, or `undefined` when the line is not a frame.
 *
 * @example
 * v8StackLineParser('    at loadUser (https://app.example/main.js:12:7)');
 * // { filename: 'https://app.example/main.js', function: 'loadUser', lineno: 12, colno: 7, in_app: true }
 */
export const v8StackLineParser: StackLineParser = (line) => {
  let start = 0;
  while (start < line.length && line.charCodeAt(start) <= 32) start++;
  if (!line.startsWith('at ', start)) return undefined;
  let text = line.slice(start + 3);
  if (text.charCodeAt(text.length - 1) <= 32) text = text.trimEnd();
  if (text.startsWith('async ')) text = text.slice(6);

  let name: string | undefined;
  let location = text;
  let cut = false;
  const open = text.endsWith(')') ? openingParen(text) : -1;
  if (open >= 0) {
    name = text.slice(0, open).trimEnd();
    location = text.slice(open + 1, -1);
  } else {
    // A line cut at the length cap keeps `name (location` but loses the closing parenthesis.
    const paren = text.indexOf(' (');
    if (paren > 0 && text.indexOf(')', paren) < 0) {
      name = text.slice(0, paren);
      location = text.slice(paren + 2);
      cut = true;
    }
  }

  if (location.startsWith('eval at ')) {
    const [file, lineno, colno] = splitLocation(evalOrigin(location));
    return createFrame(file || '<anonymous>', name, lineno, colno);
  }
  const [file, lineno, colno] = splitLocation(location);
  if (lineno !== undefined) return createFrame(file, name, lineno, colno);
  if (cut || isEngineLocation(location) || isUrl(location)) return createFrame(location, name);
  // `Promise.all (index 1)` names a built-in, not a file.
  if (name && location.startsWith('index ')) return createFrame(undefined, name);
  return undefined;
};
