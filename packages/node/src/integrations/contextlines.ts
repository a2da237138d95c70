// Source lines around each stack frame, read asynchronously from the files on disk. Best
// effort: while a file is being read only a few events wait for it, the others go without
// its lines (in a burst, waiting events would pile up in memory).

import type { Event, Integration, StackFrame } from '@faultline/core';
import { builtin } from '../builtin';
import { LruCache } from '../lru';
import { waitLimit } from './waitlimit';

const DEFAULT_LINES = 5;
/** A bigger file is a bundle or generated code; reading it costs more than its lines help. */
const MAX_FILE_BYTES = 1024 * 1024;
/** Longer lines are minified code: useless as context and heavy in every event. */
const MAX_LINE_LENGTH = 1000;
/** Files kept in memory; an error's frames usually touch a handful. */
const CACHE_SIZE = 20;

export interface ContextLinesOptions {
  /** Lines before and after the frame's line. Default 5; 0 turns the integration off. */
  frameContextLines?: number;
}

/**
 * Adds `pre_context`, `context_line` and `post_context` to frames of files on disk.
 *
 * @example
 * init({ dsn, integrations: [contextLinesIntegration({ frameContextLines: 3 })] });
 */
export function contextLinesIntegration(options: ContextLinesOptions = {}): Integration {
  const count = options.frameContextLines ?? DEFAULT_LINES;
  // `null`: the file cannot be used. Cached files make the processor synchronous.
  const cache = new LruCache<string, string[] | null>(CACHE_SIZE);
  const reading = new Map<string, Promise<string[] | null>>();
  const wait = waitLimit();
  const read = (path: string): Promise<string[] | null> => {
    let pending = reading.get(path);
    if (!pending) {
      pending = readLines(path).then((fileLines) => {
        cache.set(path, fileLines);
        reading.delete(path);
        return fileLines;
      });
      reading.set(path, pending);
    }
    return pending;
  };
  const apply = (frames: StackFrame[], files: Map<string, string[] | null>): void => {
    for (const frame of frames) {
      const fileLines = files.get(filePath(frame) as string);
      if (fileLines) addContext(frame, fileLines, count);
    }
  };
  return {
    name: 'ContextLines',
    processEvent(event) {
      if (count <= 0) return event;
      const frames = framesOf(event).filter((frame) => frame.lineno !== undefined && filePath(frame));
      const files = new Map<string, string[] | null>();
      const missing: string[] = [];
      for (const path of new Set(frames.map((frame) => filePath(frame) as string))) {
        const cached = cache.get(path);
        if (cached === undefined) missing.push(path);
        else files.set(path, cached);
      }
      // Starts the reads also for an event that cannot wait: later ones find the lines cached.
      const loads = missing.map(read);
      // Nothing that outlives this call may hold the event unless it waits.
      const waiting =
        loads.length > 0 &&
        wait(() => Promise.all(loads), (loaded) => {
          missing.forEach((path, i) => files.set(path, loaded[i]));
          apply(frames, files);
          return event;
        });
      if (waiting) return waiting;
      apply(frames, files);
      return event;
    },
  };
}

function framesOf(event: Event): StackFrame[] {
  return (event.exception?.values ?? []).flatMap((exception) => exception.stacktrace?.frames ?? []);
}

/** A path on disk, or `undefined` for `node:` internals, `<anonymous>`, eval code... */
function filePath(frame: StackFrame): string | undefined {
  const name = frame.abs_path ?? frame.filename;
  if (!name) return undefined;
  if (name.startsWith('file://')) {
    try {
      return builtin('node:url').fileURLToPath(name);
    } catch {
      return undefined;
    }
  }
  return name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) ? name : undefined;
}

function addContext(frame: StackFrame, fileLines: string[], count: number): void {
  const index = (frame.lineno as number) - 1;
  if (index < 0 || index >= fileLines.length) return;
  const from = Math.max(0, index - count);
  const window = fileLines.slice(from, index + count + 1);
  if (window.some((line) => line.length > MAX_LINE_LENGTH)) return;
  frame.pre_context = fileLines.slice(from, index);
  frame.context_line = fileLines[index];
  frame.post_context = fileLines.slice(index + 1, index + count + 1);
}

/** The file's lines, or `null` when it is missing, unreadable or too big. */
function readLines(path: string): Promise<string[] | null> {
  const { readFile, stat } = builtin('node:fs');
  return new Promise((resolve) => {
    stat(path, (statError, stats) => {
      if (statError || !stats.isFile() || stats.size > MAX_FILE_BYTES) return resolve(null);
      readFile(path, 'utf8', (readError, text) => resolve(readError ? null : splitLines(text)));
    });
  });
}

/** A file's final newline ends its last line; it does not start an empty one after it. */
function splitLines(text: string): string[] {
  const fileLines = text.split(/\r?\n/);
  if (fileLines.length > 1 && fileLines[fileLines.length - 1] === '') fileLines.pop();
  return fileLines;
}
