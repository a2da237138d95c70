// Sentry's `module` name for a Node source file: the directory path dotted, a colon, then the
// file name without its JS extension, e.g. `@scope.pkg.lib:a` for
// `/app/node_modules/@scope/pkg/lib/a.js`. Dependencies are named from after their last
// `node_modules/`, app files relative to the app root, other files by their name alone.
// The app root defaults to the entry script's directory, as in Sentry.

const JS_EXTENSION = /\.[cm]?js$/;
const BACKSLASHES = /\\/g;
const SLASHES = /\//g;
const IN_NODE_MODULES = /[\\/]node_modules[\\/]/;

/**
 * @example
 * moduleFromPath('/app/node_modules/@scope/pkg/lib/a.js', '/app'); // '@scope.pkg.lib:a'
 * moduleFromPath('/app/src/routes/users.mjs', '/app'); // 'src.routes:users'
 * moduleFromPath('/app/server.js', '/app'); // 'server'
 */
export function moduleFromPath(path: string, appRoot: string): string {
  const file = path.replace(BACKSLASHES, '/');
  const cut = file.lastIndexOf('/');
  const dir = file.slice(0, cut + 1);
  const name = file.slice(cut + 1).replace(JS_EXTENSION, '');
  const root = appRoot.replace(BACKSLASHES, '/');
  const rootDir = root.endsWith('/') ? root : `${root}/`;
  const dependency = dir.lastIndexOf('/node_modules/');
  let relative = '';
  if (dependency >= 0) relative = dir.slice(dependency + '/node_modules/'.length);
  else if (dir.startsWith(rootDir)) relative = dir.slice(rootDir.length);
  return relative ? `${relative.slice(0, -1).replace(SLASHES, '.')}:${name}` : name;
}

/**
 * The directory of the entry script, unless a launcher inside `node_modules` (pm2, tsx, a test
 * runner) is the entry; then the working directory.
 *
 * @example
 * defaultAppRoot('/srv/app/dist/server.js', () => '/srv/app'); // '/srv/app/dist'
 */
export function defaultAppRoot(entry: string | undefined, cwd: () => string): string {
  const slash = entry ? Math.max(entry.lastIndexOf('/'), entry.lastIndexOf('\\')) : -1;
  if (entry && slash > 0 && !IN_NODE_MODULES.test(entry)) return entry.slice(0, slash);
  try {
    return cwd();
  } catch {
    return '/'; // process.cwd() throws when the working directory was deleted
  }
}
