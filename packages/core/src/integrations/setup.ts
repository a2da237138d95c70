// Which integrations a client runs, and running their setup hooks.

import { getInstalledIntegrations } from '../asynccontext';
import { logger } from '../logger';
import type { ClientLike, Integration, Options } from '../types';

/**
 * The integrations to install: the defaults (unless `defaultIntegrations: false`), merged
 * by name with the user's `integrations` array (the user's wins), or whatever the user's
 * function returns when given the defaults.
 *
 * @example
 * getIntegrationsToSetup({ defaultIntegrations: [dedupeIntegration()], integrations: (all) => all.filter((i) => i.name !== 'Dedupe') });
 */
export function getIntegrationsToSetup(options: Pick<Options, 'defaultIntegrations' | 'integrations'>): Integration[] {
  const defaults = Array.isArray(options.defaultIntegrations) ? options.defaultIntegrations : [];
  const user = options.integrations;
  let chosen: Integration[];
  if (typeof user === 'function') {
    try {
      const result = user(defaults.slice());
      chosen = Array.isArray(result) ? result : [];
    } catch (error) {
      logger.warn('`integrations` threw; using the defaults:', error);
      chosen = defaults;
    }
  } else {
    chosen = [...defaults, ...(Array.isArray(user) ? user : [])];
  }
  return lastByName(chosen.filter(isIntegration));
}

/** Keeps one integration per name: the last one given, in the position of the first. */
function lastByName(integrations: Integration[]): Integration[] {
  const byName = new Map<string, Integration>();
  for (const integration of integrations) byName.set(integration.name, integration);
  return [...byName.values()];
}

function isIntegration(value: unknown): value is Integration {
  const ok = typeof value === 'object' && value !== null && typeof (value as Integration).name === 'string';
  if (!ok) logger.warn('Integration ignored: no `name`:', value);
  return ok;
}

/**
 * Runs `setupOnce` of each integration once per process (by name) and `setup` for this
 * client. A throwing integration is logged and skipped, never fatal.
 */
export function setupIntegrations(client: ClientLike, integrations: Integration[]): Record<string, Integration> {
  const installed = getInstalledIntegrations();
  const active: Record<string, Integration> = {};
  for (const integration of integrations) {
    try {
      if (!installed.has(integration.name)) {
        installed.add(integration.name);
        integration.setupOnce?.();
      }
      integration.setup?.(client);
      active[integration.name] = integration;
    } catch (error) {
      logger.warn(`Integration ${integration.name} disabled: setup threw:`, error);
    }
  }
  return active;
}
