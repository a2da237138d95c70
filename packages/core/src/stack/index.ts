export { createStackParser } from './parser';
export { UNKNOWN_FUNCTION } from './frame';
export { v8StackLineParser } from './v8';
export { geckoStackLineParser } from './gecko';
export { jscStackLineParser } from './jsc';
