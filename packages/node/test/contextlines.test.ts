import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientLike, Event, StackFrame } from '@faultline/core';
import { contextLinesIntegration } from '../src/integrations/contextlines';

let dir: string;
const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-contextlines-'));
  writeFileSync(join(dir, 'app.js'), lines.join('\n'));
  writeFileSync(join(dir, 'crlf.js'), 'a\r\nb\r\nc');
  writeFileSync(join(dir, 'newline.js'), 'first\nlast();\n');
  writeFileSync(join(dir, 'crlf-newline.js'), 'first\r\nlast();\r\n\r\n');
  writeFileSync(join(dir, 'big.js'), `${'x\n'.repeat(600 * 1024)}`);
  writeFileSync(join(dir, 'min.js'), `short\n${'m'.repeat(5000)}\nshort`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withContext(frames: StackFrame[], frameContextLines?: number): Promise<StackFrame[]> {
  const event: Event = { exception: { values: [{ type: 'Error', stacktrace: { frames } }] } };
  const result = await contextLinesIntegration({ frameContextLines }).processEvent!(event, {}, {} as ClientLike);
  return (result as Event).exception!.values![0].stacktrace!.frames!;
}

describe('contextLinesIntegration', () => {
  it('adds 5 lines before and after, fewer at the file edges', async () => {
    const [middle, top] = await withContext([
      { abs_path: join(dir, 'app.js'), lineno: 10 },
      { abs_path: join(dir, 'app.js'), lineno: 2 },
    ]);
    expect(middle).toMatchObject({
      pre_context: ['line 5', 'line 6', 'line 7', 'line 8', 'line 9'],
      context_line: 'line 10',
      post_context: ['line 11', 'line 12', 'line 13', 'line 14', 'line 15'],
    });
    expect(top.pre_context).toEqual(['line 1']);
  });

  it('the newline that ends a file adds no empty line after its last one', async () => {
    const [last, crlf] = await withContext([
      { abs_path: join(dir, 'newline.js'), lineno: 2 },
      { abs_path: join(dir, 'crlf-newline.js'), lineno: 2 },
    ]);
    expect(last).toMatchObject({ pre_context: ['first'], context_line: 'last();', post_context: [] });
    // A blank line the file really has is kept.
    expect(crlf).toMatchObject({ context_line: 'last();', post_context: [''] });
  });

  it('reads ESM file URLs and CRLF files', async () => {
    const [esm, crlf] = await withContext([
      { filename: pathToFileURL(join(dir, 'app.js')).href, lineno: 20 },
      { abs_path: join(dir, 'crlf.js'), lineno: 2 },
    ]);
    expect(esm).toMatchObject({ context_line: 'line 20', post_context: [] });
    expect(crlf).toMatchObject({ pre_context: ['a'], context_line: 'b', post_context: ['c'] });
  });

  it('leaves frames alone for big files, minified lines, internals, missing files and bad line numbers', async () => {
    const frames = await withContext([
      { abs_path: join(dir, 'big.js'), lineno: 1 },
      { abs_path: join(dir, 'min.js'), lineno: 1 },
      { filename: 'node:internal/timers', lineno: 5 },
      { abs_path: join(dir, 'missing.js'), lineno: 1 },
      { abs_path: join(dir, 'app.js'), lineno: 99 },
    ]);
    for (const frame of frames) expect(frame.context_line).toBeUndefined();
  });

  it('answers synchronously once the files are cached', async () => {
    const integration = contextLinesIntegration();
    const event = (): Event => ({
      exception: { values: [{ stacktrace: { frames: [{ abs_path: join(dir, 'app.js'), lineno: 4 }] } }] },
    });
    const first = integration.processEvent!(event(), {}, {} as ClientLike);
    expect(first).toBeInstanceOf(Promise);
    await first;
    const second = integration.processEvent!(event(), {}, {} as ClientLike) as Event;
    expect(second.exception?.values?.[0]?.stacktrace?.frames?.[0]?.context_line).toBe('line 4');
  });

  it('lets only a few events of a burst wait for a file read; the others go on without its lines', async () => {
    const integration = contextLinesIntegration();
    const event = (): Event => ({
      exception: { values: [{ stacktrace: { frames: [{ abs_path: join(dir, 'app.js'), lineno: 7 }] } }] },
    });
    const contextLine = (result: Event): string | undefined =>
      result.exception?.values?.[0]?.stacktrace?.frames?.[0]?.context_line;
    const results = Array.from({ length: 20 }, () => integration.processEvent!(event(), {}, {} as ClientLike));
    const waited = results.filter((result) => result instanceof Promise);
    expect(waited).toHaveLength(8);
    for (const result of results.filter((r) => !(r instanceof Promise))) expect(contextLine(result as Event)).toBeUndefined();
    for (const result of await Promise.all(waited)) expect(contextLine(result as Event)).toBe('line 7');
    expect(contextLine(integration.processEvent!(event(), {}, {} as ClientLike) as Event)).toBe('line 7');
  });

  it('adds frameContextLines lines before and after', async () => {
    const [frame] = await withContext([{ abs_path: join(dir, 'app.js'), lineno: 10 }], 2);
    expect([frame.pre_context, frame.context_line, frame.post_context]).toEqual([['line 8', 'line 9'], 'line 10', ['line 11', 'line 12']]);
  });

  it('does nothing with frameContextLines: 0', async () => {
    const [frame] = await withContext([{ abs_path: join(dir, 'app.js'), lineno: 3 }], 0);
    expect(frame.context_line).toBeUndefined();
  });
});
