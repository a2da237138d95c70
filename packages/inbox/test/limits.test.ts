import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT, EVENT_ITEM_LIMIT } from '../src/index';
import { errorEvent, eventEnvelope, envelopeOf, postEnvelope, testInbox } from './helpers';

/** Many gzip members of zeros: `members * 64 MiB` once inflated, a few hundred KiB sent. */
function gzipBomb(members: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: members }, () => member));
}

describe('Content-Encoding', () => {
  const encoders: Array<[string, (input: Buffer) => Buffer]> = [
    ['gzip', (input) => zlib.gzipSync(input)],
    ['deflate', (input) => zlib.deflateSync(input)],
    ['deflate', (input) => zlib.deflateRawSync(input)],
    ['br', (input) => zlib.brotliCompressSync(input)],
  ];

  it.each(encoders)('decodes %s and stores the decoded body', async (encoding, encode) => {
    const inbox = await testInbox();
    const plain = Buffer.from(eventEnvelope());
    const response = await postEnvelope(inbox, encode(plain), { headers: { 'Content-Encoding': encoding } });
    expect(response.status).toBe(200);
    expect(Buffer.from(inbox.envelopes()[0].body).equals(plain)).toBe(true);
  });

  it('undoes stacked encodings, last applied first', async () => {
    const inbox = await testInbox();
    const body = zlib.brotliCompressSync(zlib.gzipSync(Buffer.from(eventEnvelope())));
    const response = await postEnvelope(inbox, body, { headers: { 'Content-Encoding': 'gzip, br' } });
    expect(response.status).toBe(200);
  });

  it('answers 415 for an unknown encoding and 400 for a corrupt body', async () => {
    const inbox = await testInbox();
    const unknown = await postEnvelope(inbox, eventEnvelope(), { headers: { 'Content-Encoding': 'compress' } });
    expect(unknown.status).toBe(415);
    expect(unknown.headers.get('x-sentry-error')).toMatch(/compress/);
    const corrupt = await postEnvelope(inbox, Buffer.from('definitely not gzip'), { headers: { 'Content-Encoding': 'gzip' } });
    expect(corrupt.status).toBe(400);
    const truncated = zlib.gzipSync(Buffer.from(eventEnvelope())).subarray(0, 30);
    expect((await postEnvelope(inbox, truncated, { headers: { 'Content-Encoding': 'gzip' } })).status).toBe(400);
    expect(inbox.envelopes()).toEqual([]);
  });
});

describe('zstd, which Relay takes', () => {
  const zstdCompressSync = (zlib as unknown as { zstdCompressSync?: (input: Buffer) => Buffer }).zstdCompressSync;

  it(zstdCompressSync ? 'is decoded by this Node.js' : 'is refused by this Node.js (before 22.15) with a 415 that says why', async () => {
    const inbox = await testInbox();
    const plain = Buffer.from(eventEnvelope());
    const response = await postEnvelope(inbox, zstdCompressSync ? zstdCompressSync(plain) : plain, { headers: { 'Content-Encoding': 'zstd' } });
    if (zstdCompressSync) {
      expect(response.status).toBe(200);
      expect(inbox.events()).toHaveLength(1);
    } else {
      expect(response.status).toBe(415);
      expect(response.headers.get('x-sentry-error')).toMatch(/no zstd; Node 22\.15 or later has\); use gzip, deflate or br$/);
    }
  });
});

describe('size limits', () => {
  it('answers 413 for an event item over 1 MiB, with or without length', async () => {
    const inbox = await testInbox();
    const big = errorEvent({ extra: { blob: 'x'.repeat(EVENT_ITEM_LIMIT) } });
    const withLength = await postEnvelope(inbox, eventEnvelope(big));
    expect(withLength.status).toBe(413);
    const withoutLength = `{}\n{"type":"event"}\n${JSON.stringify(big)}\n`;
    expect((await postEnvelope(inbox, withoutLength)).status).toBe(413);
    const store = await postEnvelope(inbox, JSON.stringify(big), { path: '/api/1/store/' });
    expect(store.status).toBe(413);
    expect(inbox.envelopes()).toEqual([]);
  });

  it('accepts an attachment larger than the event limit', async () => {
    const inbox = await testInbox();
    const attachment = new Uint8Array(2 * EVENT_ITEM_LIMIT).fill(7);
    const body = envelopeOf([
      [{ type: 'event' }, errorEvent()],
      [{ type: 'attachment', filename: 'dump.bin' }, attachment],
    ]);
    expect((await postEnvelope(inbox, body)).status).toBe(200);
    expect(Buffer.from(inbox.envelopes()[0].items[1][1] as Uint8Array).equals(attachment)).toBe(true);
  });

  it('answers 413 for a body over 20 MiB, sent plain', async () => {
    const inbox = await testInbox();
    const body = envelopeOf([[{ type: 'attachment', filename: 'big' }, new Uint8Array(BODY_LIMIT + 1)]]);
    const response = await postEnvelope(inbox, body);
    expect(response.status).toBe(413);
    expect(response.headers.get('x-sentry-error')).toMatch(/larger than/);
    // The inbox keeps serving.
    expect((await postEnvelope(inbox, eventEnvelope())).status).toBe(200);
  });

  it('answers 413 for a body that inflates past 20 MiB, and stores nothing', async () => {
    const inbox = await testInbox();
    const plain = envelopeOf([[{ type: 'attachment', filename: 'big' }, new Uint8Array(BODY_LIMIT + 1)]]);
    const response = await postEnvelope(inbox, zlib.gzipSync(plain), { headers: { 'Content-Encoding': 'gzip' } });
    expect(response.status).toBe(413);
    expect(inbox.envelopes()).toEqual([]);
  });

  it('stops inflating a gzip bomb at the limit: 413, little memory', async () => {
    const inbox = await testInbox();
    const bomb = gzipBomb(32); // 2 GiB of zeros once inflated
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const before = process.memoryUsage();
    const response = await postEnvelope(inbox, bomb, { headers: { 'Content-Encoding': 'gzip' } });
    const after = process.memoryUsage();
    expect(response.status).toBe(413);
    // Inflating it all would need 2 GiB; stopping at the limit costs about the limit.
    expect(after.arrayBuffers + after.external - before.arrayBuffers - before.external).toBeLessThan(200 * 1024 * 1024);
    expect(inbox.envelopes()).toEqual([]);
  });
});
