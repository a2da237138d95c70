// The DSN public key: given, or kept in the data folder so a restart keeps the same DSN.

import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InboxStartError } from './errors';

// Characters that stay literal in the userinfo part of a URL.
const KEY_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;

export function assertValidKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new InboxStartError('--key must be 1 to 128 characters of A-Z a-z 0-9 . _ ~ -');
  }
}

/** Returns `given` if set, else the key stored in `dataDir`, else a new one it stores. */
export async function loadOrCreateKey(dataDir: string, given?: string): Promise<string> {
  if (given !== undefined) {
    assertValidKey(given);
    return given;
  }
  const file = join(dataDir, 'key');
  const stored = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (stored && KEY_PATTERN.test(stored)) return stored;
  const key = randomBytes(16).toString('hex');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}
