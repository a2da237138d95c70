// Writing answers. Every refusal carries its reason in `X-Sentry-Error`, as Sentry does.

import type { ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(response, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
}

export function sendError(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const reason = headerSafe(message);
  sendJson(response, status, { detail: reason }, { 'X-Sentry-Error': reason, ...headers });
}

export function send(response: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'X-Content-Type-Options': 'nosniff', ...headers });
  response.end(body);
}

/** Header values must be printable ASCII; the reason may quote what the client sent. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 300);
}
