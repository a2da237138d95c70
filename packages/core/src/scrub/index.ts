export { FILTERED, filterParams, scrubString } from './patterns';
export { isSensitiveKey } from './keys';
export { scrubEvent, type ScrubOptions } from './event';
