// Safari (JavaScriptCore) stacks from MDN and public bug reports; each cites its source.
// MDN: https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Error/stack
// (2023 revision in mdn/content; current revision mirrored at https://docs.w3cub.com/javascript/global_objects/error/stack)
import { describe, expect, it } from 'vitest';
import { createStackParser, jscStackLineParser } from '../../src/stack/index';
import { frames } from './fixtures/frames';

const parse = createStackParser(jscStackLineParser);
const COCALC = 'https://cocalc.com/static/smc-e1738c1e0eea31cfaf1f.cacheme.js?e1738c1e0eea31cfaf1f';
const BLITZ = 'https://webpackmultiplepages-ol5s.w-corp.staticblitz.com/blitz.a9c8a5a3.js';

describe('Safari stacks', () => {
  // MDN, current revision
  it('Safari: name@url:line:col, `global code` as the unnamed top level', () => {
    const stack = `baz@filename.js:10:24
bar@filename.js:6:6
foo@filename.js:2:6
global code@filename.js:13:4`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'filename.js', 13, 4, true],
      ['foo', 'filename.js', 2, 6, true],
      ['bar', 'filename.js', 6, 6, true],
      ['baz', 'filename.js', 10, 24, true],
    ));
  });

  // MDN, current revision
  it('new Function without a URL (`anonymous@`)', () => {
    const stack = `anonymous@
global code@filename.js:1:65`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'filename.js', 1, 65, true],
      ['anonymous', undefined, undefined, undefined, false],
    ));
  });

  // MDN, current revision
  it('eval: `eval code@` and `eval@[native code]`', () => {
    const stack = `eval code@
eval@[native code]
global code@filename.js:3:17`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'filename.js', 3, 17, true],
      ['eval', '[native code]', undefined, undefined, false],
      ['eval', undefined, undefined, undefined, false],
    ));
  });

  // https://github.com/sagemathinc/cocalc/issues/3576
  it('Safari 12: a bare `url:line:col` frame and promiseReactionJob@[native code]', () => {
    const stack = `<generated>
s@https://cocalc.com/static/smc-e1738c1e0eea31cfaf1f.cacheme.js?e1738c1e0eea31cfaf1f:5:682798
m@https://cocalc.com/static/smc-e1738c1e0eea31cfaf1f.cacheme.js?e1738c1e0eea31cfaf1f:5:685435
https://cocalc.com/static/smc-e1738c1e0eea31cfaf1f.cacheme.js?e1738c1e0eea31cfaf1f:5:685516
oe@https://cocalc.com/static/smc-e1738c1e0eea31cfaf1f.cacheme.js?e1738c1e0eea31cfaf1f:5:2279
promiseReactionJob@[native code]`;
    expect(parse(stack)).toStrictEqual(frames(
      ['promiseReactionJob', '[native code]', undefined, undefined, false],
      ['oe', COCALC, 5, 2279, true],
      ['?', COCALC, 5, 685516, true],
      ['m', COCALC, 5, 685435, true],
      ['s', COCALC, 5, 682798, true],
    ));
  });

  // JavaScriptCore prints an unnamed native function as its location alone, as it prints an
  // unnamed function with a URL; @sentry/browser 11.12 reports it as a '?' frame too.
  it('an unnamed native frame: a bare `[native code]` line', () => {
    const stack = `TypeError: undefined is not an object
[native code]
forEach@[native code]
@https://x.example/app.js:3:9`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'https://x.example/app.js', 3, 9, true],
      ['forEach', '[native code]', undefined, undefined, false],
      ['?', '[native code]', undefined, undefined, false],
    ));
  });

  // https://github.com/fgnass/retrace/issues/17
  it('iOS Safari: a message line without a space, a bare frame with a trailing space', () => {
    const stack = `Error:FooHappened;
registerCreateHandler@https://foo/assets/g-1.0.0.0.js:25:21769
executeRender@https://foo/assets/g-1.0.0.0.js:10:3456
https://foo/assets/g-1.0.0.0.js:10:3658 
promiseReactionJob@[native code]`;
    expect(parse(stack)).toStrictEqual(frames(
      ['promiseReactionJob', '[native code]', undefined, undefined, false],
      ['?', 'https://foo/assets/g-1.0.0.0.js', 10, 3658, true],
      ['executeRender', 'https://foo/assets/g-1.0.0.0.js', 10, 3456, true],
      ['registerCreateHandler', 'https://foo/assets/g-1.0.0.0.js', 25, 21769, true],
    ));
  });

  // https://github.com/NativeScript/ios-jsc/pull/489
  it('JavaScriptCore in NativeScript: a native frame and a relative path', () => {
    const stack = `functionThrowsException@[native code]
global code@app/index.js:6:24`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'app/index.js', 6, 24, true],
      ['functionThrowsException', '[native code]', undefined, undefined, false],
    ));
  });

  // https://github.com/refined-github/refined-github/issues/8217
  it('Safari 18 extension code behind webkit-masked-url://hidden/', () => {
    const stack = `ElementNotFoundError@
expectElement@webkit-masked-url://hidden/:21:35
@webkit-masked-url://hidden/:66:15`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'webkit-masked-url://hidden/', 66, 15, true],
      ['expectElement', 'webkit-masked-url://hidden/', 21, 35, true],
      ['ElementNotFoundError', undefined, undefined, undefined, false],
    ));
  });

  // https://github.com/datenanfragen/website/issues/960
  it('Safari 16 extension promise rejection: a single masked frame', () => {
    const stack = `@webkit-masked-url://hidden/:17:189527`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'webkit-masked-url://hidden/', 17, 189527, true],
    ));
  });

  // https://github.com/stackblitz/webcontainer-core/issues/1324 (the CLI prefix before the first frame dropped)
  it('Safari: unnamed frames without a URL (`@`, `depd@`)', () => {
    const stack = `callSiteLocation@
depd@
@
@https://webpackmultiplepages-ol5s.w-corp.staticblitz.com/blitz.a9c8a5a3.js:54:14872
@https://webpackmultiplepages-ol5s.w-corp.staticblitz.com/blitz.a9c8a5a3.js:54:15558
@https://webpackmultiplepages-ol5s.w-corp.staticblitz.com/blitz.a9c8a5a3.js:54:13457
@https://webpackmultiplepages-ol5s.w-corp.staticblitz.com/blitz.a9c8a5a3.js:54:10539
@https://webpackmultiplepages-ol5s.w-corp.staticblitz.com/blitz.a9c8a5a3.js:54:13780
@`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', undefined, undefined, undefined, false],
      ['?', BLITZ, 54, 13780, true],
      ['?', BLITZ, 54, 10539, true],
      ['?', BLITZ, 54, 13457, true],
      ['?', BLITZ, 54, 15558, true],
      ['?', BLITZ, 54, 14872, true],
      ['?', undefined, undefined, undefined, false],
      ['depd', undefined, undefined, undefined, false],
      ['callSiteLocation', undefined, undefined, undefined, false],
    ));
  });
});
