// The breadcrumb for one outgoing request, shared by the node:http and fetch integrations.

import { addBreadcrumb, logger } from '@faultline/core';
import type { Breadcrumb, SeverityLevel } from '@faultline/core';
import { runInScopeContext } from './asynccontext';
import type { ScopeContext } from './asynccontext';

/** Our own envelope POSTs carry this content type; they are not the app's traffic. */
export const ENVELOPE_CONTENT_TYPE = 'application/x-sentry-envelope';

/** Options of `httpIntegration` and `nativeNodeFetchIntegration`, named as in Sentry. */
export interface OutgoingRequestOptions {
  /** One breadcrumb per outgoing request. Default true. */
  breadcrumbs?: boolean;
  /** Tracing, which Faultline does not do: accepted so a Sentry setup compiles, ignored. */
  spans?: boolean;
  /** Tracing, which Faultline does not do: accepted so a Sentry setup compiles, ignored. */
  tracePropagation?: boolean;
}

/** Whether the app's `ignoreOutgoingRequests` (called by `ask`) skips a request; one that throws skips none. */
export function isIgnoredRequest(ask: () => unknown): boolean {
  try {
    return Boolean(ask());
  } catch (error) {
    logger.warn('ignoreOutgoingRequests threw; the request gets its breadcrumb:', error);
    return false;
  }
}

export interface OutgoingRequest {
  method: string;
  url: string;
  statusCode?: number;
  /** Set when the request failed before a response. */
  error?: boolean;
}

/**
 * Records the breadcrumb in the scopes the request was started from: the response
 * arrives on a socket callback that belongs to no request of the app.
 */
export function recordHttpBreadcrumb(context: ScopeContext, request: OutgoingRequest): void {
  try {
    runInScopeContext(context, () => addBreadcrumb(httpBreadcrumb(request)));
  } catch (error) {
    logger.warn('Could not record an http breadcrumb:', error);
  }
}

/** `url` without query and fragment; those go to `http.query` (with its `?`) and `http.fragment` (with its `#`), as Sentry records them. */
export function httpBreadcrumb({ method, url, statusCode, error }: OutgoingRequest): Breadcrumb {
  const queryStart = url.search(/[?#]/);
  const data: Record<string, unknown> = { method, url: queryStart === -1 ? url : url.slice(0, queryStart) };
  if (queryStart !== -1) {
    const hash = url.indexOf('#');
    const query = url.slice(queryStart, hash === -1 ? undefined : hash);
    if (query.length > 1) data['http.query'] = query;
    if (hash !== -1 && hash < url.length - 1) data['http.fragment'] = url.slice(hash);
  }
  if (statusCode !== undefined) data.status_code = statusCode;
  return { type: 'http', category: 'http', level: levelFor(statusCode, error), data };
}

function levelFor(statusCode: number | undefined, error: boolean | undefined): SeverityLevel {
  if (error || (statusCode !== undefined && statusCode >= 500)) return 'error';
  if (statusCode !== undefined && statusCode >= 400) return 'warning';
  return 'info';
}
