// Event and session ids: 32 lowercase hex characters with the version-4 bits set.

type Crypto = { randomUUID?: () => string; getRandomValues?: (array: Uint8Array) => Uint8Array };

/**
 * A random version-4 UUID without dashes: `crypto.randomUUID` where it exists (fast, and
 * batched by the engine), else `crypto.getRandomValues`, else `Math.random`.
 *
 * @example
 * uuid4(); // '9ec79c33ec9942ab8353589fcb2e04dc'
 */
export function uuid4(): string {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  try {
    if (crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  } catch {
    // Only in secure contexts; elsewhere it may be missing or throw: fall back below.
  }
  const bytes = randomBytes(crypto);
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  let hex = '';
  for (const byte of bytes) hex += (byte < 16 ? '0' : '') + byte.toString(16);
  return hex;
}

function randomBytes(crypto: Crypto | undefined): Uint8Array {
  const bytes = new Uint8Array(16);
  try {
    if (crypto && typeof crypto.getRandomValues === 'function') return crypto.getRandomValues(bytes) && bytes;
  } catch {
    // Some sandboxes expose getRandomValues but refuse to run it: fall back below.
  }
  // Node 18 has no global `crypto`; ids only need to be unique, not secret.
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}
