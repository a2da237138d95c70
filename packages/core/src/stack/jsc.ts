// JavaScriptCore (Safari) frames. Most share the `name@location` syntax with Firefox; older
// Safari also printed anonymous frames as a bare `url:line:col`.
import type { StackLineParser } from '../types';
import { geckoStackLineParser } from './gecko';
import { locationFrame } from './frame';

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
  // Or a bare `url:line:col`, which has no function name.
  return geckoStackLineParser(line) || (BARE_URL.test(text) ? locationFrame(text, undefined) : undefined);
};
