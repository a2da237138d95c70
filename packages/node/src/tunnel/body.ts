// The request body, read and decoded within a byte cap: nothing past the cap is buffered,
// and a small compressed body that inflates past it is refused the same way.

import { TunnelRefusal } from './refusal';

type Chunk = Uint8Array | string;
type Inflate = (body: Uint8Array, options: { maxOutputLength: number }, done: (error: Error | null, result: Buffer) => void) => void;

/**
 * Concatenates `chunks` (a Node request or a web `ReadableStream`), throwing a 413
 * `TunnelRefusal` as soon as more than `limit` bytes arrived.
 *
 * @example
 * const body = await readCapped(request, 1024 * 1024);
 */
export async function readCapped(chunks: AsyncIterable<Chunk> | Iterable<Chunk>, limit: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += bytes.byteLength;
    if (total > limit) throw tooLarge(limit);
    parts.push(bytes);
  }
  return Buffer.concat(parts, total);
}

/** Refuses up front when the declared `Content-Length` is already past the cap. */
export function checkDeclaredLength(contentLength: string | null | undefined, limit: number): void {
  if (contentLength && Number(contentLength) > limit) throw tooLarge(limit);
}

const DECODERS = {
  gzip: 'gunzip',
  'x-gzip': 'gunzip',
  deflate: 'inflate',
  br: 'brotliDecompress',
} as const;

/**
 * Undoes `Content-Encoding` (gzip, deflate, br or none) without producing more than
 * `limit` bytes; 415 for another encoding, 400 for a corrupt body, 413 past the cap.
 *
 * @example
 * const envelope = await decodeBody(body, request.headers['content-encoding'], 1024 * 1024);
 */
export async function decodeBody(body: Uint8Array, encoding: string | null | undefined, limit: number): Promise<Uint8Array> {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') return body;
  if (!Object.prototype.hasOwnProperty.call(DECODERS, name)) {
    throw new TunnelRefusal(415, 'unsupported Content-Encoding: send gzip, deflate, br or none');
  }
  const zlib = await import('node:zlib');
  const decode = zlib[DECODERS[name as keyof typeof DECODERS]] as Inflate;
  return new Promise((resolve, reject) => {
    decode(body, { maxOutputLength: limit }, (error, result) => {
      if (!error) return resolve(result);
      const inflatedPastCap = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      reject(inflatedPastCap ? tooLarge(limit) : new TunnelRefusal(400, `the body is not valid ${name}`));
    });
  });
}

function tooLarge(limit: number): TunnelRefusal {
  return new TunnelRefusal(413, `the envelope is larger than this tunnel accepts (${limit} bytes)`);
}
