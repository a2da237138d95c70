// The read side: JSON listings for tests and scripts, HTML pages for people. Only pages
// asked for by a loopback (or the bound) host name are served, so a web page that rebinds
// its own domain to 127.0.0.1 cannot read your events.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboxContext } from './context';
import { envelopeToJson, eventRefs, pageRefs, receivedEvent } from './events';
import { isLoopback, unbracket } from './host';
import { renderEventPage } from './html/eventpage';
import { PAGE_HEADERS } from './html/layout';
import { renderListPage } from './html/listpage';
import { HttpError } from './httperror';
import { send, sendJson } from './reply';
import type { Route } from './router';

type ReadRoute = Exclude<Route, { name: 'ingest' } | { name: 'unknown' }>;

export function handleRead(request: IncomingMessage, response: ServerResponse, route: ReadRoute, context: InboxContext): void {
  checkHostHeader(request.headers.host, context.bindHost);
  const all = context.store.all();
  switch (route.name) {
    case 'events': {
      const refs = eventRefs(all.filter((envelope) => envelope.project === route.project));
      return sendJson(response, 200, refs.reverse().map(receivedEvent), { 'Cache-Control': 'no-store' });
    }
    case 'envelopes': {
      const envelopes = all.filter((envelope) => envelope.project === route.project).reverse();
      return sendJson(response, 200, envelopes.map(envelopeToJson), { 'Cache-Control': 'no-store' });
    }
    case 'list':
      return send(response, 200, renderListPage(pageRefs(all), context.dsn), PAGE_HEADERS);
    case 'event': {
      const envelope = context.store.get(route.id);
      const ref = envelope && pageRefs([envelope]).find(({ item }) => item === route.item);
      if (!ref) throw new HttpError(404, 'no such event');
      return send(response, 200, renderEventPage(ref), PAGE_HEADERS);
    }
  }
}

function checkHostHeader(host: string | undefined, bindHost: string): void {
  let hostname: string;
  try {
    hostname = unbracket(new URL(`http://${host ?? ''}`).hostname);
  } catch {
    throw new HttpError(400, 'the Host header is not valid');
  }
  if (!isLoopback(hostname) && hostname !== unbracket(bindHost)) {
    throw new HttpError(403, 'the inbox pages are only served to this machine (Host is not loopback)');
  }
}
