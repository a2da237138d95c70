// The browser reads V8 (Chrome, Edge), SpiderMonkey (Firefox) and JavaScriptCore (Safari) stacks.
import { createStackParser, geckoStackLineParser, jscStackLineParser, v8StackLineParser } from '@faultline/core';

/**
 * Parses an `error.stack` string from any browser into frames, caller first.
 *
 * @example
 * defaultStackParser(new Error('boom').stack ?? '').at(-1); // the frame that threw
 */
export const defaultStackParser = createStackParser(v8StackLineParser, geckoStackLineParser, jscStackLineParser);
