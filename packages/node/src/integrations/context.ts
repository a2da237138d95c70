// Where the event happened: OS, runtime, app, device and locale. The static part is read
// once, right after init (not in it, so `init` stays cheap); the locale at the first event.

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
 * `sendDefaultPii` is on). Events of a burst that starts before the static part is read
 * go without.
 *
 * @example
 * init({ dsn, sendDefaultPii: true }); // events carry server_name: os.hostname()
 */
export function nodeContextIntegration(): Integration {
  const statics = lazyValue(readStaticContexts);
  const wait = waitLimit();
  return {
    name: 'Context',
    setup: () => loadSoon(statics.load),
    processEvent(event, _hint, client) {
      const loaded = statics.current();
      if (loaded) return addContexts(event, loaded, client);
      return wait(statics.load, (value) => addContexts(event, value, client)) ?? event;
    },
  };
}

function addContexts(event: Event, { contexts, hostname, os }: StaticContexts, client: ClientLike): Event {
  const { serverName, sendDefaultPii } = client.getOptions();
  const serverNameToSet = serverName ?? (sendDefaultPii ? hostname : undefined);
  if (event.server_name === undefined && serverNameToSet) event.server_name = serverNameToSet;
  const live: Contexts = {
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

async function readStaticContexts(): Promise<StaticContexts> {
  const os = builtin('node:os');
  const cpus = os.cpus();
  const contexts: Contexts = {
    os: await osContext(os),
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

async function osContext(os: typeof import('node:os')): Promise<Record<string, unknown>> {
  const context: Record<string, unknown> = {
    name: OS_NAMES[process.platform] ?? os.type(),
    kernel_version: os.release(),
  };
  if (process.platform === 'linux') Object.assign(context, await linuxDistribution());
  return context;
}

/**
 * NAME and VERSION_ID from /etc/os-release, e.g. `{ name: 'Debian GNU/Linux', version: '12' }`.
 * Sentry reads distro-specific files instead (`Debian`, `12.11`); see packages/node/PARITY.md.
 */
function linuxDistribution(): Promise<Record<string, string>> {
  return new Promise((resolve) => {
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
