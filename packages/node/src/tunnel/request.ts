// One tunnel request from arrival to answer, independent of the server framework: method,
// size, encoding, the envelope header's DSN, the allow list, then the upstream.

import { logger } from '@faultline/core';
import type { Dsn } from '@faultline/core';
import { findAllowedDsn } from './allowed';
import { checkDeclaredLength, decodeBody, readCapped } from './body';
import { readHeaderDsn } from './header';
import { TunnelRefusal } from './refusal';
import type { TunnelAnswer } from './upstream';

/** What the tunnel reads of a request, whatever server received it. */
export interface TunnelRequest {
  method: string | undefined;
  contentLength?: string | null;
  contentEncoding?: string | null;
  /** The raw body; `undefined` when it was consumed by something else. */
  body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | undefined;
}

export interface TunnelSettings {
  allowed: readonly Dsn[];
  maxBodyBytes: number;
  forward(dsn: Dsn, body: Uint8Array): Promise<TunnelAnswer>;
}

/**
 * Answers one request: forwarded and the upstream's answer, or a refusal with nothing sent
 * anywhere. Never throws.
 *
 * @example
 * const answer = await handleTunnelRequest(fromNodeRequest(req), settings);
 */
export async function handleTunnelRequest(request: TunnelRequest, settings: TunnelSettings): Promise<TunnelAnswer> {
  try {
    if (request.method !== 'POST') throw new TunnelRefusal(405, 'only POST is accepted');
    if (settings.allowed.length === 0) throw new TunnelRefusal(500, 'this tunnel has no valid DSN configured');
    if (!request.body) throw new TunnelRefusal(400, 'the body was already read: mount the tunnel before any body parser');
    checkDeclaredLength(request.contentLength, settings.maxBodyBytes);
    const raw = await readCapped(request.body, settings.maxBodyBytes);
    const body = await decodeBody(raw, request.contentEncoding, settings.maxBodyBytes);
    const upstream = findAllowedDsn(readHeaderDsn(body), settings.allowed);
    if (!upstream) throw new TunnelRefusal(403, "the envelope header's dsn is not allowed by this tunnel");
    return await settings.forward(upstream, body);
  } catch (error) {
    const refusal = error instanceof TunnelRefusal ? error : new TunnelRefusal(400, 'the request could not be read');
    logger.log(`Tunnel: answered ${refusal.status}, ${refusal.message}.`);
    const headers: Record<string, string> = refusal.status === 405 ? { allow: 'POST' } : {};
    return { status: refusal.status, headers, body: refusal.message };
  }
}
