// Source lines around each stack frame, read asynchronously from the files on disk.

import type { Event, Integration, StackFrame } from '@faultline/core';
import { readFile, stat } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LruCache } from '../lru';

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
  const lines = options.frameContextLines ?? DEFAULT_LINES;
  const cache = new LruCache<string, Promise<string[] | undefined>>(CACHE_SIZE);
  const linesOf = (path: string): Promise<string[] | undefined> => {
    let pending = cache.get(path);
    if (!pending) {
      pending = readLines(path);
      cache.set(path, pending);
    }
    return pending;
  };
  return {
    name: 'ContextLines',
    async processEvent(event) {
      if (lines <= 0) return event;
      const frames = framesOf(event).filter((frame) => frame.lineno !== undefined && filePath(frame));
      await Promise.all(
        frames.map(async (frame) => {
          const fileLines = await linesOf(filePath(frame) as string);
          if (fileLines) addContext(frame, fileLines, lines);
        }),
      );
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
      return fileURLToPath(name);
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

/** The file's lines, or `undefined` when it is missing, unreadable or too big. */
function readLines(path: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    stat(path, (statError, stats) => {
      if (statError || !stats.isFile() || stats.size > MAX_FILE_BYTES) return resolve(undefined);
      readFile(path, 'utf8', (readError, text) => resolve(readError ? undefined : text.split(/\r?\n/)));
    });
  });
}
