// `name@location` frames: SpiderMonkey (Firefox) prints them, and JavaScriptCore (Safari) shares
// the syntax, so both engines' variants are read here.
import type { StackLineParser } from '../types';
import { WHITESPACE, createFrame, splitLocation } from './frame';

// JavaScriptCore names top-level code instead of leaving the name empty like the other engines.
function functionName(name: string): string {
  if (name === 'global code' || name === 'module code') return '';
  return name === 'eval code' ? 'eval' : name;
}

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
  const name = functionName(text.slice(text.lastIndexOf('*', at) + 1, at));
  // A message line such as `TypeError: user@example.com/x is invalid`.
  if (name.indexOf('Error: ') >= 0) return undefined;
  let location = text.slice(at + 1);
  const chain = location.lastIndexOf(' -> ');
  if (chain >= 0) location = location.slice(chain + 4);

  const evalAt = location.indexOf(' line ');
  if (evalAt > 0 && location.indexOf(' > ', evalAt) > 0) {
    const lineno = parseInt(location.slice(evalAt + 6), 10);
    return createFrame(location.slice(0, evalAt), name, lineno >= 0 ? lineno : undefined);
  }
  if (location === '[native code]') return createFrame(location, name);
  // Safari prints `fn@` for code without a URL; a name with spaces there is prose, not a frame.
  if (!location) return WHITESPACE.test(name) ? undefined : createFrame(undefined, name);
  const [file, lineno, colno] = splitLocation(location);
  if (lineno === undefined && location.indexOf('://') < 0) return undefined;
  return createFrame(file, name, lineno, colno);
};
