// The browser reads V8 (Chrome, Edge), SpiderMonkey (Firefox) and JavaScriptCore (Safari) stacks.
import { createStackParser, geckoStackLineParser, jscStackLineParser, v8StackLineParser } from '@faultline/core';
import type { StackParser } from '@faultline/core';

/** The name of the SDK's wrapper around timer and listener callbacks: not the app's frame. */
export const WRAPPER_NAME = 'faultlineWrapped';

const parseStack = createStackParser(v8StackLineParser, geckoStackLineParser, jscStackLineParser);

/**
 * Parses an `error.stack` string from any browser into frames, caller first, without the
 * SDK's callback wrapper.
 *
 * @example
 * defaultStackParser(new Error('boom').stack ?? '').at(-1); // the frame that threw
 */
export const defaultStackParser: StackParser = (stack, skipFirstLines) =>
  parseStack(stack, skipFirstLines).filter((frame) => !frame.function?.includes(WRAPPER_NAME));
