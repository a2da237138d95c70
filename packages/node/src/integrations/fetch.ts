// Breadcrumbs for the global `fetch` (undici), from undici's diagnostics channels.

import type { Integration } from '@faultline/core';
import { captureScopeContext } from '../asynccontext';
import { subscribeSafely } from '../channels';
import type { ScopeContext } from '../asynccontext';
import { ENVELOPE_CONTENT_TYPE, isIgnoredRequest, recordHttpBreadcrumb } from '../httpbreadcrumb';
import type { OutgoingRequestOptions } from '../httpbreadcrumb';

/** The part of undici's request object the channels hand out. */
interface UndiciRequest {
  origin?: string | URL;
  method?: string;
  path?: string;
  /** A flat [name, value, ...] array (undici 6+) or `name: value\r\n` lines (older). */
  headers?: string[] | string;
}

export interface NodeFetchOptions extends OutgoingRequestOptions {
  /** No breadcrumb for a request whose URL (query included) it returns true for. As in Sentry. */
  ignoreOutgoingRequests?: (url: string) => boolean;
}

/**
 * One `http` breadcrumb per `fetch` request, with method, URL and status code.
 *
 * @example
 * init({ dsn }); // on by default
 * init({ dsn, integrations: [nativeNodeFetchIntegration({ breadcrumbs: false })] }); // no breadcrumbs
 * await fetch('https://api.example.com/cart'); // -> breadcrumb { category: 'http', data: { method: 'GET', url, status_code: 200 } }
 */
export function nativeNodeFetchIntegration(options: NodeFetchOptions = {}): Integration {
  return {
    name: 'NodeFetch',
    setupOnce() {
      if (options.breadcrumbs === false) return;
      const started = new WeakMap<UndiciRequest, ScopeContext>();
      const finish = (request: UndiciRequest, outcome: { statusCode?: number; error?: boolean }): void => {
        const context = started.get(request);
        if (!context) return;
        started.delete(request);
        recordHttpBreadcrumb(context, { method: request.method ?? 'GET', url: requestUrl(request), ...outcome });
      };
      subscribeSafely('undici:request:create', (message) => {
        const { request } = message as { request: UndiciRequest };
        const ignore = options.ignoreOutgoingRequests;
        if (isSdkRequest(request) || (ignore && isIgnoredRequest(() => ignore(requestUrl(request))))) return;
        started.set(request, captureScopeContext());
      });
      subscribeSafely('undici:request:headers', (message) => {
        const { request, response } = message as { request: UndiciRequest; response: { statusCode?: number } };
        finish(request, { statusCode: response.statusCode });
      });
      subscribeSafely('undici:request:error', (message) => {
        finish((message as { request: UndiciRequest }).request, { error: true });
      });
    },
  };
}

function isSdkRequest(request: UndiciRequest): boolean {
  const headers = request.headers;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === 'content-type' && String(headers[i + 1]) === ENVELOPE_CONTENT_TYPE) {
        return true;
      }
    }
    return false;
  }
  return typeof headers === 'string' && headers.toLowerCase().includes(`content-type: ${ENVELOPE_CONTENT_TYPE}`);
}

function requestUrl(request: UndiciRequest): string {
  const origin = String(request.origin ?? '').replace(/\/$/, '');
  return `${origin}${request.path ?? '/'}`;
}
