// Node frames: V8 lines plus what Node knows about files: absolute paths (ESM `file://` URLs
// become paths), Sentry module names, and `in_app` false for anything that is not a file.
import { createStackParser, v8StackLineParser } from '@faultline/core';
import type { StackFrame, StackParser } from '@faultline/core';
import { defaultAppRoot, moduleFromPath } from './module';

export interface NodeStackParserOptions {
  /**
   * Directory that app module names are relative to. Default: the entry script's directory,
   * or the working directory when the entry is a launcher inside `node_modules`.
   */
  appRoot?: string;
}

const WINDOWS_ABSOLUTE = /^[a-zA-Z]:[\\/]/;
const WINDOWS_FILE_URL_PATH = /^\/[a-zA-Z]:\//;
const URL_SCHEME = /^[a-zA-Z][\w+.-]*:/;

const isAbsolutePath = (path: string): boolean =>
  path.startsWith('/') || path.startsWith('\\\\') || WINDOWS_ABSOLUTE.test(path);

/** `file:///C:/a%20b/x.mjs` -> `C:\a b\x.mjs`, the same on every platform so results are stable. */
function fileUrlToPath(url: string): string {
  let path = url.slice('file://'.length).split(/[?#]/)[0];
  if (!path.startsWith('/')) path = `//${path}`; // file://server/share/x.mjs
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: keep the path as printed.
  }
  return WINDOWS_FILE_URL_PATH.test(path) ? path.slice(1).replace(/\//g, '\\') : path;
}

function toNodeFrame(frame: StackFrame, appRoot: string): StackFrame {
  const filename = frame.filename;
  if (!filename) return frame;
  const path = filename.startsWith('file://') ? fileUrlToPath(filename) : filename;
  if (isAbsolutePath(path)) {
    frame.filename = frame.abs_path = path;
    frame.module = moduleFromPath(path, appRoot);
  } else if (path.startsWith('node:')) {
    // Built-ins are named by their file as Sentry names them: `loader`, `node:events`.
    frame.module = moduleFromPath(path, appRoot);
  } else if (!URL_SCHEME.test(path)) {
    // `evalmachine.<anonymous>`, `[eval]`, old `internal/...` and `events.js` built-ins
    frame.in_app = false;
  }
  return frame;
}

/**
 * Builds a Node stack parser; module names are relative to `appRoot`.
 *
 * @example
 * const parse = createNodeStackParser({ appRoot: '/srv/app' });
 * parse(new Error('boom').stack ?? '');
 */
export function createNodeStackParser(options: NodeStackParserOptions = {}): StackParser {
  const parse = createStackParser(v8StackLineParser);
  const appRoot = options.appRoot || defaultAppRoot(process.argv[1], () => process.cwd());
  return (stack, skipFirstLines) => parse(stack, skipFirstLines).map((frame) => toNodeFrame(frame, appRoot));
}

/**
 * Parses a Node `error.stack` into frames, caller first, with `abs_path` and `module`.
 *
 * @example
 * defaultStackParser(new Error('boom').stack ?? '').at(-1); // { abs_path: '/srv/app/x.js', module: 'x', ... }
 */
export const defaultStackParser: StackParser = createNodeStackParser();
