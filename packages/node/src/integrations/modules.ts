// The app's dependencies and their installed versions, read once, right after init.

import type { Event, Integration } from '@faultline/core';
import { builtin } from '../builtin';
import { lazyValue } from '../lazyvalue';
import { loadSoon, waitLimit } from './waitlimit';

/**
 * Adds `modules: { name: version }` for the dependencies in the app's package.json; the
 * installed version when found in node_modules, else the declared range. Events of a
 * burst that starts before the files are read go without.
 *
 * @example
 * init({ dsn }); // events carry modules: { express: '5.1.0', ... }
 */
export function modulesIntegration(): Integration {
  const modules = lazyValue(() => readModules(appRoot()));
  const wait = waitLimit();
  const add = (event: Event, found: Record<string, string>): Event => {
    if (Object.keys(found).length > 0) event.modules = { ...found, ...event.modules };
    return event;
  };
  return {
    name: 'Modules',
    setup: () => loadSoon(modules.load),
    processEvent(event) {
      const found = modules.current();
      return found ? add(event, found) : (wait(modules.load, (value) => add(event, value)) ?? event);
    },
  };
}

/**
 * The folder of the script Node was started with, else the working directory. A script
 * inside node_modules is a launcher (a CLI, a process manager): the app is the working
 * directory then, not the launcher's package.
 */
function appRoot(): string {
  const main = process.argv[1];
  return main && !/[\\/]node_modules[\\/]/.test(main) ? builtin('node:path').dirname(main) : process.cwd();
}

async function readModules(start: string): Promise<Record<string, string>> {
  const { join } = builtin('node:path');
  const found = await findPackageJson(start);
  if (!found) return {};
  const declared: Record<string, string> = {
    ...asRecord(found.json.devDependencies),
    ...asRecord(found.json.dependencies),
  };
  const entries = await Promise.all(
    Object.entries(declared).map(async ([name, range]) => {
      const installed = await readJson(join(found.dir, 'node_modules', name, 'package.json'));
      return [name, typeof installed?.version === 'string' ? installed.version : range] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** The nearest package.json at or above `dir`. */
async function findPackageJson(dir: string): Promise<{ dir: string; json: Record<string, unknown> } | undefined> {
  const { dirname, join } = builtin('node:path');
  for (let current = dir; ; current = dirname(current)) {
    const json = await readJson(join(current, 'package.json'));
    if (json) return { dir: current, json };
    if (dirname(current) === current) return undefined;
  }
}

function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    builtin('node:fs').readFile(path, 'utf8', (error, text) => {
      if (error) return resolve(undefined);
      try {
        resolve(asRecord(JSON.parse(text)));
      } catch {
        resolve(undefined);
      }
    });
  });
}

function asRecord(value: unknown): Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
}
