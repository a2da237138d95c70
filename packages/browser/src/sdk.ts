// `init` for browsers: the browser transport, stack parser and default integrations,
// filled into the core client.
import {
  SDK_VERSION,
  dedupeIntegration,
  dsnToString,
  getIntegrationsToSetup,
  inboundFiltersIntegration,
  initAndBind,
  linkedErrorsIntegration,
  logger,
  parseDsn,
  trimDsn,
} from '@faultline/core';
import type { Client, Integration, Options, StackParser } from '@faultline/core';
import { breadcrumbsIntegration } from './integrations/breadcrumbs';
import { consoleIntegration } from './integrations/console';
import { browserApiErrorsIntegration } from './integrations/browserapierrors';
import { browserSessionIntegration } from './integrations/browsersession';
import { globalHandlersIntegration } from './integrations/globalhandlers';
import { httpContextIntegration } from './integrations/httpcontext';
import { defaultStackParser } from './stack';
import { makeBrowserOfflineTransport } from './offline/transport';

export interface BrowserOptions extends Options {
  /** Defaults to the browser parser for Chrome, Firefox and Safari stacks. */
  stackParser?: StackParser;
}

const SDK_NAME = 'faultline.javascript.browser';

/**
 * The integrations `init` installs unless told otherwise; replace one by passing an
 * integration of the same name in `integrations`.
 *
 * @example
 * init({ dsn, defaultIntegrations: getDefaultIntegrations().filter((i) => i.name !== 'Breadcrumbs') });
 */
export function getDefaultIntegrations(options: Options = {}): Integration[] {
  const integrations = [
    inboundFiltersIntegration(),
    browserApiErrorsIntegration(),
    breadcrumbsIntegration(),
    consoleIntegration(),
    globalHandlersIntegration(),
    linkedErrorsIntegration(),
    dedupeIntegration(),
    httpContextIntegration(),
  ];
  if (options.autoSessionTracking !== false) integrations.push(browserSessionIntegration());
  return integrations;
}

/**
 * Starts reporting: uncaught errors, unhandled rejections, breadcrumbs and sessions.
 * Errors only, no tracing: unlike @sentry/browser, events carry no `contexts.trace` and
 * envelopes no `trace` header.
 * Never throws; a bad DSN leaves the SDK disabled (say `debug: true` to see why).
 *
 * @example
 * import { init } from '@faultline/browser';
 * init({ dsn: 'https://PUBLIC_KEY@o1.ingest.example.com/42', release: 'shop@1.4.2' });
 */
export function init(options: BrowserOptions = {}): Client | undefined {
  if (options.debug === true) logger.enable();
  const { defaultIntegrations = getDefaultIntegrations(options), integrations, ...rest } = options;
  return initAndBind({
    ...rest,
    dsn: withoutSecretKey(options.dsn),
    integrations: getIntegrationsToSetup({ defaultIntegrations, integrations }),
    transport: options.transport ?? makeBrowserOfflineTransport,
    stackParser: options.stackParser ?? defaultStackParser,
    platform: 'javascript',
    _metadata: {
      sdk: { name: SDK_NAME, version: SDK_VERSION, packages: [{ name: 'npm:@faultline/browser', version: SDK_VERSION }] },
    },
  });
}

/** A secret key must never leave a browser: the DSN without it, with a warning. */
function withoutSecretKey(dsn: string | undefined): string | undefined {
  try {
    const parsed = parseDsn(trimDsn(String(dsn)));
    if (parsed.secretKey === undefined) return dsn;
    logger.warn('Removed the secret key from the DSN: a browser must never send it.');
    return dsnToString(parsed);
  } catch {
    return dsn; // The client says which rule the DSN broke.
  }
}
