// Builds every package to ESM + CJS + bundled .d.mts / .d.cts, then the browser CDN bundles.
// Configs run in order, so @faultline/core is built before the packages that import it.
import { readdirSync, rmSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { builtinModules } from 'node:module';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const external = (id) => id === 'tslib' || id.startsWith('@faultline/') || nodeBuiltins.has(id);

// Node before 20.16 has no `process.getBuiltinModule`: packages/node/src/builtin.ts then
// uses `require`, which an ES module has to make. No top-level await (esbuild cannot bundle
// it into a CommonJS app), and `import.meta.url` may be empty in such a bundle: builtins
// resolve from any base path. node:module's few exports cost 1.2 M instructions at start-up.
const NODE_ES_REQUIRE =
  "import { createRequire as createBuiltinRequire } from 'node:module';\n" +
  "const require = typeof process.getBuiltinModule === 'function' ? undefined : createBuiltinRequire(import.meta.url || `${process.cwd()}/`);";

/** Removes the chunks and maps of earlier builds (hashed names) once this build is written. */
function removeStaleFiles(dir) {
  const written = new Set();
  return {
    name: 'remove-stale-files',
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) written.add(name);
    },
    closeBundle() {
      for (const name of readdirSync(dir)) {
        if (/\.(?:mjs|cjs|map)$/.test(name) && !written.has(name)) rmSync(`${dir}/${name}`);
      }
    },
  };
}

function library(pkg, inputs, { esBanner, outputPlugins, bundled = [] } = {}) {
  const dir = `packages/${pkg}/dist`;
  return {
    input: Object.fromEntries(inputs.map((name) => [name, `packages/${pkg}/src/${name}.ts`])),
    external: (id) => !bundled.includes(id) && external(id),
    plugins: [
      removeStaleFiles(dir),
      ...(bundled.length ? [resolve()] : []),
      typescript({
        tsconfig: `packages/${pkg}/tsconfig.json`,
        declaration: true,
        declarationDir: `${dir}/types`,
        outDir: dir,
        sourceMap: true,
      }),
    ],
    output: [
      { dir, format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true, banner: esBanner, plugins: outputPlugins },
      { dir, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', sourcemap: true, exports: 'named', plugins: outputPlugins },
    ],
  };
}

/**
 * One declaration file per entry, for each module system: tsc's per-file output has
 * extensionless relative imports, which TypeScript rejects under `moduleResolution`
 * node16 / nodenext in a `"type": "module"` package, and a CommonJS consumer needs
 * declarations that say they are CommonJS (`.d.cts`). The per-file output is removed after.
 */
function declarations(pkg, inputs) {
  const dir = `packages/${pkg}/dist`;
  return {
    input: Object.fromEntries(inputs.map((name) => [name, `${dir}/types/${name}.d.ts`])),
    external,
    plugins: [dts({ respectExternal: true }), { name: 'remove-per-file-declarations', closeBundle: () => rmSync(`${dir}/types`, { recursive: true, force: true }) }],
    output: [
      { dir, format: 'es', entryFileNames: '[name].d.mts' },
      { dir, format: 'es', entryFileNames: '[name].d.cts' },
    ],
  };
}

function cdnBundle() {
  const dir = 'packages/browser/dist/bundles';
  return {
    input: 'packages/browser/src/cdn.ts',
    plugins: [
      resolve({ browser: true }),
      typescript({ tsconfig: 'packages/browser/tsconfig.json', declaration: false, outDir: dir, sourceMap: true }),
    ],
    output: [
      { file: `${dir}/faultline.js`, format: 'iife', sourcemap: true },
      // Function declarations hoisted to the top of the IIFE gzip better (about 0.1 kB); a
      // second compress pass finds what the first one's inlining exposed (about 0.06 kB).
      { file: `${dir}/faultline.min.js`, format: 'iife', sourcemap: true, plugins: [terser({ ecma: 2020, compress: { hoist_funs: true, passes: 2 } })] },
    ],
  };
}

export default [
  library('core', ['index']),
  declarations('core', ['index']),
  library('browser', ['index']),
  declarations('browser', ['index']),
  library('node', ['index', 'preload'], {
    esBanner: (chunk) => (chunk.name === 'index' ? NODE_ES_REQUIRE : ''),
    // Start-up (bench/node-startup.mjs): Node parses every byte at load, and each package
    // costs a resolution and a module of its own. Core's state lives on globalThis, so a
    // separate @faultline/core in the same app still shares scopes and client with us.
    // Names stay for readable stack traces.
    bundled: ['@faultline/core'],
    outputPlugins: [terser({ ecma: 2020, keep_fnames: true, keep_classnames: true })],
  }),
  declarations('node', ['index']),
  library('inbox', ['index', 'cli']),
  declarations('inbox', ['index']),
  cdnBundle(),
];
