// JavaScriptCore (Safari) frames. Most share the `name@location` syntax with Firefox; an
// unnamed function prints its location alone (`url:line:col` in older Safari, `[native code]`).
import type { StackLineParser } from '../types';
import { geckoStackLineParser } from './gecko';
import { createFrame, locationFrame } from './frame';

const BARE_URL = /^[a-z][\w+.-]*:\/\/\S+$/i;

/**
 * Reads one Safari stack line into a frame, or `undefined` when the line is not a frame.
 *
 * @example
 * jscStackLineParser('global code@https://app.example/main.js:30:4');
 * // { filename: 'https://app.example/main.js', function: '?', lineno: 30, colno: 4, in_app: true }
 */
export const jscStackLineParser: StackLineParser = (line) => {
  const text = line.trim();
  // An unnamed frame is its location alone: a bare `url:line:col`, or `[native code]`.
  if (text === '[native code]') return createFrame(text, undefined);
  return geckoStackLineParser(line) || (BARE_URL.test(text) ? locationFrame(text, undefined) : undefined);
};
