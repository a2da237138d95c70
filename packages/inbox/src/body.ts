// Reads a request body within a byte limit and undoes its Content-Encoding. Decompression
// stops as soon as the output passes the limit, so a small gzip bomb costs little memory.

import type { IncomingMessage } from 'node:http';
import * as zlib from 'node:zlib';
import type { InputType, ZlibOptions } from 'node:zlib';
import { HttpError } from './httperror';

type Decoder = (input: InputType, options: ZlibOptions, callback: (error: Error | null, result: Buffer) => void) => void;

// Relay also takes zstd; Node decodes it from 22.15 on.
const zstdDecompress = (zlib as unknown as { zstdDecompress?: Decoder }).zstdDecompress;

const DECODERS: Record<string, Decoder> = {
  gzip: zlib.gunzip,
  'x-gzip': zlib.gunzip,
  deflate: inflateOrRaw,
  br: zlib.brotliDecompress as Decoder,
  ...(zstdDecompress ? { zstd: zstdDecompress } : {}),
};

/** Reads the body as sent; 413 as soon as it passes `limit` bytes. */
export function readRawBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: HttpError) => {
      request.off('data', onData);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return fail(tooLarge(limit));
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks, size)));
    request.on('aborted', () => fail(new HttpError(400, 'the request body was cut off')));
    request.on('error', () => fail(new HttpError(400, 'the request body could not be read')));
  });
}

/** Undoes every Content-Encoding, last applied first; no step may output more than `limit` bytes. */
export async function decodeBody(raw: Buffer, contentEncoding: string | undefined, limit: number): Promise<Buffer> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'identity');
  let body = raw;
  for (const encoding of encodings.reverse()) {
    const decoder = DECODERS[encoding];
    if (!decoder) throw new HttpError(415, unsupported(encoding));
    body = await decode(decoder, body, encoding, limit);
  }
  return body;
}

function decode(decoder: Decoder, input: Buffer, encoding: string, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    decoder(input, { maxOutputLength: limit }, (error, result) => {
      if (!error) return resolve(result);
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return reject(tooLarge(limit));
      reject(new HttpError(400, `the body is not valid ${encoding} data`));
    });
  });
}

/** HTTP "deflate" means zlib-wrapped data, but some clients send raw deflate. */
function inflateOrRaw(input: InputType, options: ZlibOptions, callback: (error: Error | null, result: Buffer) => void): void {
  zlib.inflate(input, options, (error, result) => {
    if (error && (error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') zlib.inflateRaw(input, options, callback);
    else callback(error, result);
  });
}

function unsupported(encoding: string): string {
  const hint = encoding === 'zstd' ? ` (this Node.js ${process.version} has no zstd; Node 22.15 or later has)` : '';
  return `unsupported Content-Encoding: ${encoding.slice(0, 40)}${hint}; use gzip, deflate or br`;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `the body is larger than ${limit} bytes`);
}
