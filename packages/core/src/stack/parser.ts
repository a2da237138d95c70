// Turns an `error.stack` string into Sentry frames with the engine-specific line parsers.
import type { StackFrame, StackLineParser, StackParser } from '../types';

/** Longer lines are cut before matching, which bounds the work per line. */
const MAX_LINE_LENGTH = 1024;
/** Frames kept, nearest the throw first; deeper callers are dropped. */
const MAX_FRAMES = 50;

/**
 * Builds a parser that reads each line with the first line parser that recognises it, skips the
 * rest (the message, which may span several lines), and returns frames caller first.
 * `skipFirstLines` skips lines known to be message text even if they look like frames.
 *
 * @example
 * const parse = createStackParser(v8StackLineParser, geckoStackLineParser, jscStackLineParser);
 * parse(new Error('boom').stack ?? '');
 */
export function createStackParser(...lineParsers: StackLineParser[]): StackParser {
  return (stack, skipFirstLines = 0) => {
    const frames: StackFrame[] = [];
    if (typeof stack !== 'string') return frames;
    let skip = skipFirstLines > 0 ? skipFirstLines : 0; // also for NaN
    // Lines are found with indexOf rather than split, which would copy every line into an array.
    for (let start = 0, end = 0; end >= 0 && frames.length < MAX_FRAMES; start = end + 1) {
      end = stack.indexOf('\n', start);
      if (skip-- > 0) continue;
      const line = stack.slice(start, Math.min(end < 0 ? stack.length : end, start + MAX_LINE_LENGTH));
      for (const parse of lineParsers) {
        const frame = parse(line);
        if (frame) {
          frames.push(frame);
          break;
        }
      }
    }
    return frames.reverse();
  };
}
