// Where the event happened: OS, runtime, app, device and locale. Read at the first event
// (not in `init`, so it stays cheap), synchronously but for the Linux distribution's name,
// a file read that starts right after init and that only a few events of a burst wait for.

import type { ClientLike, Event, Integration } from '@faultline/core';
import { builtin } from '../builtin';
import { cloudResourceContext } from '../cloud';
import { lazyValue } from '../lazyvalue';
import { loadSoon, waitLimit } from './waitlimit';

type Contexts = Record<string, Record<string, unknown>>;

interface StaticContexts {
  contexts: Contexts;
  hostname: string;
  os: typeof import('node:os');
}

const APP_START = new Date(Date.now() - process.uptime() * 1000).toISOString();

/**
 * Adds `contexts.os`, `runtime`, `app`, `device`, `culture`, `cloud_resource` on a known
 * cloud, and `server_name` (the `serverName` option, else the host name when
 * `sendDefaultPii` is on). Events of a burst that starts before /etc/os-release was read
 * go without the distribution's name and version, with everything else.
 *
 * @example
 * init({ dsn, sendDefaultPii: true }); // events carry server_name: os.hostname()
 */
export function nodeContextIntegration(): Integration {
  const distribution = lazyValue(linuxDistribution);
  const wait = waitLimit();
  let statics: StaticContexts | undefined;
  return {
    name: 'Context',
    setup: () => loadSoon(distribution.load),
    processEvent(event, _hint, client) {
      const known = (statics ??= readStaticContexts());
      const found = distribution.current();
      if (found) return addContexts(event, known, found, client);
      return wait(distribution.load, (value) => addContexts(event, known, value, client)) ?? addContexts(event, known, {}, client);
    },
  };
}

function addContexts(event: Event, { contexts, hostname, os }: StaticContexts, distribution: Record<string, string>, client: ClientLike): Event {
  const { serverName, sendDefaultPii } = client.getOptions();
  const serverNameToSet = serverName ?? (sendDefaultPii ? hostname : undefined);
  if (event.server_name === undefined && serverNameToSet) event.server_name = serverNameToSet;
  const live: Contexts = {
    os: distribution,
    app: { app_start_time: APP_START, app_memory: process.memoryUsage.rss() },
    device: { free_memory: os.freemem() },
  };
  return mergeContexts(event, contexts, culture(), live);
}

let cultureLayer: Contexts | undefined;

/**
 * `{ culture }`. The first `Intl` object makes V8 load ICU's locale and time zone data:
 * more work than a bare Node start-up (bench/node-startup.mjs), so only an event pays it, once.
 */
function culture(): Contexts {
  if (!cultureLayer) {
    try {
      const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
      cultureLayer = { culture: { locale, timezone: timeZone } };
    } catch {
      // A Node built without Intl: events go without a culture context.
      cultureLayer = {};
    }
  }
  return cultureLayer;
}

/** The event's own contexts win over ours, key by key. */
function mergeContexts(event: Event, ...layers: Contexts[]): Event {
  const merged: Contexts = {};
  for (const layer of layers) {
    for (const [name, values] of Object.entries(layer)) merged[name] = { ...merged[name], ...values };
  }
  for (const [name, values] of Object.entries(event.contexts ?? {})) merged[name] = { ...merged[name], ...values };
  event.contexts = merged;
  return event;
}

function readStaticContexts(): StaticContexts {
  const os = builtin('node:os');
  const cpus = os.cpus();
  const contexts: Contexts = {
    os: { name: OS_NAMES[process.platform] ?? os.type(), kernel_version: os.release() },
    runtime: { name: 'node', version: process.version },
    app: { app_start_time: APP_START },
    device: {
      arch: os.arch(),
      boot_time: new Date(Date.now() - os.uptime() * 1000).toISOString(),
      memory_size: os.totalmem(),
      processor_count: cpus.length,
      cpu_description: cpus[0]?.model,
    },
  };
  const cloud = cloudResourceContext(process.env);
  if (cloud) contexts.cloud_resource = cloud;
  // Many VMs and containers report 0 MHz: unknown, so the key is left out rather than sent empty.
  const speed = cpus[0]?.speed;
  if (speed) contexts.device.processor_frequency = speed;
  return { contexts, hostname: os.hostname(), os };
}

const OS_NAMES: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/**
 * NAME and VERSION_ID from /etc/os-release, e.g. `{ name: 'Debian GNU/Linux', version: '12' }`.
 * Sentry reads distro-specific files instead (`Debian`, `12.11`); see packages/node/PARITY.md.
 */
function linuxDistribution(): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    if (process.platform !== 'linux') return resolve({});
    builtin('node:fs').readFile('/etc/os-release', 'utf8', (error, text) => {
      if (error) return resolve({});
      const field = (key: string): string | undefined =>
        new RegExp(`^${key}=["']?(.*?)["']?$`, 'm').exec(text)?.[1];
      const name = field('NAME');
      const version = field('VERSION_ID');
      resolve({ ...(name ? { name } : {}), ...(version ? { version } : {}) });
    });
  });
}
