// createStackParser: line cap, frame cap, order, message lines, hostile input.
import { describe, expect, it } from 'vitest';
import {
  UNKNOWN_FUNCTION,
  createStackParser,
  geckoStackLineParser,
  jscStackLineParser,
  v8StackLineParser,
} from '../../src/stack/index';
import { frames } from './fixtures/frames';

const parse = createStackParser(v8StackLineParser, geckoStackLineParser, jscStackLineParser);

describe('createStackParser', () => {
  it('returns frames caller first, the reverse of the engine order', () => {
    const stack = 'Error: x\n    at inner (/app/a.js:1:1)\n    at middle (/app/a.js:2:2)\n    at outer (/app/a.js:3:3)';
    expect(parse(stack).map((frame) => frame.function)).toEqual(['outer', 'middle', 'inner']);
  });

  it('uses the first line parser that recognises a line, whatever the engine', () => {
    const mixed = 'fn@https://a.example/x.js:1:2\n    at gn (https://a.example/y.js:3:4)\nhttps://a.example/z.js:5:6';
    expect(parse(mixed)).toStrictEqual(
      frames(
        ['?', 'https://a.example/z.js', 5, 6, true],
        ['gn', 'https://a.example/y.js', 3, 4, true],
        ['fn', 'https://a.example/x.js', 1, 2, true],
      ),
    );
  });

  it('cuts each line to 1024 characters before matching', () => {
    const longUrl = `https://cdn.example/${'a'.repeat(2000)}.js`;
    const [frame] = parse(`Error: x\n    at render (${longUrl}:10:20)`);
    // The cut removes `:10:20)`, so no line number can have been read from the full line.
    expect(frame).toStrictEqual({ filename: longUrl.slice(0, 1024 - '    at render ('.length), function: 'render', in_app: true });
  });

  it('keeps the 50 frames nearest the throw', () => {
    const lines = Array.from({ length: 80 }, (_, depth) => `    at level${depth} (/app/deep.js:${depth + 1}:1)`);
    const result = parse(`RangeError: Maximum call stack size exceeded\n${lines.join('\n')}`);
    expect(result).toHaveLength(50);
    expect(result[49].function).toBe('level0');
    expect(result[0].function).toBe('level49');
  });

  it('skips message lines, including several of them before the first frame', () => {
    // Node prints the failing source line above the message for errors thrown in vm code.
    const stack = [
      'evalmachine.<anonymous>:1',
      'function boom() { throw new Error("vm"); }',
      '                  ^',
      '',
      'Error: vm',
      '    at boom (evalmachine.<anonymous>:1:25)',
    ].join('\n');
    expect(parse(stack)).toStrictEqual(frames(['boom', 'evalmachine.<anonymous>', 1, 25, true]));
  });

  it('does not read prose that starts with "at" as a frame', () => {
    const stack = 'Error: upload failed\nat the third chunk\nat least one (see logs)\n    at upload (/app/up.js:9:3)';
    expect(parse(stack)).toStrictEqual(frames(['upload', '/app/up.js', 9, 3, true]));
  });

  it('skips `Error: ` lines that another parser would misread', () => {
    const stack = 'SyntaxError: Unexpected token in https://cdn.example/npm/lodash@4.17.21/lodash.min.js:1:2041\nsave@https://a.example/x.js:4:2';
    expect(parse(stack)).toStrictEqual(frames(['save', 'https://a.example/x.js', 4, 2, true]));
  });

  it('skipFirstLines drops message lines that look like frames', () => {
    // Captured in Node 20: new Error('first line\n    at fake (/not/a/frame.js:1:2)\nthird line')
    const stack = `Error: first line
    at fake (/not/a/frame.js:1:2)
third line
    at Object.<anonymous> (/tmp/fc/app/src/multiline.js:2:13)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)`;
    expect(parse(stack, 3)).toStrictEqual(
      frames(
        ['Module._compile', 'node:internal/modules/cjs/loader', 1521, 14, false],
        ['Object.<anonymous>', '/tmp/fc/app/src/multiline.js', 2, 13, true],
      ),
    );
  });

  it('returns no frames for input that is not a stack', () => {
    expect(parse('')).toEqual([]);
    expect(parse('just a message')).toEqual([]);
    expect(parse('Error: x\n    at a (/app/a.js:1:1)', 5)).toEqual([]);
    expect(parse(undefined as unknown as string)).toEqual([]);
    expect(parse({ stack: 1 } as unknown as string)).toEqual([]);
  });

  it('treats a negative or NaN skipFirstLines as zero', () => {
    const stack = '    at a (/app/a.js:1:1)';
    expect(parse(stack, -3)).toHaveLength(1);
    expect(parse(stack, Number.NaN)).toHaveLength(1);
  });

  it('names unknown functions "?"', () => {
    expect(UNKNOWN_FUNCTION).toBe('?');
    expect(parse('    at https://a.example/x.js:1:2')[0].function).toBe(UNKNOWN_FUNCTION);
  });

  it('reads Windows paths, file:// URLs and webpack:// sources whole', () => {
    const stack = [
      'Error: x',
      '    at a (C:\\Program Files (x86)\\App\\resources\\app.js:10:5)',
      '    at C:\\Program Files (x86)\\App\\resources\\app.js:20:1',
      '    at b (file:///C:/app/x.mjs:3:4)',
      '    at c (webpack:///./node_modules/lib/index.js?:7:8)',
    ].join('\n');
    expect(parse(stack)).toStrictEqual(
      frames(
        ['c', 'webpack:///./node_modules/lib/index.js?', 7, 8, false],
        ['b', 'file:///C:/app/x.mjs', 3, 4, true],
        ['?', 'C:\\Program Files (x86)\\App\\resources\\app.js', 20, 1, true],
        ['a', 'C:\\Program Files (x86)\\App\\resources\\app.js', 10, 5, true],
      ),
    );
  });

  it('reads line and column numbers of any length as the numbers they spell', () => {
    // Past 15 digits a number may not be exact in a double; it must round as Number() does.
    const [frame] = parse('    at f (/app/a.js:130320059885607841107136:9007199254740993)');
    expect(frame).toStrictEqual({
      filename: '/app/a.js',
      function: 'f',
      lineno: Number('130320059885607841107136'),
      colno: Number('9007199254740993'),
      in_app: true,
    });
    expect(parse('    at f (/app/a.js:007:0)')[0]).toMatchObject({ lineno: 7, colno: 0 });
  });

  it('reports nested evals at the outermost call site', () => {
    const stack = '    at eval (eval at f (eval at g (https://a.example/x.js:1:2)), <anonymous>:1:1)';
    expect(parse(stack)).toStrictEqual(frames(['eval', 'https://a.example/x.js', 1, 2, true]));
  });
});

describe('hostile input', () => {
  // Each input is 100k characters, built to make a backtracking matcher explode. The parsers
  // scan each line a bounded number of times, so these return at once; a regression would
  // hang until the test timeout.
  const SIZE = 100_000;
  const hostile = [
    `    at ${'('.repeat(SIZE)}`,
    `    at ${'a ('.repeat(SIZE / 3)})`,
    `    at f (${':1'.repeat(SIZE / 2)}x)`,
    `    at f (eval at ${'eval at g ('.repeat(SIZE / 11)}`,
    `    at ${' '.repeat(SIZE)}x`,
    `${'@'.repeat(SIZE)}`,
    `f@${' line 1 >'.repeat(SIZE / 10)}`,
    `f@${' -> '.repeat(SIZE / 4)}:1:`,
    `${'*'.repeat(SIZE)}@x`,
    `https://${'a:'.repeat(SIZE / 2)} `,
    `Error: ${'at '.repeat(SIZE / 3)}`,
  ];

  it('parses each 100k-character line through the line parsers directly', () => {
    for (const line of hostile) {
      for (const lineParser of [v8StackLineParser, geckoStackLineParser, jscStackLineParser]) {
        const frame = lineParser(line);
        expect(frame === undefined || typeof frame.function === 'string').toBe(true);
      }
    }
  });

  it('parses a stack made of all of them, with each line cut to 1024 characters', () => {
    const result = parse(hostile.join('\n'));
    expect(result.length).toBeLessThanOrEqual(hostile.length);
    for (const frame of result) expect((frame.filename ?? '').length).toBeLessThanOrEqual(1024);
  });
});
