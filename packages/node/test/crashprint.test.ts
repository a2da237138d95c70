import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatUncaught, sourceArrow } from '../src/crashprint';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-crashprint-'));
  file = join(dir, 'app.js');
  writeFileSync(file, ['function f() {', '    throw new Error("boom");', '}', '\tnull.foo;', `${'x'.repeat(2000)}`].join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sourceArrow', () => {
  it('points at `throw` when the error was created in the throw statement', () => {
    expect(sourceArrow(`Error: boom\n    at f (${file}:2:11)`)).toBe(`${file}:2\n    throw new Error("boom");\n    ^\n`);
  });

  it('points at the column otherwise, keeping tabs so the caret lines up', () => {
    expect(sourceArrow(`TypeError: x\n    at ${file}:4:7`)).toBe(`${file}:4\n\tnull.foo;\n\t     ^\n`);
  });

  it('prints ESM locations as file URLs, as Node does', () => {
    const url = pathToFileURL(file).href;
    expect(sourceArrow(`Error: boom\n    at f (${url}:2:11)`)?.split('\n')[0]).toBe(`${url}:2`);
  });

  it('gives nothing for internals, unreadable files and minified lines', () => {
    expect(sourceArrow('Error: x\n    at Object.openSync (node:fs:573:18)')).toBeUndefined();
    expect(sourceArrow(`Error: x\n    at f (${join(dir, 'missing.js')}:1:1)`)).toBeUndefined();
    expect(sourceArrow(`Error: x\n    at f (${file}:5:1)`)).toBeUndefined();
    expect(sourceArrow('Error: no frames')).toBeUndefined();
  });
});

describe('formatUncaught', () => {
  const footer = `\n\nNode.js ${process.version}\n`;

  it('prints arrow, blank line, the inspected error and the Node.js footer', () => {
    const error = new Error('boom');
    error.stack = `Error: boom\n    at f (${file}:2:11)`;
    expect(formatUncaught(error)).toBe(`${file}:2\n    throw new Error("boom");\n    ^\n\n${error.stack}${footer}`);
  });

  it('shows own properties like Node (inspect with customInspect off)', () => {
    const error = Object.assign(new Error('gone'), { code: 'ENOENT' });
    error.stack = 'Error: gone\n    at node:fs:1:1';
    expect(formatUncaught(error)).toBe(`Error: gone\n    at node:fs:1:1 {\n  code: 'ENOENT'\n}${footer}`);
  });

  it('prints thrown primitives with the --trace-uncaught hint, objects inspected', () => {
    expect(formatUncaught('plain')).toBe(
      `\nplain\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)${footer}`,
    );
    expect(formatUncaught({ a: 1 })).toBe(`\n{ a: 1 }${footer}`);
  });
});
