// Node frames: abs_path, Sentry module names and in_app on real Node stacks.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StackFrame } from '@faultline/core';
import { createNodeStackParser, defaultStackParser } from '../src/stack';
import { defaultAppRoot, moduleFromPath } from '../src/module';
import { frames } from '../../core/test/stack/fixtures/frames';
import type { FrameRow } from '../../core/test/stack/fixtures/frames';

/**
 * A frame row, plus the module name when the frame is an absolute path (then abs_path = filename).
 * A `node:` built-in row expects its file's name as module (see 'built-in frames' below).
 */
type NodeRow = [...FrameRow, module?: string];

function nodeFrames(...rows: NodeRow[]): StackFrame[] {
  return frames(...rows.map((row) => row.slice(0, 5) as FrameRow)).map((frame, i) => {
    const module = rows[i][5];
    if (frame.filename?.startsWith('node:')) return { ...frame, module: frame.filename.slice(frame.filename.lastIndexOf('/') + 1) };
    return module === undefined ? frame : { ...frame, abs_path: frame.filename, module };
  });
}

describe('built-in frames', () => {
  it('get the module name Sentry gives them: the file name, or node:<name> at the top level', () => {
    const stack = `Error: boom
    at Server.emit (node:events:517:28)
    at parserOnIncoming (node:_http_server:1107:12)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack).map((frame) => [frame.module, frame.abs_path, frame.in_app])).toEqual([
      ['run_main_module', undefined, false],
      ['loader', undefined, false],
      ['node:_http_server', undefined, false],
      ['node:events', undefined, false],
    ]);
  });
});

// Captured with Node 20.20.2 on Linux from an app in /tmp/fc/app (rebuilt by
// packages/core/test/stack/fixtures/capture-node.mjs), with @acme/retry and left-pad in its
// node_modules and Express 5 from this repository's node_modules.
const parse = createNodeStackParser({ appRoot: '/tmp/fc/app' });
const CAPTURE = '/tmp/fc/app/src/capture.js';
const USER = '/tmp/fc/app/src/lib/user.js';
const CJS_LOADER = 'node:internal/modules/cjs/loader';

describe('Node 20, captured', () => {
  it('a class constructor (`at new User`) called from module code', () => {
    const stack = `TypeError: name is required
    at new User (/tmp/fc/app/src/lib/user.js:3:22)
    at /tmp/fc/app/src/capture.js:11:27
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:11:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 11, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 11, 27, true, 'src:capture'],
      ['new User', USER, 3, 22, true, 'src.lib:user'],
    ));
  });

  it('a getter (`at get email [as email]`)', () => {
    const stack = `Error: no email for ann
    at get email [as email] (/tmp/fc/app/src/lib/user.js:7:11)
    at /tmp/fc/app/src/capture.js:12:38
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:12:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 12, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 12, 38, true, 'src:capture'],
      ['get email [as email]', USER, 7, 11, true, 'src.lib:user'],
    ));
  });

  it('a computed symbol method (`at [Symbol.iterator]`)', () => {
    const stack = `Error: not iterable
    at [Symbol.iterator] (/tmp/fc/app/src/lib/user.js:10:11)
    at /tmp/fc/app/src/capture.js:13:34
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:13:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 13, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 13, 34, true, 'src:capture'],
      ['[Symbol.iterator]', USER, 10, 11, true, 'src.lib:user'],
    ));
  });

  it('an app callback called from a scoped package in node_modules', () => {
    const stack = `TypeError: Cannot read properties of null (reading 'name')
    at loadUser (/tmp/fc/app/src/capture.js:14:79)
    at withRetry (/tmp/fc/app/node_modules/@acme/retry/lib/index.js:2:10)
    at /tmp/fc/app/src/capture.js:14:35
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:14:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 14, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 14, 35, true, 'src:capture'],
      ['withRetry', '/tmp/fc/app/node_modules/@acme/retry/lib/index.js', 2, 10, false, '@acme.retry.lib:index'],
      ['loadUser', CAPTURE, 14, 79, true, 'src:capture'],
    ));
  });

  it('a callback inside Array.prototype.map (`at Array.map (<anonymous>)`)', () => {
    const stack = `RangeError: two
    at /tmp/fc/app/src/capture.js:15:63
    at Array.map (<anonymous>)
    at /tmp/fc/app/src/capture.js:15:31
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:15:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 15, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 15, 31, true, 'src:capture'],
      ['Array.map', '<anonymous>', undefined, undefined, false],
      ['?', CAPTURE, 15, 63, true, 'src:capture'],
    ));
  });

  it('eval, reported at the line that called eval', () => {
    const stack = `Error: from eval
    at inEval (eval at <anonymous> (/tmp/fc/app/src/capture.js:16:20), <anonymous>:1:28)
    at eval (eval at <anonymous> (/tmp/fc/app/src/capture.js:16:20), <anonymous>:1:54)
    at /tmp/fc/app/src/capture.js:16:20
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:16:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 16, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 16, 20, true, 'src:capture'],
      ['eval', CAPTURE, 16, 20, true, 'src:capture'],
      ['inEval', CAPTURE, 16, 20, true, 'src:capture'],
    ));
  });

  it('new Function, reported where the function was created', () => {
    const stack = `Error: from new Function
    at eval (eval at <anonymous> (/tmp/fc/app/src/capture.js:17:27), <anonymous>:3:14)
    at /tmp/fc/app/src/capture.js:17:92
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:17:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 17, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 17, 92, true, 'src:capture'],
      ['eval', CAPTURE, 17, 27, true, 'src:capture'],
    ));
  });

  it('JSON.parse (`<anonymous>`)', () => {
    const stack = `SyntaxError: Expected property name or '}' in JSON at position 1
    at JSON.parse (<anonymous>)
    at /tmp/fc/app/src/capture.js:18:25
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:18:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 18, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 18, 25, true, 'src:capture'],
      ['JSON.parse', '<anonymous>', undefined, undefined, false],
    ));
  });

  it('vm.runInNewContext: source excerpt above the message, `evalmachine.<anonymous>` frames', () => {
    const stack = `evalmachine.<anonymous>:1
function boom() { throw new Error("vm"); }
                  ^

Error: vm
    at boom (evalmachine.<anonymous>:1:25)
    at evalmachine.<anonymous>:2:1
    at Script.runInContext (node:vm:149:12)
    at Script.runInNewContext (node:vm:154:17)
    at Object.runInNewContext (node:vm:310:38)
    at /tmp/fc/app/src/capture.js:19:21
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:19:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 19, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 19, 21, true, 'src:capture'],
      ['Object.runInNewContext', 'node:vm', 310, 38, false],
      ['Script.runInNewContext', 'node:vm', 154, 17, false],
      ['Script.runInContext', 'node:vm', 149, 12, false],
      ['?', 'evalmachine.<anonymous>', 2, 1, false],
      ['boom', 'evalmachine.<anonymous>', 1, 25, false],
    ));
  });

  it('vm.runInThisContext with a relative filename', () => {
    const stack = `template.vm.js:1
throw new Error("vm file")
^

Error: vm file
    at template.vm.js:1:7
    at Script.runInThisContext (node:vm:137:12)
    at Object.runInThisContext (node:vm:317:38)
    at /tmp/fc/app/src/capture.js:20:29
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:20:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 20, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 20, 29, true, 'src:capture'],
      ['Object.runInThisContext', 'node:vm', 317, 38, false],
      ['Script.runInThisContext', 'node:vm', 137, 12, false],
      ['?', 'template.vm.js', 1, 7, false],
    ));
  });

  it('a sync fs call (`node:fs` frames)', () => {
    const stack = `Error: ENOENT: no such file or directory, open '/nonexistent/file.txt'
    at Object.openSync (node:fs:573:18)
    at Object.readFileSync (node:fs:452:35)
    at /tmp/fc/app/src/capture.js:21:36
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:21:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 21, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 21, 36, true, 'src:capture'],
      ['Object.readFileSync', 'node:fs', 452, 35, false],
      ['Object.openSync', 'node:fs', 573, 18, false],
    ));
  });

  it('a method whose name has spaces and parentheses', () => {
    const stack = `Error: computed
    at weird name (with parens) (/tmp/fc/app/src/capture.js:22:70)
    at /tmp/fc/app/src/capture.js:22:125
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:22:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 22, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 22, 125, true, 'src:capture'],
      ['weird name (with parens)', CAPTURE, 22, 70, true, 'src:capture'],
    ));
  });

  it('a method called through another property', () => {
    const stack = `Error: alias
    at Object.run (/tmp/fc/app/src/capture.js:23:55)
    at /tmp/fc/app/src/capture.js:23:96
    at grab (/tmp/fc/app/src/capture.js:6:9)
    at Object.<anonymous> (/tmp/fc/app/src/capture.js:23:1)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', CAPTURE, 23, 1, true, 'src:capture'],
      ['grab', CAPTURE, 6, 9, true, 'src:capture'],
      ['?', CAPTURE, 23, 96, true, 'src:capture'],
      ['Object.run', CAPTURE, 23, 55, true, 'src:capture'],
    ));
  });

  it('a stack overflow (10 frames, the default limit)', () => {
    const stack = `RangeError: Maximum call stack size exceeded
    at rec (/tmp/fc/app/src/capture.js:24:49)
    at rec (/tmp/fc/app/src/capture.js:24:56)
    at rec (/tmp/fc/app/src/capture.js:24:56)
    at rec (/tmp/fc/app/src/capture.js:24:56)
    at rec (/tmp/fc/app/src/capture.js:24:56)
    at rec (/tmp/fc/app/src/capture.js:24:56)
    at rec (/tmp/fc/app/src/capture.js:24:56)
    at rec (/tmp/fc/app/src/capture.js:24:56)
    at rec (/tmp/fc/app/src/capture.js:24:56)
    at rec (/tmp/fc/app/src/capture.js:24:56)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 56, true, 'src:capture'],
      ['rec', CAPTURE, 24, 49, true, 'src:capture'],
    ));
  });

  it('async functions (`at async handler`, `at async /path:29:5`)', () => {
    const stack = `Error: async fail
    at fetchUser (/tmp/fc/app/src/capture.js:27:52)
    at async handler (/tmp/fc/app/src/capture.js:28:39)
    at async /tmp/fc/app/src/capture.js:29:5
    at async grabAsync (/tmp/fc/app/src/capture.js:9:9)
    at async /tmp/fc/app/src/capture.js:26:3`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', CAPTURE, 26, 3, true, 'src:capture'],
      ['grabAsync', CAPTURE, 9, 9, true, 'src:capture'],
      ['?', CAPTURE, 29, 5, true, 'src:capture'],
      ['handler', CAPTURE, 28, 39, true, 'src:capture'],
      ['fetchUser', CAPTURE, 27, 52, true, 'src:capture'],
    ));
  });

  it('Promise.all (`at async Promise.all (index 1)`)', () => {
    const stack = `Error: in Promise.all
    at one (/tmp/fc/app/src/capture.js:32:46)
    at async Promise.all (index 1)
    at async /tmp/fc/app/src/capture.js:33:5
    at async grabAsync (/tmp/fc/app/src/capture.js:9:9)
    at async /tmp/fc/app/src/capture.js:31:3`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', CAPTURE, 31, 3, true, 'src:capture'],
      ['grabAsync', CAPTURE, 9, 9, true, 'src:capture'],
      ['?', CAPTURE, 33, 5, true, 'src:capture'],
      ['Promise.all', undefined, undefined, undefined, false],
      ['one', CAPTURE, 32, 46, true, 'src:capture'],
    ));
  });

  it('an async call through node_modules', () => {
    const stack = `Error: db down
    at query (/tmp/fc/app/src/capture.js:35:103)
    at async withRetryAsync (/tmp/fc/app/node_modules/@acme/retry/lib/index.js:6:10)
    at async grabAsync (/tmp/fc/app/src/capture.js:9:9)
    at async /tmp/fc/app/src/capture.js:35:3`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', CAPTURE, 35, 3, true, 'src:capture'],
      ['grabAsync', CAPTURE, 9, 9, true, 'src:capture'],
      ['withRetryAsync', '/tmp/fc/app/node_modules/@acme/retry/lib/index.js', 6, 10, false, '@acme.retry.lib:index'],
      ['query', CAPTURE, 35, 103, true, 'src:capture'],
    ));
  });

  it('a setTimeout callback (`at Timeout.onTimeout [as _onTimeout]`, `node:internal/timers`)', () => {
    const stack = `ReferenceError: undefinedFn is not defined
    at Timeout.onTimeout [as _onTimeout] (/tmp/fc/app/src/capture.js:36:107)
    at listOnTimeout (node:internal/timers:581:17)
    at process.processTimers (node:internal/timers:519:7)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['process.processTimers', 'node:internal/timers', 519, 7, false],
      ['listOnTimeout', 'node:internal/timers', 581, 17, false],
      ['Timeout.onTimeout [as _onTimeout]', CAPTURE, 36, 107, true, 'src:capture'],
    ));
  });

  it('process.nextTick (`at process.processTicksAndRejections`)', () => {
    const stack = `TypeError: Cannot read properties of null (reading 'x')
    at /tmp/fc/app/src/capture.js:37:106
    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['process.processTicksAndRejections', 'node:internal/process/task_queues', 77, 11, false],
      ['?', CAPTURE, 37, 106, true, 'src:capture'],
    ));
  });

  it('fs/promises: only async frames', () => {
    const stack = `Error: ENOENT: no such file or directory, open '/nonexistent/file.txt'
    at async open (node:internal/fs/promises:637:25)
    at async Object.readFile (node:internal/fs/promises:1249:14)
    at async grabAsync (/tmp/fc/app/src/capture.js:9:9)
    at async /tmp/fc/app/src/capture.js:38:3`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', CAPTURE, 38, 3, true, 'src:capture'],
      ['grabAsync', CAPTURE, 9, 9, true, 'src:capture'],
      ['Object.readFile', 'node:internal/fs/promises', 1249, 14, false],
      ['open', 'node:internal/fs/promises', 637, 25, false],
    ));
  });

  it('ES modules: file:// URLs become paths, a package imported by name', () => {
    const stack = `Error: esm   x
    at file:///tmp/fc/app/src/esm.mjs:3:41
    at leftPad (file:///tmp/fc/app/node_modules/left-pad/index.mjs:2:10)
    at Module.run (file:///tmp/fc/app/src/esm.mjs:3:10)
    at /tmp/fc/app/src/capture.js:39:85
    at async grabAsync (/tmp/fc/app/src/capture.js:9:9)
    at async /tmp/fc/app/src/capture.js:39:3`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', CAPTURE, 39, 3, true, 'src:capture'],
      ['grabAsync', CAPTURE, 9, 9, true, 'src:capture'],
      ['?', CAPTURE, 39, 85, true, 'src:capture'],
      ['Module.run', '/tmp/fc/app/src/esm.mjs', 3, 10, true, 'src:esm'],
      ['leftPad', '/tmp/fc/app/node_modules/left-pad/index.mjs', 2, 10, false, 'left-pad:index'],
      ['?', '/tmp/fc/app/src/esm.mjs', 3, 41, true, 'src:esm'],
    ));
  });

  it('an Express 5 route handler (router frames in node_modules)', () => {
    const stack = `Error: user 7 not found
    at getUser (/tmp/fc/app/src/express-capture.cjs:5:9)
    at Layer.handleRequest (/work/main/node_modules/router/lib/layer.js:169:33)
    at next (/work/main/node_modules/router/lib/route.js:163:13)
    at Route.dispatch (/work/main/node_modules/router/lib/route.js:123:3)
    at handle (/work/main/node_modules/router/index.js:449:11)
    at Layer.handleRequest (/work/main/node_modules/router/lib/layer.js:169:33)
    at /work/main/node_modules/router/index.js:309:15
    at param (/work/main/node_modules/router/index.js:637:14)
    at param (/work/main/node_modules/router/index.js:647:14)
    at processParams (/work/main/node_modules/router/index.js:700:3)`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['processParams', '/work/main/node_modules/router/index.js', 700, 3, false, 'router:index'],
      ['param', '/work/main/node_modules/router/index.js', 647, 14, false, 'router:index'],
      ['param', '/work/main/node_modules/router/index.js', 637, 14, false, 'router:index'],
      ['?', '/work/main/node_modules/router/index.js', 309, 15, false, 'router:index'],
      ['Layer.handleRequest', '/work/main/node_modules/router/lib/layer.js', 169, 33, false, 'router.lib:layer'],
      ['handle', '/work/main/node_modules/router/index.js', 449, 11, false, 'router:index'],
      ['Route.dispatch', '/work/main/node_modules/router/lib/route.js', 123, 3, false, 'router.lib:route'],
      ['next', '/work/main/node_modules/router/lib/route.js', 163, 13, false, 'router.lib:route'],
      ['Layer.handleRequest', '/work/main/node_modules/router/lib/layer.js', 169, 33, false, 'router.lib:layer'],
      ['getUser', '/tmp/fc/app/src/express-capture.cjs', 5, 9, true, 'src:express-capture'],
    ));
  });

  it('an async Express 5 route handler', () => {
    const stack = `SyntaxError: Expected property name or '}' in JSON at position 1
    at JSON.parse (<anonymous>)
    at /tmp/fc/app/src/express-capture.cjs:9:8`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', '/tmp/fc/app/src/express-capture.cjs', 9, 8, true, 'src:express-capture'],
      ['JSON.parse', '<anonymous>', undefined, undefined, false],
    ));
  });

  it('a custom error name and a message line containing `Error: `', () => {
    const stack = `ValidationError: bad
nested: Error: inner
    at Object.<anonymous> (/tmp/fc/app/src/multiline.js:5:13)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', '/tmp/fc/app/src/multiline.js', 5, 13, true, 'src:multiline'],
    ));
  });

  it('a message whose second line looks like a frame, skipped with skipFirstLines', () => {
    const stack = `Error: first line
    at fake (/not/a/frame.js:1:2)
third line
    at Object.<anonymous> (/tmp/fc/app/src/multiline.js:2:13)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
    at Module.load (node:internal/modules/cjs/loader:1266:32)
    at Module._load (node:internal/modules/cjs/loader:1091:12)
    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
    at node:internal/main/run_main_module:28:49`;
    expect(parse(stack, 3)).toStrictEqual(nodeFrames(
      ['?', 'node:internal/main/run_main_module', 28, 49, false],
      ['Function.executeUserEntryPoint [as runMain]', 'node:internal/modules/run_main', 164, 12, false],
      ['Module._load', CJS_LOADER, 1091, 12, false],
      ['Module.load', CJS_LOADER, 1266, 32, false],
      ['Module._extensions..js', CJS_LOADER, 1623, 10, false],
      ['Module._compile', CJS_LOADER, 1521, 14, false],
      ['Object.<anonymous>', '/tmp/fc/app/src/multiline.js', 2, 13, true, 'src:multiline'],
    ));
  });
});

describe('Node on other systems, from public bug reports', () => {
  // https://github.com/errwischt/stacktrace-parser/issues/15 (app root C:\projects\spect)
  it('Windows paths (Node 12): backslashes, node_modules, `at <anonymous>`, old `internal/` frames', () => {
    const stack = `Error
    at Spect.get (C:\\projects\\spect\\src\\index.js:161:26)
    at Object.get (C:\\projects\\spect\\src\\index.js:43:36)
    at <anonymous>
    at (anonymous function).then (C:\\projects\\spect\\src\\index.js:165:33)
    at process.runNextTicks [as _tickCallback] (internal/process/task_queues.js:52:5)
    at C:\\projects\\spect\\node_modules\\esm\\esm.js:1:34535
    at C:\\projects\\spect\\node_modules\\esm\\esm.js:1:34176
    at process.<anonymous> (C:\\projects\\spect\\node_modules\\esm\\esm.js:1:34506)
    at Function.<anonymous> (C:\\projects\\spect\\node_modules\\esm\\esm.js:1:296856)
    at Function.<anonymous> (C:\\projects\\spect\\node_modules\\esm\\esm.js:1:296555)`;
    expect(createNodeStackParser({ appRoot: 'C:\\projects\\spect' })(stack)).toStrictEqual(nodeFrames(
      ['Function.<anonymous>', 'C:\\projects\\spect\\node_modules\\esm\\esm.js', 1, 296555, false, 'esm:esm'],
      ['Function.<anonymous>', 'C:\\projects\\spect\\node_modules\\esm\\esm.js', 1, 296856, false, 'esm:esm'],
      ['process.<anonymous>', 'C:\\projects\\spect\\node_modules\\esm\\esm.js', 1, 34506, false, 'esm:esm'],
      ['?', 'C:\\projects\\spect\\node_modules\\esm\\esm.js', 1, 34176, false, 'esm:esm'],
      ['?', 'C:\\projects\\spect\\node_modules\\esm\\esm.js', 1, 34535, false, 'esm:esm'],
      ['process.runNextTicks [as _tickCallback]', 'internal/process/task_queues.js', 52, 5, false],
      ['(anonymous function).then', 'C:\\projects\\spect\\src\\index.js', 165, 33, true, 'src:index'],
      ['?', '<anonymous>', undefined, undefined, false],
      ['Object.get', 'C:\\projects\\spect\\src\\index.js', 43, 36, true, 'src:index'],
      ['Spect.get', 'C:\\projects\\spect\\src\\index.js', 161, 26, true, 'src:index'],
    ));
  });

  // https://github.com/nodejs/node/issues/35245
  it('Node 14 on Windows: a warning prefix and `internal/*.js` built-ins', () => {
    const stack = `(node:26584) UnhandledPromiseRejectionWarning: SyntaxError: Missing initializer in destructuring declaration
    at Loader.moduleStrategy (internal/modules/esm/translators.js:117:18)
    at Loader.moduleStrategy (internal/modules/esm/translators.js:117:18)
    at emitUnhandledRejectionWarning (internal/process/promises.js:168:15)
    at processPromiseRejections (internal/process/promises.js:247:11)
    at processTicksAndRejections (internal/process/task_queues.js:94:32)`;
    expect(createNodeStackParser({ appRoot: '/tmp/fc/app' })(stack)).toStrictEqual(nodeFrames(
      ['processTicksAndRejections', 'internal/process/task_queues.js', 94, 32, false],
      ['processPromiseRejections', 'internal/process/promises.js', 247, 11, false],
      ['emitUnhandledRejectionWarning', 'internal/process/promises.js', 168, 15, false],
      ['Loader.moduleStrategy', 'internal/modules/esm/translators.js', 117, 18, false],
      ['Loader.moduleStrategy', 'internal/modules/esm/translators.js', 117, 18, false],
    ));
  });

  // https://github.com/nodejs/node/issues/38892 (app root /Users/bfarias/Documents/oss/node)
  it('Node 16 ESM on macOS: `node:` internals and a file:// entry, last line cut as quoted', () => {
    const stack = `Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'e404.mjs' imported from /Users/bfarias/Documents/oss/node/a.mjs
    at new NodeError (node:internal/errors:363:5)
    at packageResolve (node:internal/modules/esm/resolve:698:9)
    at moduleResolve (node:internal/modules/esm/resolve:739:18)
    at Loader.defaultResolve [as _resolve] (node:internal/modules/esm/resolve:853:11)
    at Loader.resolve (node:internal/modules/esm/loader:89:40)
    at Loader.getModuleJob (node:internal/modules/esm/loader:242:28)
    at Loader.import (node:internal/modules/esm/loader:177:28)
    at importModuleDynamically (node:internal/modules/esm/translators:116:35)
    at exports.importModuleDynamicallyCallback (node:internal/process/esm_loader:30:14)
    at file:///Users/bfarias/Documents/oss/node/a.mjs:2:1
    at ModuleJob.run (node:internal/modules/esm/module_job:175:25)
    at async Loader.import (node:internal/modules/esm/loader:178:24`;
    expect(createNodeStackParser({ appRoot: '/Users/bfarias/Documents/oss/node' })(stack)).toStrictEqual(nodeFrames(
      ['Loader.import', 'node:internal/modules/esm/loader', 178, 24, false],
      ['ModuleJob.run', 'node:internal/modules/esm/module_job', 175, 25, false],
      ['?', '/Users/bfarias/Documents/oss/node/a.mjs', 2, 1, true, 'a'],
      ['exports.importModuleDynamicallyCallback', 'node:internal/process/esm_loader', 30, 14, false],
      ['importModuleDynamically', 'node:internal/modules/esm/translators', 116, 35, false],
      ['Loader.import', 'node:internal/modules/esm/loader', 177, 28, false],
      ['Loader.getModuleJob', 'node:internal/modules/esm/loader', 242, 28, false],
      ['Loader.resolve', 'node:internal/modules/esm/loader', 89, 40, false],
      ['Loader.defaultResolve [as _resolve]', 'node:internal/modules/esm/resolve', 853, 11, false],
      ['moduleResolve', 'node:internal/modules/esm/resolve', 739, 18, false],
      ['packageResolve', 'node:internal/modules/esm/resolve', 698, 9, false],
      ['new NodeError', 'node:internal/errors', 363, 5, false],
    ));
  });
});

describe('a real error thrown here', () => {
  const thisFile = fileURLToPath(import.meta.url);
  const source = readFileSync(thisFile, 'utf8').split('\n');

  it('points at this file, the throwing line and column, with a module relative to the app root', () => {
    const error = new Error('thrown in the test'); // THROW SITE
    const parsed = createNodeStackParser({ appRoot: resolve(dirname(thisFile), '..') })(error.stack ?? '');
    const top = parsed[parsed.length - 1];
    const lineno = source.findIndex((line) => line.endsWith('// THROW SITE')) + 1;
    expect(top).toStrictEqual({
      filename: thisFile,
      abs_path: thisFile,
      function: '?',
      module: 'test:stack.test.ts',
      lineno,
      colno: source[lineno - 1].indexOf('new Error') + 1,
      in_app: true,
    });
    // The test runner's own frames are dependencies: paths from file:// URLs, not in the app.
    const runner = parsed.find((frame) => frame.filename?.includes('@vitest'));
    expect(runner?.filename?.startsWith('/')).toBe(true);
    expect(runner?.abs_path).toBe(runner?.filename);
    expect(runner?.module?.startsWith('@vitest.runner.dist:')).toBe(true);
    expect(runner?.in_app).toBe(false);
  });

  it('defaultStackParser gives the same file with abs_path and a module', () => {
    const top = defaultStackParser(new Error('x').stack ?? '').pop();
    expect(top?.filename).toBe(thisFile);
    expect(top?.abs_path).toBe(thisFile);
    expect(top?.module?.endsWith(':stack.test.ts')).toBe(true);
    expect(top?.in_app).toBe(true);
  });
});

describe('file:// URLs from ES modules', () => {
  const parseUrl = (url: string) => parse(`Error: x\n    at run (${url}:3:9)`)[0];

  it('decodes escapes and drops query strings', () => {
    expect(parseUrl('file:///srv/my%20app/src/run.mjs?v=2')).toStrictEqual({
      filename: '/srv/my app/src/run.mjs',
      abs_path: '/srv/my app/src/run.mjs',
      function: 'run',
      module: 'run',
      lineno: 3,
      colno: 9,
      in_app: true,
    });
  });

  it('turns Windows drive URLs into Windows paths', () => {
    const frame = parseUrl('file:///C:/app/src/run.mjs');
    expect(frame.abs_path).toBe('C:\\app\\src\\run.mjs');
    expect(createNodeStackParser({ appRoot: 'C:\\app' })('    at C:\\app\\src\\run.mjs:1:1')[0].module).toBe('src:run');
  });

  it('keeps a malformed escape as printed', () => {
    expect(parseUrl('file:///srv/app/100%.mjs').abs_path).toBe('/srv/app/100%.mjs');
  });
});

describe('moduleFromPath (the Sentry convention: dotted directories, a colon, the file name)', () => {
  it('names dependencies from after their last node_modules/', () => {
    expect(moduleFromPath('/app/node_modules/@scope/pkg/lib/a.js', '/app')).toBe('@scope.pkg.lib:a');
    expect(moduleFromPath('/app/node_modules/.pnpm/express@5.0.0/node_modules/express/lib/router.js', '/app')).toBe(
      'express.lib:router',
    );
    expect(moduleFromPath('/app/node_modules/left-pad/index.mjs', '/elsewhere')).toBe('left-pad:index');
  });

  it('names app files relative to the app root, with or without a trailing slash', () => {
    expect(moduleFromPath('/app/src/routes/users.cjs', '/app')).toBe('src.routes:users');
    expect(moduleFromPath('/app/src/routes/users.cjs', '/app/')).toBe('src.routes:users');
    expect(moduleFromPath('/app/server.js', '/app')).toBe('server');
    expect(moduleFromPath('/application/x.js', '/app')).toBe('x');
  });

  it('keeps extensions that are not JavaScript', () => {
    expect(moduleFromPath('/app/src/view.ts', '/app')).toBe('src:view.ts');
  });
});

describe('defaultAppRoot', () => {
  const cwd = () => '/srv/app';

  it("is the entry script's directory", () => {
    expect(defaultAppRoot('/srv/app/dist/server.js', cwd)).toBe('/srv/app/dist');
    expect(defaultAppRoot('C:\\app\\dist\\server.js', cwd)).toBe('C:\\app\\dist');
  });

  it('is the working directory when a launcher in node_modules is the entry, or there is none', () => {
    expect(defaultAppRoot('/srv/app/node_modules/pm2/lib/ProcessContainerFork.js', cwd)).toBe('/srv/app');
    expect(defaultAppRoot(undefined, cwd)).toBe('/srv/app');
  });

  it('never throws, even when the working directory is gone', () => {
    const gone = () => {
      throw new Error('ENOENT: process.cwd failed');
    };
    expect(defaultAppRoot(undefined, gone)).toBe('/');
  });
});
