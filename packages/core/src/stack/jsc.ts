// JavaScriptCore (Safari) frames. Most share the `name@location` syntax with Firefox; older
// Safari also printed anonymous frames as a bare `url:line:col`.
import type { StackLineParser } from '../types';
import { geckoStackLineParser } from './gecko';
import { createFrame, splitLocation } from './frame';

const BARE_URL = /^[a-z][\w+.-]*:\/\/\S+$/i;

function bareUrlFrame(line: string) {
  const text = line.trim();
  if (!BARE_URL.test(text)) return undefined;
  const [file, lineno, colno] = splitLocation(text);
  return lineno === undefined ? undefined : createFrame(file, undefined, lineno, colno);
}

/**
 * Reads one Safari stack line into a frame, or `undefined` when the line is not a frame.
 *
 * @example
 * jscStackLineParser('global code@https://app.example/main.js:30:4');
 * // { filename: 'https://app.example/main.js', function: '?', lineno: 30, colno: 4, in_app: true }
 */
export const jscStackLineParser: StackLineParser = (line) => geckoStackLineParser(line) || bareUrlFrame(line);
