// `node --import @faultline/node/preload app.mjs` (or `--require` for CommonJS): starts the
// SDK from SENTRY_DSN, SENTRY_RELEASE and SENTRY_ENVIRONMENT with no change to the app.
// It imports the package by name, not `./sdk`: two entries sharing a module would make
// the bundler split it into a third file that every `import '@faultline/node'` then loads.

import { init } from '@faultline/node';

init();
