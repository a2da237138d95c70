// `node --import @faultline/node/preload app.mjs` (or `--require` for CommonJS): starts the
// SDK from SENTRY_DSN, SENTRY_RELEASE and SENTRY_ENVIRONMENT with no change to the app.

import { init } from './sdk';

init();
