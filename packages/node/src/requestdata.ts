// The `request` of an event from Node's IncomingMessage. Cookies, the body and the client
// address are personal data: only with `sendDefaultPii`.

import type { RequestData, User } from '@faultline/core';
import type { IncomingMessage } from 'node:http';

/** Headers that name the client's address: personal data like the socket's own. */
const ADDRESS_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'cf-connecting-ip', 'true-client-ip'];

/** Request bodies above this are cut: the server drops events over 1 MiB. */
const MAX_BODY_LENGTH = 10 * 1024;

export interface RequestDataOptions {
  sendDefaultPii?: boolean;
}

/**
 * `request` (method, URL, query, headers; with `sendDefaultPii` also cookies and the body a
 * framework parsed into `req.body`) and, with `sendDefaultPii`, `user.ip_address`.
 *
 * @example
 * const { request } = requestDataFromIncoming(req, { sendDefaultPii: false });
 * // { method: 'GET', url: 'http://localhost:3000/users', query_string: 'page=2', headers: { ... } }
 */
export function requestDataFromIncoming(
  req: IncomingMessage,
  { sendDefaultPii = false }: RequestDataOptions,
): { request: RequestData; user?: User } {
  const rawUrl = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const headers = flatHeaders(req);
  const request: RequestData = { method: req.method, url: `${protocolOf(req)}://${headers.host ?? 'localhost'}${path}` };
  if (queryStart !== -1 && queryStart < rawUrl.length - 1) request.query_string = rawUrl.slice(queryStart + 1);
  request.headers = headers;
  if (!sendDefaultPii) {
    for (const name of ['cookie', ...ADDRESS_HEADERS]) delete headers[name];
    return { request };
  }
  if (headers.cookie) request.cookies = parseCookies(headers.cookie);
  const body = (req as IncomingMessage & { body?: unknown }).body;
  if (body !== undefined) request.data = typeof body === 'string' ? body.slice(0, MAX_BODY_LENGTH) : body;
  const ip = clientIp(req, headers);
  return ip ? { request, user: { ip_address: ip } } : { request };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function protocolOf(req: IncomingMessage): string {
  if ((req.socket as { encrypted?: boolean } | undefined)?.encrypted) return 'https';
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim();
  return first === 'https' ? 'https' : 'http';
}

/** The first address of X-Forwarded-For (the original client), else the socket's peer. */
function clientIp(req: IncomingMessage, headers: Record<string, string>): string | undefined {
  const forwarded = headers['x-forwarded-for']?.split(',')[0].trim();
  return forwarded || req.socket?.remoteAddress;
}

function parseCookies(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const name = part.slice(0, equals).trim();
    if (name) cookies[name] = part.slice(equals + 1).trim();
  }
  return cookies;
}
