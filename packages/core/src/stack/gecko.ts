// `name@location` frames: SpiderMonkey (Firefox) prints them, and JavaScriptCore (Safari) shares
// the syntax, so both engines' variants are read here.
import type { StackLineParser } from '../types';
import { WHITESPACE, createFrame, locationFrame } from './frame';

/**
 * Reads one `name@location` stack line into a frame, or `undefined` when the line is not a frame.
 * Handles Firefox's async markers (`promise callback*fn@`), eval and `Function` code
 * (`url line 10 > eval:1:2`, reported at the calling line like V8's eval frames), loader chains
 * (`a.jsm -> b.js:1:2`), and Safari's `[native code]` and location-less frames (`fn@`).
 *
 * @example
 * geckoStackLineParser('loadUser@https://app.example/main.js:12:7');
 * // { filename: 'https://app.example/main.js', function: 'loadUser', lineno: 12, colno: 7, in_app: true }
 */
export const geckoStackLineParser: StackLineParser = (line) => {
  const text = line.trim();
  const at = text.indexOf('@');
  if (at < 0) return undefined;
  // Before a `*` is the async boundary the frame was reached through, not the function.
  let name = text.slice(text.lastIndexOf('*', at) + 1, at);
  // JavaScriptCore names top-level code instead of leaving the name empty like the other engines.
  if (name === 'global code' || name === 'module code') name = '';
  if (name === 'eval code') name = 'eval';
  // A message line such as `TypeError: user@example.com/x is invalid`.
  if (name.includes('Error: ')) return undefined;
  let location = text.slice(at + 1);
  const chain = location.lastIndexOf(' -> ');
  if (chain >= 0) location = location.slice(chain + 4);

  const evalAt = location.indexOf(' line ');
  if (evalAt > 0 && location.indexOf(' > ', evalAt) > 0) {
    // Unnamed eval code is `eval`, as V8 and JavaScriptCore name it (`Function` code is `anonymous`).
    if (!name && location.startsWith('eval', location.lastIndexOf(' > ') + 3)) name = 'eval';
    return createFrame(location.slice(0, evalAt), name, parseInt(location.slice(evalAt + 6), 10));
  }
  // Safari prints `fn@` for code without a URL; a name with spaces there is prose, not a frame.
  if (!location) return WHITESPACE.test(name) ? undefined : createFrame(undefined, name);
  const frame = locationFrame(location, name);
  // Without a line number, only URLs and native code are frames.
  if (frame || (location !== '[native code]' && !location.includes('://'))) return frame;
  return createFrame(location, name);
};
