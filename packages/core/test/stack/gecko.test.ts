// Firefox (SpiderMonkey) stacks from MDN and public bug reports; each cites its source.
// MDN: https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Error/stack
// (2023 revision in mdn/content; current revision mirrored at https://docs.w3cub.com/javascript/global_objects/error/stack)
import { describe, expect, it } from 'vitest';
import { createStackParser, geckoStackLineParser } from '../../src/stack/index';
import { frames } from './fixtures/frames';

const parse = createStackParser(geckoStackLineParser);
const PAGE = 'file:///C:/example.html';

describe('Firefox stacks', () => {
  // MDN, 2023 revision
  it('Firefox 30+: name@url:line:col, `@url` for top-level code', () => {
    const stack = `trace@file:///C:/example.html:9:17
b@file:///C:/example.html:16:13
a@file:///C:/example.html:19:13
@file:///C:/example.html:21:9`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', PAGE, 21, 9, true],
      ['a', PAGE, 19, 13, true],
      ['b', PAGE, 16, 13, true],
      ['trace', PAGE, 9, 17, true],
    ));
  });

  // MDN, 2023 revision
  it('Firefox 14-29: no column numbers', () => {
    const stack = `trace@file:///C:/example.html:9
b@file:///C:/example.html:16
a@file:///C:/example.html:19
@file:///C:/example.html:21`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', PAGE, 21, undefined, true],
      ['a', PAGE, 19, undefined, true],
      ['b', PAGE, 16, undefined, true],
      ['trace', PAGE, 9, undefined, true],
    ));
  });

  // MDN, 2023 revision
  it('new Function (`url line 7 > Function:1:1`), reported at the calling line', () => {
    const stack = `anonymous@file:///C:/example.html line 7 > Function:1:1
@file:///C:/example.html:7:6`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', PAGE, 7, 6, true],
      ['anonymous', PAGE, 7, undefined, true],
    ));
  });

  // MDN, 2023 revision. Unnamed eval code is `eval`, as Chrome and Safari name the same frame
  // and as @sentry/browser 11.12 reports it.
  it('nested eval (`line 7 > eval line 1 > eval`)', () => {
    const stack = `@file:///C:/example.html line 7 > eval line 1 > eval:1:1
@file:///C:/example.html line 7 > eval:1:1
@file:///C:/example.html:7:6`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', PAGE, 7, 6, true],
      ['eval', PAGE, 7, undefined, true],
      ['eval', PAGE, 7, undefined, true],
    ));
  });

  // MDN, current revision
  it('SpiderMonkey with a relative file name', () => {
    const stack = `baz@filename.js:10:15
bar@filename.js:6:3
foo@filename.js:2:3
@filename.js:13:1`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'filename.js', 13, 1, true],
      ['foo', 'filename.js', 2, 3, true],
      ['bar', 'filename.js', 6, 3, true],
      ['baz', 'filename.js', 10, 15, true],
    ));
  });

  // MDN, current revision
  it('SpiderMonkey new Function with a relative file name', () => {
    const stack = `anonymous@filename.js line 1 > Function:1:8
@filename.js:1:65`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'filename.js', 1, 65, true],
      ['anonymous', 'filename.js', 1, undefined, true],
    ));
  });

  // MDN, current revision
  it('SpiderMonkey eval with a relative file name', () => {
    const stack = `@filename.js line 3 > eval:1:1
@filename.js:3:13`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'filename.js', 3, 13, true],
      ['eval', 'filename.js', 3, undefined, true],
    ));
  });

  // https://github.com/stacktracejs/stacktrace.js/issues/121 (a webpack dev bundle's eval modules)
  it('eval code in a webpack bundle keeps its name when it has one', () => {
    const stack = `@http://localhost:8080/bundle.js line 47 > eval:37:15
code@http://localhost:8080/bundle.js line 47 > eval:38:3
code@http://localhost:8080/bundle.js:47:2`;
    expect(parse(stack)).toStrictEqual(frames(
      ['code', 'http://localhost:8080/bundle.js', 47, 2, true],
      ['code', 'http://localhost:8080/bundle.js', 47, undefined, true],
      ['eval', 'http://localhost:8080/bundle.js', 47, undefined, true],
    ));
  });

  // https://github.com/sindresorhus/extract-stack/issues/2
  it('nested closures (`parcelRequire<["fx.js"]</</<`)', () => {
    const stack = `fx@http://localhost:1234/test.e31bb0bc.js:3290:11
parcelRequire<["fx.js"]</</<@http://localhost:1234/test.e31bb0bc.js:4219:19
callAspect@http://localhost:1234/test.e31bb0bc.js:1088:35
update@http://localhost:1234/test.e31bb0bc.js:1022:3
spect@http://localhost:1234/test.e31bb0bc.js:998:3
parcelRequire<["fx.js"]</<@http://localhost:1234/test.e31bb0bc.js:4218:16
run@http://localhost:1234/test.e31bb0bc.js:500:14
dequeue@http://localhost:1234/test.e31bb0bc.js:625:18`;
    expect(parse(stack)).toStrictEqual(frames(
      ['dequeue', 'http://localhost:1234/test.e31bb0bc.js', 625, 18, true],
      ['run', 'http://localhost:1234/test.e31bb0bc.js', 500, 14, true],
      ['parcelRequire<["fx.js"]</<', 'http://localhost:1234/test.e31bb0bc.js', 4218, 16, true],
      ['spect', 'http://localhost:1234/test.e31bb0bc.js', 998, 3, true],
      ['update', 'http://localhost:1234/test.e31bb0bc.js', 1022, 3, true],
      ['callAspect', 'http://localhost:1234/test.e31bb0bc.js', 1088, 35, true],
      ['parcelRequire<["fx.js"]</</<', 'http://localhost:1234/test.e31bb0bc.js', 4219, 19, true],
      ['fx', 'http://localhost:1234/test.e31bb0bc.js', 3290, 11, true],
    ));
  });

  // https://github.com/mozilla/valence/issues/59
  it('chrome:// and resource:// loader chains (`a.jsm -> b.js:865:23`)', () => {
    const stack = `SP_writeAsErrorComment@chrome://browser/content/devtools/scratchpad.js:924:11
SP_display/<@chrome://browser/content/devtools/scratchpad.js:610:9
Handler.prototype.process@resource://gre/modules/Promise.jsm -> resource://gre/modules/Promise-backend.js:865:23
this.PromiseWalker.walkerLoop@resource://gre/modules/Promise.jsm -> resource://gre/modules/Promise-backend.js:744:7`;
    expect(parse(stack)).toStrictEqual(frames(
      ['this.PromiseWalker.walkerLoop', 'resource://gre/modules/Promise-backend.js', 744, 7, true],
      ['Handler.prototype.process', 'resource://gre/modules/Promise-backend.js', 865, 23, true],
      ['SP_display/<', 'chrome://browser/content/devtools/scratchpad.js', 610, 9, true],
      ['SP_writeAsErrorComment', 'chrome://browser/content/devtools/scratchpad.js', 924, 11, true],
    ));
  });

  // https://github.com/sblask-webextensions/webextension-skip-redirect/issues/4
  it('resource:// add-on code with `/<` names and a trailing newline', () => {
    const stack = `@resource://skipredirect-at-sblask/index.js:5:12
run@resource://gre/modules/commonjs/sdk/addon/runner.js:145:19
startup/</<@resource://gre/modules/commonjs/sdk/addon/runner.js:86:7
Handler.prototype.process@resource://gre/modules/Promise-backend.js:922:23
this.PromiseWalker.walkerLoop@resource://gre/modules/Promise-backend.js:801:7
this.PromiseWalker.scheduleWalkerLoop/<@resource://gre/modules/Promise-backend.js:740:39
`;
    expect(parse(stack)).toStrictEqual(frames(
      ['this.PromiseWalker.scheduleWalkerLoop/<', 'resource://gre/modules/Promise-backend.js', 740, 39, true],
      ['this.PromiseWalker.walkerLoop', 'resource://gre/modules/Promise-backend.js', 801, 7, true],
      ['Handler.prototype.process', 'resource://gre/modules/Promise-backend.js', 922, 23, true],
      ['startup/</<', 'resource://gre/modules/commonjs/sdk/addon/runner.js', 86, 7, true],
      ['run', 'resource://gre/modules/commonjs/sdk/addon/runner.js', 145, 19, true],
      ['?', 'resource://skipredirect-at-sblask/index.js', 5, 12, true],
    ));
  });

  // https://github.com/elastic/kibana/issues/9488
  it('Firefox 50: message line, `[prop]</<` names, query strings', () => {
    const stack = `Error: ERROR.captureStackTrace is not a function
getStackTrace@http://[url]/app/monitoring:81:7
getOriginatingScriptUrl@http://[url]/app/monitoring:96:19
trapInstanceMethod/item.obj[item.propName]</<@http://[url]/app/monitoring:147:28
init/Canvas.prototype.render@http://[url]/bundles/monitoring.bundle.js?v=14566:66:19022
draw@http://[url]/bundles/monitoring.bundle.js?v=14566:65:15343
ChartTarget</<.value@http://[url]/bundles/monitoring.bundle.js?v=14566:64:21091
ReactCompositeComponentMixin.updateComponent@http://[url]/bundles/monitoring.bundle.js?v=14566:61:24542`;
    expect(parse(stack)).toStrictEqual(frames(
      ['ReactCompositeComponentMixin.updateComponent', 'http://[url]/bundles/monitoring.bundle.js?v=14566', 61, 24542, true],
      ['ChartTarget</<.value', 'http://[url]/bundles/monitoring.bundle.js?v=14566', 64, 21091, true],
      ['draw', 'http://[url]/bundles/monitoring.bundle.js?v=14566', 65, 15343, true],
      ['init/Canvas.prototype.render', 'http://[url]/bundles/monitoring.bundle.js?v=14566', 66, 19022, true],
      ['trapInstanceMethod/item.obj[item.propName]</<', 'http://[url]/app/monitoring', 147, 28, true],
      ['getOriginatingScriptUrl', 'http://[url]/app/monitoring', 96, 19, true],
      ['getStackTrace', 'http://[url]/app/monitoring', 81, 7, true],
    ));
  });

  // https://github.com/att/rcloud/issues/570
  it('bluebird long stack: no columns, "From previous event:" and "..." lines', () => {
    const stack = `failure@http://127.0.0.1:8080/js/rcloud_bundle.js:164
From previous event:
rcloud_handler/<@http://127.0.0.1:8080/js/rcloud_bundle.js:148
setup_unauthenticated_ocaps/rcloud.load_notebook@http://127.0.0.1:8080/js/rcloud_bundle.js:235
Notebook.create_controller/result.load_notebook@http://127.0.0.1:8080/js/rcloud_bundle.js:2515
shell</result.load_notebook/</<@http://127.0.0.1:8080/shell_tab.js:96
...`;
    expect(parse(stack)).toStrictEqual(frames(
      ['shell</result.load_notebook/</<', 'http://127.0.0.1:8080/shell_tab.js', 96, undefined, true],
      ['Notebook.create_controller/result.load_notebook', 'http://127.0.0.1:8080/js/rcloud_bundle.js', 2515, undefined, true],
      ['setup_unauthenticated_ocaps/rcloud.load_notebook', 'http://127.0.0.1:8080/js/rcloud_bundle.js', 235, undefined, true],
      ['rcloud_handler/<', 'http://127.0.0.1:8080/js/rcloud_bundle.js', 148, undefined, true],
      ['failure', 'http://127.0.0.1:8080/js/rcloud_bundle.js', 164, undefined, true],
    ));
  });

  // https://github.com/mozilla/geckodriver/issues/1608
  it('a single chrome:// frame', () => {
    const stack = `bail@chrome://marionette/content/sync.js:223:64`;
    expect(parse(stack)).toStrictEqual(frames(
      ['bail', 'chrome://marionette/content/sync.js', 223, 64, true],
    ));
  });

  // https://github.com/facebook/react/issues/29152
  it('moz-extension:// with an async marker (`setInterval handler*i/</t<`)', () => {
    const stack = `i/</t</i</<@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js:1:1551
i/</t</i<@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js:1:1532
setInterval handler*i/</t<@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js:1:1360
i/<@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js:1:1214
@moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/injected-script/index.js:5:4526`;
    expect(parse(stack)).toStrictEqual(frames(
      ['?', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/injected-script/index.js', 5, 4526, true],
      ['i/<', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js', 1, 1214, true],
      ['i/</t<', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js', 1, 1360, true],
      ['i/</t</i<', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js', 1, 1532, true],
      ['i/</t</i</<', 'moz-extension://340cd744-b9a5-4f48-9d4b-e147eb049a31/transframe-provider.js', 1, 1551, true],
    ));
  });
});
