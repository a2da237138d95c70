// Bundles src/app.js with @faultline/browser into dist/app.js:
//   npm run build && npx rollup -c examples/browser-esm/rollup.config.mjs
// Not minified, so the served file reads like the source and stack frames point into it.
import resolve from '@rollup/plugin-node-resolve';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  input: here('src/app.js'),
  plugins: [resolve({ browser: true })],
  output: { file: here('dist/app.js'), format: 'es', sourcemap: true },
};
