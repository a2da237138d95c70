// `init` for Node: options from the environment, the Node transport, stack parser and
// default integrations, scopes on AsyncLocalStorage.

import {
  dedupeIntegration,
  getIntegrationsToSetup,
  inboundFiltersIntegration,
  initAndBind,
  linkedErrorsIntegration,
  logger,
  SDK_VERSION,
} from '@faultline/core';
import type { Client, Integration, Options, StackParser } from '@faultline/core';
import { setNodeAsyncContextStrategy } from './asynccontext';
import { readEnv } from './env';
import { consoleIntegration } from './integrations/console';
import { nodeContextIntegration } from './integrations/context';
import { contextLinesIntegration } from './integrations/contextlines';
import { nativeNodeFetchIntegration } from './integrations/fetch';
import { httpIntegration } from './integrations/http';
import { httpServerIntegration } from './integrations/httpserver';
import { modulesIntegration } from './integrations/modules';
import { onSignalIntegration } from './integrations/onsignal';
import { onUncaughtExceptionIntegration } from './integrations/onuncaughtexception';
import { onUnhandledRejectionIntegration } from './integrations/onunhandledrejection';
import { processSessionIntegration } from './integrations/processsession';
import { defaultStackParser } from './stack';
import { makeNodeOfflineTransport } from './offline/transport';

export const SDK_NAME = 'faultline.javascript.node';

export interface NodeOptions extends Options {
  /** Default: the Node stack parser (absolute paths, module names, in_app). */
  stackParser?: StackParser;
}

/**
 * The integrations `init` installs unless told otherwise.
 *
 * @example
 * init({ dsn, defaultIntegrations: getDefaultIntegrations().filter((i) => i.name !== 'Console') });
 */
export function getDefaultIntegrations(_options: Options = {}): Integration[] {
  return [
    inboundFiltersIntegration(),
    dedupeIntegration(),
    linkedErrorsIntegration(),
    onUncaughtExceptionIntegration(),
    onUnhandledRejectionIntegration(),
    onSignalIntegration(),
    consoleIntegration(),
    httpIntegration(),
    nativeNodeFetchIntegration(),
    httpServerIntegration(),
    nodeContextIntegration(),
    contextLinesIntegration(),
    modulesIntegration(),
    processSessionIntegration(),
  ];
}

/**
 * Starts the SDK. `dsn`, `release` and `environment` fall back to SENTRY_DSN,
 * SENTRY_RELEASE and SENTRY_ENVIRONMENT (then `production`). Without a DSN nothing is
 * installed and nothing is sent. Never throws.
 *
 * @example
 * import { init } from '@faultline/node';
 * init({ dsn: 'https://abc@o1.ingest.example.com/42', release: 'api@1.4.0' });
 */
export function init(options: NodeOptions = {}): Client | undefined {
  try {
    // Before reading the environment, so its warnings (a quoted SENTRY_DSN) are printed.
    if (options.debug === true) logger.enable();
    const dsn = options.dsn ?? readEnv('SENTRY_DSN');
    if (!dsn) {
      logger.log('No DSN in the options or SENTRY_DSN: the SDK stays off.');
      return undefined;
    }
    setNodeAsyncContextStrategy();
    const defaultIntegrations = options.defaultIntegrations === false ? [] : options.defaultIntegrations ?? getDefaultIntegrations();
    return initAndBind({
      ...options,
      dsn,
      release: options.release ?? readEnv('SENTRY_RELEASE'),
      environment: options.environment ?? readEnv('SENTRY_ENVIRONMENT') ?? 'production',
      integrations: getIntegrationsToSetup({ defaultIntegrations, integrations: options.integrations }),
      transport: options.transport ?? makeNodeOfflineTransport,
      stackParser: options.stackParser ?? defaultStackParser,
      platform: 'node',
      _metadata: {
        sdk: { name: SDK_NAME, version: SDK_VERSION, packages: [{ name: 'npm:@faultline/node', version: SDK_VERSION }] },
      },
    });
  } catch (error) {
    logger.warn('init failed; the SDK stays off.', error);
    return undefined;
  }
}
