// Prints an uncaught error the way Node does before it exits, so an app that uses the SDK
// shows the same crash output as one that does not. Node's own source arrow comes from
// the V8 throw location, which JavaScript cannot read; it is rebuilt from the top frame.

import { builtin } from './builtin';

/** `at fn (file:line:col)` or `at file:line:col`; the location group keeps `file://`. */
const FRAME_LOCATION = /^\s*at (?:.*? \()?((?:file:\/\/)?\/[^():]*|[A-Za-z]:\\[^():]*):(\d+):(\d+)\)?$/;
/** Node stops printing source above this line length; a minified line is noise. */
const MAX_SOURCE_LINE = 1000;

/**
 * The text Node writes to stderr for an uncaught `error`: source arrow, the inspected
 * error, and the `Node.js vX` footer.
 *
 * @example
 * process.stderr.write(formatUncaught(error));
 * process.exit(1);
 */
export function formatUncaught(error: unknown): string {
  const footer = `\nNode.js ${process.version}\n`;
  if (typeof error === 'object' && error !== null && typeof (error as Error).stack === 'string') {
    const arrow = sourceArrow((error as Error).stack as string);
    return `${arrow ? `${arrow}\n` : ''}${inspectLikeNode(error)}\n${footer}`;
  }
  if (typeof error === 'object' && error !== null) return `\n${inspectLikeNode(error)}\n${footer}`;
  const argv0 = builtin('node:path').basename(process.argv0 || 'node', '.exe');
  const hint = `(Use \`${argv0} --trace-uncaught ...\` to show where the exception was thrown)`;
  return `\n${String(error)}\n${hint}\n${footer}`;
}

function inspectLikeNode(value: unknown): string {
  const { inspect } = builtin('node:util');
  const colors = Boolean(process.stderr.isTTY && process.stderr.hasColors?.()) || inspect.defaultOptions.colors;
  try {
    return inspect(value, { colors, customInspect: false, depth: Math.max(inspect.defaultOptions.depth ?? 2, 5) });
  } catch {
    return String((value as Error).stack);
  }
}

/** `file:line`, the source line and a caret under the throw, from the first frame of `stack`. */
export function sourceArrow(stack: string): string | undefined {
  const firstFrame = stack.split('\n').find((line) => /^\s*at /.test(line));
  const match = firstFrame && FRAME_LOCATION.exec(firstFrame);
  if (!match) return undefined;
  const [, location, lineText, columnText] = match;
  const line = readLine(location, Number(lineText));
  if (line === undefined || line.length > MAX_SOURCE_LINE) return undefined;
  let column = Math.max(0, Number(columnText) - 1);
  // V8 points at `throw`, the stack at the `new Error` after it.
  const before = /\bthrow\s+$/.exec(line.slice(0, column));
  if (before) column = before.index;
  const indent = line.slice(0, column).replace(/[^\t]/g, ' ');
  return `${location}:${lineText}\n${line}\n${indent}^\n`;
}

function readLine(location: string, lineNumber: number): string | undefined {
  try {
    const path = location.startsWith('file://') ? builtin('node:url').fileURLToPath(location) : location;
    return builtin('node:fs').readFileSync(path, 'utf8').split('\n')[lineNumber - 1]?.replace(/\r$/, '');
  } catch {
    return undefined;
  }
}
