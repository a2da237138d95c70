// Event and session ids: 32 lowercase hex characters with the version-4 bits set.

/**
 * A random version-4 UUID without dashes, from `crypto.getRandomValues` where it exists.
 *
 * @example
 * uuid4(); // '9ec79c33ec9942ab8353589fcb2e04dc'
 */
export function uuid4(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  let hex = '';
  for (const byte of bytes) hex += (byte < 16 ? '0' : '') + byte.toString(16);
  return hex;
}

function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  try {
    if (crypto && typeof crypto.getRandomValues === 'function') {
      crypto.getRandomValues(bytes);
      return bytes;
    }
  } catch {
    // Some sandboxes expose getRandomValues but refuse to run it: fall back below.
  }
  // Node 18 has no global `crypto`; ids only need to be unique, not secret.
  for (let i = 0; i < count; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}
