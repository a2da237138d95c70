// V8 stacks: Chromium's captured here, older Chrome and Opera ones from public reports.
import { describe, expect, it } from 'vitest';
import { createStackParser, v8StackLineParser } from '../../src/stack/index';
import { frames } from './fixtures/frames';

const parse = createStackParser(v8StackLineParser);

// Captured in Chromium 156 (HeadlessChrome/156.0.0.0, Linux) through playwright-core, from a page
// served on 127.0.0.1; the pages and scripts are in fixtures/capture-chromium.mjs.
const APP = 'http://127.0.0.1:34541/static/js/app.js';

describe('Chromium 156, captured', () => {
  it('a class constructor (`at new Cart`)', () => {
    const stack = `TypeError: items must be an array
    at new Cart (http://127.0.0.1:34541/static/js/app.js:10:38)
    at http://127.0.0.1:34541/static/js/app.js:17:32
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:17:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 17, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 17, 32, true],
      ['new Cart', APP, 10, 38, true],
    ));
  });

  it('a getter calling Array.prototype.reduce (`at get total`, `<anonymous>` built-in)', () => {
    const stack = `TypeError: Cannot read properties of undefined (reading 'amount')
    at http://127.0.0.1:34541/static/js/app.js:14:62
    at Array.reduce (<anonymous>)
    at get total (http://127.0.0.1:34541/static/js/app.js:14:23)
    at http://127.0.0.1:34541/static/js/app.js:18:71
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:18:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 18, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 18, 71, true],
      ['get total', APP, 14, 23, true],
      ['Array.reduce', '<anonymous>', undefined, undefined, false],
      ['?', APP, 14, 62, true],
    ));
  });

  it('eval, reported at the line that called eval', () => {
    const stack = `Error: eval
    at evaluated (eval at <anonymous> (http://127.0.0.1:34541/static/js/app.js:19:20), <anonymous>:1:30)
    at eval (eval at <anonymous> (http://127.0.0.1:34541/static/js/app.js:19:20), <anonymous>:2:1)
    at http://127.0.0.1:34541/static/js/app.js:19:20
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:19:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 19, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 19, 20, true],
      ['eval', APP, 19, 20, true],
      ['evaluated', APP, 19, 20, true],
    ));
  });

  it('new Function, reported where the function was created', () => {
    const stack = `TypeError: Cannot read properties of undefined (reading 'z')
    at eval (eval at <anonymous> (http://127.0.0.1:34541/static/js/app.js:20:27), <anonymous>:3:12)
    at http://127.0.0.1:34541/static/js/app.js:20:61
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:20:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 20, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 20, 61, true],
      ['eval', APP, 20, 27, true],
    ));
  });

  it("webpack's eval devtool (`//# sourceURL=webpack:///...`)", () => {
    const stack = `Error: webpack eval
    at render (webpack:///./src/components/App.js?:2:9)
    at eval (webpack:///./src/components/App.js?:4:1)
    at http://127.0.0.1:34541/static/js/app.js:21:27
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:21:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 21, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 21, 27, true],
      ['eval', 'webpack:///./src/components/App.js?', 4, 1, true],
      ['render', 'webpack:///./src/components/App.js?', 2, 9, true],
    ));
  });

  it('a DOMException thrown by querySelector', () => {
    const stack = `SyntaxError: Failed to execute 'querySelector' on 'Document': '!!bad' is not a valid selector.
    at http://127.0.0.1:34541/static/js/app.js:22:37
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:22:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 22, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 22, 37, true],
    ));
  });

  it('JSON.parse (`at JSON.parse (<anonymous>)`)', () => {
    const stack = `SyntaxError: Expected property name or '}' in JSON at position 1 (line 1 column 2)
    at JSON.parse (<anonymous>)
    at http://127.0.0.1:34541/static/js/app.js:23:30
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:23:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 23, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 23, 30, true],
      ['JSON.parse', '<anonymous>', undefined, undefined, false],
    ));
  });

  it('a callback inside Array.prototype.forEach', () => {
    const stack = `Error: in forEach
    at each (http://127.0.0.1:34541/static/js/app.js:24:65)
    at Array.forEach (<anonymous>)
    at http://127.0.0.1:34541/static/js/app.js:24:33
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:24:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 24, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 24, 33, true],
      ['Array.forEach', '<anonymous>', undefined, undefined, false],
      ['each', APP, 24, 65, true],
    ));
  });

  it('an event listener method (`at HTMLButtonElement.onClick`)', () => {
    const stack = `Error: click handler
    at HTMLButtonElement.onClick (http://127.0.0.1:34541/static/js/app.js:27:74)
    at http://127.0.0.1:34541/static/js/app.js:28:7
    at grab (http://127.0.0.1:34541/static/js/app.js:3:9)
    at http://127.0.0.1:34541/static/js/app.js:25:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', APP, 25, 1, true],
      ['grab', APP, 3, 9, true],
      ['?', APP, 28, 7, true],
      ['HTMLButtonElement.onClick', APP, 27, 74, true],
    ));
  });

  it('an inline <script> (the page URL as filename)', () => {
    const stack = `Error: inline
    at inlineHandler (http://127.0.0.1:34541/:6:11)
    at http://127.0.0.1:34541/:8:9`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'http://127.0.0.1:34541/', 8, 9, true],
      ['inlineHandler', 'http://127.0.0.1:34541/', 6, 11, true],
    ));
  });

  it('a module script importing another module', () => {
    const stack = `TypeError: Cannot read properties of undefined (reading 'toFixed')
    at format (http://127.0.0.1:34541/static/js/util.js:1:32)
    at renderPrice (http://127.0.0.1:34541/static/js/mod.js:2:41)
    at http://127.0.0.1:34541/static/js/mod.js:3:7`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'http://127.0.0.1:34541/static/js/mod.js', 3, 7, true],
      ['renderPrice', 'http://127.0.0.1:34541/static/js/mod.js', 2, 41, true],
      ['format', 'http://127.0.0.1:34541/static/js/util.js', 1, 32, true],
    ));
  });

  it('async functions (`at async fn`, `at async <anonymous>:381:23`)', () => {
    const stack = `Error: profile 42
    at loadProfile (http://127.0.0.1:34541/static/js/app.js:33:56)
    at async showProfile (http://127.0.0.1:34541/static/js/app.js:34:36)
    at async http://127.0.0.1:34541/static/js/app.js:35:5
    at async grabAsync (http://127.0.0.1:34541/static/js/app.js:6:9)
    at async runAsync (http://127.0.0.1:34541/static/js/app.js:32:3)
    at async <anonymous>:381:23`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', '<anonymous>', 381, 23, false],
      ['runAsync', APP, 32, 3, true],
      ['grabAsync', APP, 6, 9, true],
      ['?', APP, 35, 5, true],
      ['showProfile', APP, 34, 36, true],
      ['loadProfile', APP, 33, 56, true],
    ));
  });

  it('Promise.all (`at async Promise.all (index 1)`)', () => {
    const stack = `Error: step 2
    at step (http://127.0.0.1:34541/static/js/app.js:38:90)
    at async Promise.all (index 1)
    at async http://127.0.0.1:34541/static/js/app.js:38:5
    at async grabAsync (http://127.0.0.1:34541/static/js/app.js:6:9)
    at async runAsync (http://127.0.0.1:34541/static/js/app.js:37:3)
    at async <anonymous>:381:23`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', '<anonymous>', 381, 23, false],
      ['runAsync', APP, 37, 3, true],
      ['grabAsync', APP, 6, 9, true],
      ['?', APP, 38, 5, true],
      ['Promise.all', undefined, undefined, undefined, false],
      ['step', APP, 38, 90, true],
    ));
  });

  it('a timer callback (a single frame)', () => {
    const stack = `TypeError: Cannot read properties of null (reading 'f')
    at tick (http://127.0.0.1:34541/static/js/app.js:40:105)`;
    expect(parse(stack)).toStrictEqual(frames(
      ['tick', APP, 40, 105, true],
    ));
  });

  it('a rejected fetch', () => {
    const stack = `TypeError: Failed to fetch
    at http://127.0.0.1:34541/static/js/app.js:41:54
    at grabAsync (http://127.0.0.1:34541/static/js/app.js:6:15)
    at runAsync (http://127.0.0.1:34541/static/js/app.js:41:9)
    at async <anonymous>:381:23`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', '<anonymous>', 381, 23, false],
      ['runAsync', APP, 41, 9, true],
      ['grabAsync', APP, 6, 15, true],
      ['?', APP, 41, 54, true],
    ));
  });

  it('a blob: script', () => {
    const stack = `Error: blob script
    at fromBlob (blob:http://127.0.0.1:34541/4e2cacef-2755-462c-b264-f98b9b60e85d:1:29)
    at blob:http://127.0.0.1:34541/4e2cacef-2755-462c-b264-f98b9b60e85d:2:7`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'blob:http://127.0.0.1:34541/4e2cacef-2755-462c-b264-f98b9b60e85d', 2, 7, true],
      ['fromBlob', 'blob:http://127.0.0.1:34541/4e2cacef-2755-462c-b264-f98b9b60e85d', 1, 29, true],
    ));
  });

  it('a blob: worker (`at self.onmessage`)', () => {
    const stack = `Error: worker
    at work (blob:http://127.0.0.1:34541/5ff5a9a5-2ba7-4260-83a0-525a1d39b83d:1:25)
    at self.onmessage (blob:http://127.0.0.1:34541/5ff5a9a5-2ba7-4260-83a0-525a1d39b83d:2:32)`;
    expect(parse(stack)).toStrictEqual(frames(
      ['self.onmessage', 'blob:http://127.0.0.1:34541/5ff5a9a5-2ba7-4260-83a0-525a1d39b83d', 2, 32, true],
      ['work', 'blob:http://127.0.0.1:34541/5ff5a9a5-2ba7-4260-83a0-525a1d39b83d', 1, 25, true],
    ));
  });

  it('a data: script', () => {
    const DATA_URL = 'data:text/javascript,function fromData(){throw new Error("data url")}%0Atry{fromData()}catch(e){window.__data=e.stack}';
    const stack = `Error: data url
    at fromData (data:text/javascript,function fromData(){throw new Error("data url")}%0Atry{fromData()}catch(e){window.__data=e.stack}:1:27)
    at data:text/javascript,function fromData(){throw new Error("data url")}%0Atry{fromData()}catch(e){window.__data=e.stack}:2:5`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', DATA_URL, 2, 5, true],
      ['fromData', DATA_URL, 1, 27, true],
    ));
  });

  it('a WebAssembly trap (`wasm://wasm/…:wasm-function[0]:0x21`) under an unnamed eval', () => {
    const stack = `RuntimeError: unreachable
    at boom (wasm://wasm/3686d76a:wasm-function[0]:0x21)
    at eval (eval at evaluate (:370:30), <anonymous>:17:26)
    at async <anonymous>:381:23`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', '<anonymous>', 381, 23, false],
      ['eval', '<anonymous>', 370, 30, false],
      ['boom', 'wasm://wasm/3686d76a:wasm-function[0]:0x21', undefined, undefined, true],
    ));
  });

  it('a JS import called from WebAssembly (unnamed wasm frame)', () => {
    const stack = `Error: from js import
    at jsCallback (eval at evaluate (:370:30), <anonymous>:20:91)
    at wasm://wasm/591760c2:wasm-function[1]:0x2b
    at eval (eval at evaluate (:370:30), <anonymous>:21:29)
    at async <anonymous>:381:23`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', '<anonymous>', 381, 23, false],
      ['eval', '<anonymous>', 370, 30, false],
      ['?', 'wasm://wasm/591760c2:wasm-function[1]:0x2b', undefined, undefined, true],
      ['jsCallback', '<anonymous>', 370, 30, false],
    ));
  });

  it('a page opened from file:// (the URL stays the filename)', () => {
    const stack = `Error: file url
    at fromFile (file:///tmp/fc/web/file.html:1:35)
    at file:///tmp/fc/web/file.html:2:5`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'file:///tmp/fc/web/file.html', 2, 5, true],
      ['fromFile', 'file:///tmp/fc/web/file.html', 1, 35, true],
    ));
  });
});

describe('older V8 browsers, from public bug reports', () => {
  // https://github.com/att/rcloud/issues/570
  it('bluebird long stack printed without indentation, with "From previous event:" and "..." lines', () => {
    const stack = `Error: rcloud.load.notebook 9f5609df637c1c6695ac: Error: rcloud.load.notebook 9f5609df637c1c6695ac: Not Found
at failure (http://127.0.0.1:8080/js/rcloud_bundle.js:164:19)
From previous event:
at Object.load_notebookAsync (http://127.0.0.1:8080/js/rcloud_bundle.js:148:31)
at Object.rcloud.load_notebook (http://127.0.0.1:8080/js/rcloud_bundle.js:235:30)
at Object.result.load_notebook (http://127.0.0.1:8080/js/rcloud_bundle.js:2515:27)
at http://127.0.0.1:8080/shell_tab.js:96:53
...`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'http://127.0.0.1:8080/shell_tab.js', 96, 53, true],
      ['Object.result.load_notebook', 'http://127.0.0.1:8080/js/rcloud_bundle.js', 2515, 27, true],
      ['Object.rcloud.load_notebook', 'http://127.0.0.1:8080/js/rcloud_bundle.js', 235, 30, true],
      ['Object.load_notebookAsync', 'http://127.0.0.1:8080/js/rcloud_bundle.js', 148, 31, true],
      ['failure', 'http://127.0.0.1:8080/js/rcloud_bundle.js', 164, 19, true],
    ));
  });

  // https://github.com/stacktracejs/stackframe/issues/12
  it('jQuery and eval (Chrome 51)', () => {
    const stack = `ReferenceError: a is not defined
    at $$.onStart (eval at <anonymous> (http://localhost:8080/hg/html/js/homegenie.webapp.js?version=r525:6851:25), <anonymous>:32:7)
    at $$.RenderWidget (http://localhost:8080/hg/html/js/homegenie.webapp.js?version=r525:6770:36)
    at $$.RenderView (http://localhost:8080/hg/html/js/homegenie.webapp.js?version=r525:6757:12)
    at http://localhost:8080/hg/html/js/homegenie.webapp.js?version=r525:6879:24
    at Object.$.ajax.success (http://localhost:8080/hg/html/js/homegenie.api.js?version=r525:724:21)
    at l (http://localhost:8080/hg/html/js/jquery-2.0.2.min.js:3:24881)
    at Object.c.fireWith [as resolveWith] (http://localhost:8080/hg/html/js/jquery-2.0.2.min.js:3:25702)
    at k (http://localhost:8080/hg/html/js/jquery-2.0.2.min.js:5:4919)
    at XMLHttpRequest.<anonymous> (http://localhost:8080/hg/html/js/jquery-2.0.2.min.js:5:8723)`;
    expect(parse(stack)).toStrictEqual(frames(
      ['XMLHttpRequest.<anonymous>', 'http://localhost:8080/hg/html/js/jquery-2.0.2.min.js', 5, 8723, true],
      ['k', 'http://localhost:8080/hg/html/js/jquery-2.0.2.min.js', 5, 4919, true],
      ['Object.c.fireWith [as resolveWith]', 'http://localhost:8080/hg/html/js/jquery-2.0.2.min.js', 3, 25702, true],
      ['l', 'http://localhost:8080/hg/html/js/jquery-2.0.2.min.js', 3, 24881, true],
      ['Object.$.ajax.success', 'http://localhost:8080/hg/html/js/homegenie.api.js?version=r525', 724, 21, true],
      ['?', 'http://localhost:8080/hg/html/js/homegenie.webapp.js?version=r525', 6879, 24, true],
      ['$$.RenderView', 'http://localhost:8080/hg/html/js/homegenie.webapp.js?version=r525', 6757, 12, true],
      ['$$.RenderWidget', 'http://localhost:8080/hg/html/js/homegenie.webapp.js?version=r525', 6770, 36, true],
      ['$$.onStart', 'http://localhost:8080/hg/html/js/homegenie.webapp.js?version=r525', 6851, 25, true],
    ));
  });

  // https://github.com/RubaXa/Error.stack/issues/2
  it('Opera 27: eval, a trailing space, and a location without line numbers', () => {
    const stack = `TypeError: Cannot read property 'appendChild' of null
    at build_banner12987844 (eval at <anonymous> (http://otvet.mail.ru/build/lmd.js?1425299727697:1:25417), <anonymous>:39:24) 
    at http://ad.mail.ru/dynamic?shop=61`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'http://ad.mail.ru/dynamic?shop=61', undefined, undefined, true],
      ['build_banner12987844', 'http://otvet.mail.ru/build/lmd.js?1425299727697', 1, 25417, true],
    ));
  });

  // https://github.com/RubaXa/Error.stack/issues/2
  it('Opera 27: `at decodeURIComponent (native)`', () => {
    const stack = `URIError: URI malformed
  at decodeURIComponent (native)
  at http://otvet.mail.ru/build/lmd.js?1425473741404:5:26699
  at Function.sa (http://otvet.mail.ru/build/lmd.js?1425473741404:4:22408)
  at r.extend._extractParameters (http://otvet.mail.ru/build/lmd.js?1425473741404:5:26672)
  at Object.callback (http://otvet.mail.ru/build/lmd.js?1425473741404:5:26076)
  at http://otvet.mail.ru/build/lmd.js?1425473741404:5:29237
  at Function.ma (http://otvet.mail.ru/build/lmd.js?1425473741404:4:23907)
  at r.extend.loadUrl (http://otvet.mail.ru/build/lmd.js?1425473741404:5:29181)
  at r.extend.start (http://otvet.mail.ru/build/lmd.js?1425473741404:5:28692)
  at a.exports.m.Router.extend.initialize (http://otvet.mail.ru/build/lmd.js?1425473741404:1:9011)`;
    expect(parse(stack)).toStrictEqual(frames(
      ['a.exports.m.Router.extend.initialize', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 1, 9011, true],
      ['r.extend.start', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 5, 28692, true],
      ['r.extend.loadUrl', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 5, 29181, true],
      ['Function.ma', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 4, 23907, true],
      ['?', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 5, 29237, true],
      ['Object.callback', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 5, 26076, true],
      ['r.extend._extractParameters', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 5, 26672, true],
      ['Function.sa', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 4, 22408, true],
      ['?', 'http://otvet.mail.ru/build/lmd.js?1425473741404', 5, 26699, true],
      ['decodeURIComponent', 'native', undefined, undefined, false],
    ));
  });
});
