// What older clients post to `/store/` besides plain JSON: the event as base64, or as
// base64 of zlib-deflated JSON (raven-era SDKs), told apart as Relay does: a body that does
// not start with `{` is base64.

import { inflateSync } from 'node:zlib';
import { HttpError } from './httperror';
import { EVENT_ITEM_LIMIT } from './limits';

const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
const OPEN_BRACE = 0x7b;

/** The JSON bytes of a `/store/` body; bodies that are not base64 come back unchanged. */
export function decodeStoreBody(body: Uint8Array): Uint8Array {
  if (body.length === 0 || body[0] === OPEN_BRACE) return body;
  const text = Buffer.from(body).toString('latin1');
  if (!BASE64.test(text)) return body;
  const binary = Buffer.from(text, 'base64');
  if (binary[0] === OPEN_BRACE) return binary;
  try {
    return inflateSync(binary, { maxOutputLength: EVENT_ITEM_LIMIT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new HttpError(413, `an event is larger than ${EVENT_ITEM_LIMIT} bytes`);
    }
    throw new HttpError(400, 'the /store/ body is base64 but neither JSON nor zlib data');
  }
}
