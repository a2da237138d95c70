// Node's built-in modules, fetched where they are used instead of imported. In an ES module,
// `import { x } from 'node:fs'` builds a module of every fs export while the app loads
// (fs.promises included): that cost about as much as the rest of our start-up
// (bench/node-startup.mjs). `process.getBuiltinModule` (Node 20.16+) hands over the module
// Node already holds. Older Node: CommonJS `require`; the ES build defines `require` then
// (rollup.config.mjs), through `node:module`.

/** The built-in modules the SDK uses outside its transports (which load theirs on first send). */
interface Builtins {
  'node:async_hooks': typeof import('node:async_hooks');
  'node:diagnostics_channel': typeof import('node:diagnostics_channel');
  'node:fs': typeof import('node:fs');
  'node:os': typeof import('node:os');
  'node:path': typeof import('node:path');
  'node:url': typeof import('node:url');
  'node:util': typeof import('node:util');
  'node:worker_threads': typeof import('node:worker_threads');
}

/**
 * @example
 * builtin('node:fs').readFile(path, 'utf8', done);
 */
export function builtin<ID extends keyof Builtins>(id: ID): Builtins[ID] {
  return (typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule(id) : require(id)) as Builtins[ID];
}
