// One isolation scope per incoming request, entered from Node's `http.server.request.start`
// channel: whatever the handler sets (tags, user, breadcrumbs) stays with its request.

import { getClient, getDefaultCurrentScope, getDefaultIsolationScope } from '@faultline/core';
import type { Client, Event, Integration } from '@faultline/core';
import type { IncomingMessage } from 'node:http';
import { enterScopeContext } from '../asynccontext';
import { subscribeSafely } from '../channels';
import { watchRequestBody } from '../requestbody';
import { requestDataFromIncoming } from '../requestdata';
import { createRequestSessionAggregator } from '../sessionaggregates';
import type { RequestOutcome } from '../sessionaggregates';

interface RequestState {
  outcome: RequestOutcome;
}

/**
 * Isolates each incoming request and adds its `request` data (and, with `sendDefaultPii`,
 * the client IP and the body the app read, up to 10 KiB of text) to events captured while
 * handling it. With a `release`, counts requests as release-health session aggregates.
 *
 * @example
 * init({ dsn, release: 'api@2.0.0' }); // on by default
 * http.createServer((req, res) => { setTag('route', req.url); ... }); // the tag stays on this request's events
 */
export function httpServerIntegration(): Integration {
  return {
    name: 'HttpServer',
    setup(client) {
      const { release, autoSessionTracking } = client.getOptions();
      const aggregates =
        release && autoSessionTracking !== false ? createRequestSessionAggregator(client as Client) : undefined;
      const states = new WeakMap<IncomingMessage, RequestState>();

      subscribeSafely('http.server.request.start', (message) => {
        if (getClient() !== client) return;
        const { request } = message as { request: IncomingMessage };
        const state: RequestState = { outcome: 'exited' };
        states.set(request, state);
        // Forked from the process-wide scopes, never from whatever ran last on this socket.
        const isolationScope = getDefaultIsolationScope().clone();
        const bodyOf = client.getOptions().sendDefaultPii ? watchRequestBody(request) : undefined;
        isolationScope.addEventProcessor((event) => {
          state.outcome = worseOutcome(state.outcome, event);
          return withRequestData(event, request, client.getOptions().sendDefaultPii, bodyOf);
        });
        enterScopeContext({ scope: getDefaultCurrentScope().clone(), isolationScope });
      });

      subscribeSafely('http.server.response.finish', (message) => {
        const { request } = message as { request: IncomingMessage };
        const state = states.get(request);
        if (!state) return;
        states.delete(request);
        aggregates?.record(state.outcome);
      });
    },
  };
}

function withRequestData(
  event: Event,
  request: IncomingMessage,
  sendDefaultPii: boolean | undefined,
  bodyOf: (() => string | undefined) | undefined,
): Event {
  const { request: data, user } = requestDataFromIncoming(request, { sendDefaultPii });
  // A body a framework parsed wins; else the raw text the app read so far.
  if (sendDefaultPii && data.data === undefined) data.data = bodyOf?.();
  if (data.data === undefined) delete data.data;
  event.request = { ...data, ...event.request };
  if (user?.ip_address && event.user?.ip_address === undefined) event.user = { ...event.user, ...user };
  event.transaction ??= `${data.method ?? 'GET'} ${routeOf(request) ?? new URL(data.url ?? '/', 'http://x').pathname}`;
  return event;
}

/** Express and similar routers leave the matched route pattern on the request. */
function routeOf(request: IncomingMessage): string | undefined {
  const { route, baseUrl } = request as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : undefined;
}

/** The request's outcome after this event: a crash beats an error beats a clean exit. */
function worseOutcome(current: RequestOutcome, event: Event): RequestOutcome {
  const exceptions = event.exception?.values ?? [];
  if (exceptions.length === 0 || current === 'crashed') return current;
  if (exceptions.some((exception) => exception.mechanism?.handled === false)) return 'crashed';
  const isError = event.level === undefined || event.level === 'error' || event.level === 'fatal';
  return isError ? 'errored' : current;
}
