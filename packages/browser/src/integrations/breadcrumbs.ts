// Records what led up to an error: clicks and typing, HTTP requests and navigations, each
// as a breadcrumb on the current scope (console lines: integrations/console.ts).
import { addBreadcrumb } from '@faultline/core';
import type { Breadcrumb, Integration, SeverityLevel } from '@faultline/core';
import { instrumentDom } from '../instrument/dom';
import { onHistoryChange } from '../instrument/history';
import { instrumentFetch, instrumentXhr, type HttpCall } from '../instrument/http';
import { cssSelector, type SelectorOptions } from '../instrument/selector';
import { muteConsoleBreadcrumbs } from './console';

/** Console breadcrumbs come from `consoleIntegration`, as in @sentry/browser 11. */
export interface BreadcrumbsOptions {
  /** Clicks and typing. */
  dom?: boolean | SelectorOptions;
  fetch?: boolean;
  xhr?: boolean;
  history?: boolean;
  /** Sentry's breadcrumbs for its own events; Faultline records none, so this changes nothing. */
  sentry?: boolean;
  /** Sentry 8's switch, kept for apps that still pass it: `false` silences the Console integration. */
  console?: boolean;
}

/**
 * @example
 * init({ dsn, integrations: [breadcrumbsIntegration({ xhr: false })] });
 * init({ dsn, integrations: [breadcrumbsIntegration({ dom: { serializeAttribute: ['data-test'], maxStringLength: 120 } })] });
 */
export function breadcrumbsIntegration(options: BreadcrumbsOptions = {}): Integration {
  return {
    name: 'Breadcrumbs',
    setupOnce() {
      if (options.console === false) muteConsoleBreadcrumbs();
      if (options.dom !== false) {
        // Object(true) and Object(undefined) have no options: the defaults apply.
        instrumentDom((action, target) => addBreadcrumb({ category: `ui.${action}`, message: cssSelector(target, Object(options.dom)) }, { target }));
      }
      if (options.fetch !== false) instrumentFetch((call) => addBreadcrumb(httpBreadcrumb('fetch', call)));
      if (options.xhr !== false) instrumentXhr((call) => addBreadcrumb(httpBreadcrumb('xhr', call)));
      if (options.history !== false) {
        onHistoryChange((from, to) => addBreadcrumb({ category: 'navigation', data: { from: relative(from), to: relative(to) } }));
      }
    },
  };
}

function httpBreadcrumb(category: 'fetch' | 'xhr', call: HttpCall): Breadcrumb {
  const status = call.status_code;
  const level: SeverityLevel = status === undefined || status >= 500 ? 'error' : status >= 400 ? 'warning' : 'info';
  return { type: 'http', category, level, data: { ...call } };
}

/** A same-origin URL without its origin: shorter and just as clear. */
function relative(href: string): string {
  const origin = location.origin;
  return href.startsWith(`${origin}/`) ? href.slice(origin.length) : href;
}
