// Maps a request path to what the inbox does with it.

import { HttpError } from './httperror';
import type { IngestKind } from './ingest';

/** A request target split in its raw path and its query. */
export interface Target {
  pathname: string;
  searchParams: URLSearchParams;
}

export type Route =
  | { name: 'ingest'; kind: IngestKind; project: string }
  | { name: 'events' | 'envelopes'; project: string }
  | { name: 'list' }
  | { name: 'event'; id: string; item: number }
  | { name: 'unknown' };

const API = /^\/api\/([^/]*)\/(envelope|store|events|envelopes)\/?$/;
const EVENT_PAGE = /^\/event\/([0-9a-z-]{1,80})\/(\d{1,6})\/?$/;
const PROJECT_ID = /^\d{1,16}$/;

export function matchRoute(pathname: string): Route {
  if (pathname === '/') return { name: 'list' };
  const page = EVENT_PAGE.exec(pathname);
  if (page) return { name: 'event', id: page[1], item: Number(page[2]) };
  const api = API.exec(pathname);
  if (!api) return { name: 'unknown' };
  const [, rawProject, action] = api;
  if (!PROJECT_ID.test(rawProject)) throw new HttpError(400, 'the project id must be a number');
  const project = rawProject.replace(/^0+(?=\d)/, '');
  if (action === 'envelope' || action === 'store') return { name: 'ingest', kind: action, project };
  return { name: action as 'events' | 'envelopes', project };
}

/** Methods each route answers; anything else is a 405. */
export function allowedMethods(route: Route): string[] {
  if (route.name === 'ingest') return ['POST', 'OPTIONS'];
  return ['GET', 'HEAD'];
}
