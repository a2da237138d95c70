// Breadcrumbs for outgoing node:http / node:https requests, from Node's diagnostics
// channels: nothing is patched.

import type { Integration } from '@faultline/core';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { captureScopeContext } from '../asynccontext';
import { subscribeSafely } from '../channels';
import type { ScopeContext } from '../asynccontext';
import { ENVELOPE_CONTENT_TYPE, isIgnoredRequest, recordHttpBreadcrumb } from '../httpbreadcrumb';
import type { OutgoingRequestOptions } from '../httpbreadcrumb';

export interface HttpOptions extends OutgoingRequestOptions {
  /** No breadcrumb for a request it returns true for; `url` has the query. As in Sentry. */
  ignoreOutgoingRequests?: (url: string, request: RequestOptions) => boolean;
}

/**
 * One `http` breadcrumb per outgoing request, with method, URL and status code.
 *
 * @example
 * init({ dsn }); // on by default
 * init({ dsn, integrations: [httpIntegration({ breadcrumbs: false })] }); // no breadcrumbs
 * http.get('http://api.internal/users'); // -> breadcrumb { category: 'http', data: { method: 'GET', url, status_code } }
 */
export function httpIntegration(options: HttpOptions = {}): Integration {
  return {
    name: 'Http',
    setupOnce() {
      if (options.breadcrumbs === false) return;
      const started = new WeakMap<ClientRequest, ScopeContext>();
      subscribeSafely('http.client.request.start', (message) => {
        const { request } = message as { request: ClientRequest };
        const ignore = options.ignoreOutgoingRequests;
        if (isSdkRequest(request) || (ignore && isIgnoredRequest(() => ignore(requestUrl(request), requestOptions(request))))) return;
        started.set(request, captureScopeContext());
      });
      subscribeSafely('http.client.response.finish', (message) => {
        const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
        const context = started.get(request);
        if (!context) return;
        started.delete(request);
        recordHttpBreadcrumb(context, { method: request.method, url: requestUrl(request), statusCode: response.statusCode });
      });
      // Node 22+ announces failed requests too; on older versions the channel stays silent.
      subscribeSafely('http.client.request.error', (message) => {
        const { request } = message as { request: ClientRequest };
        const context = started.get(request);
        if (!context) return;
        started.delete(request);
        recordHttpBreadcrumb(context, { method: request.method, url: requestUrl(request), error: true });
      });
    },
  };
}

function isSdkRequest(request: ClientRequest): boolean {
  try {
    return String(request.getHeader('content-type')) === ENVELOPE_CONTENT_TYPE;
  } catch {
    return false;
  }
}

function requestOptions(request: ClientRequest): RequestOptions {
  return { method: request.method, protocol: request.protocol, host: request.host, path: request.path, headers: request.getHeaders() };
}

function requestUrl(request: ClientRequest): string {
  const host = request.getHeader('host') ?? request.host;
  return `${request.protocol}//${String(host)}${request.path}`;
}
