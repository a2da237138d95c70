// Debug ids: `sentry-cli sourcemaps inject` and Sentry's bundler plugins make each built file
// register `globalThis._sentryDebugIds[new Error().stack] = '<uuid>'` as it loads. Sent as
// `debug_meta.images`, they let the server find a file's source map by id, not by name.

import { logger } from './logger';
import type { DebugImage, Event, StackFrame, StackParser } from './types';

/** Sentry's registry, then the native one of the TC39 debug id proposal (Vercel, Sentry 11 reads both). */
const REGISTRIES = ['_sentryDebugIds', '_debugIds'] as const;

/** The tools write UUIDs; anything else in the registry is not an id the server can match. */
export const DEBUG_ID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/** Registry entries read at most: each costs a stack parse, and no app loads more files. */
const MAX_ENTRIES = 1000;

interface Cache {
  /** Entries per registry when last read: a lazily loaded chunk adds one. */
  counts: string;
  /** Registry key (a stack) -> the file it was created in ('' when none), parsed once. */
  stacks: Map<string, string>;
  /** File name -> debug id. */
  files: Map<unknown, string>;
}

// Per parser: the file names in the keys must be read as the event's frames were.
const caches = new WeakMap<StackParser, Cache>();

/**
 * The event with a `{ type: 'sourcemap', code_file, debug_id }` image in `debug_meta.images`
 * for each distinct file of its exception and thread frames that registered a debug id.
 * Without a registry it costs one `typeof` per name. Returns the event itself when nothing
 * applies; never throws.
 *
 * @example
 * // app.min.js ran: _sentryDebugIds[new Error().stack] = 'c941d872-af1f-4f0c-a7ff-ad3d295fe153'
 * withDebugImages(event, options.stackParser).debug_meta;
 * // { images: [{ type: 'sourcemap', code_file: 'https://shop.example/app.min.js', debug_id: 'c941d872-...' }] }
 */
export function withDebugImages(event: Event, parser: StackParser): Event {
  try {
    const global = globalThis as Record<string, unknown>;
    if (typeof global._sentryDebugIds !== 'object' && typeof global._debugIds !== 'object') return event;
    const files = debugIdsByFile(global, parser);
    // Code file -> debug id: one image per file, however many frames it has.
    const found = new Map<unknown, string>();
    const threads = (event as { threads?: { values?: unknown } }).threads?.values;
    for (const list of [event.exception?.values, threads]) {
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const frames: unknown = item?.stacktrace?.frames;
        if (!Array.isArray(frames)) continue;
        for (const { filename, abs_path } of frames.filter(Boolean) as StackFrame[]) {
          const id = files.get(filename) ?? files.get(abs_path);
          if (id) found.set(typeof abs_path === 'string' ? abs_path : filename, id);
        }
      }
    }
    if (!found.size) return event;
    const images: DebugImage[] = Array.isArray(event.debug_meta?.images) ? [...event.debug_meta.images] : [];
    for (const [code_file, debug_id] of found) images.push({ type: 'sourcemap', code_file: code_file as string, debug_id });
    return { ...event, debug_meta: { ...event.debug_meta, images } };
  } catch (error) {
    logger.warn('Debug ids not read:', error);
    return event;
  }
}

/** File name -> debug id from the registries; read again only when their sizes change. */
function debugIdsByFile(global: Record<string, unknown>, parser: StackParser): Map<unknown, string> {
  const registries = REGISTRIES.map((name) => global[name]).filter(
    (registry): registry is Record<string, unknown> => typeof registry === 'object' && registry !== null,
  );
  const keys = registries.map((registry) => Object.keys(registry));
  const counts = keys.map((list) => list.length).join();
  const cached = caches.get(parser);
  if (cached?.counts === counts) return cached.files;

  const cache: Cache = { counts, stacks: new Map(), files: new Map() };
  let skipped = 0;
  keys.forEach((list, index) => {
    for (const stack of list) {
      let id: unknown;
      try {
        id = registries[index][stack];
      } catch {
        // A getter that throws: no id for that file.
      }
      if (typeof id !== 'string' || !DEBUG_ID.test(id) || cache.stacks.size >= MAX_ENTRIES) {
        skipped++;
        continue;
      }
      const file = cached?.stacks.get(stack) ?? fileOf(parser(stack));
      cache.stacks.set(stack, file);
      if (file) cache.files.set(file, id);
    }
  });
  caches.set(parser, cache);
  if (skipped) logger.warn(`${skipped} debug id entries ignored: not a UUID, unreadable, or over ${MAX_ENTRIES}.`);
  return cache.files;
}

/** The file the registering `Error` was created in: the innermost frame with a file name. */
function fileOf(frames: StackFrame[]): string {
  for (let i = frames.length - 1; i >= 0; i--) {
    const name = frames[i]?.filename;
    if (typeof name === 'string' && name) return name;
  }
  return '';
}
