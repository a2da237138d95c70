// Crash-safe file writes: a reader sees the whole file or no file, never half of one.

import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes `bytes` to `tempPath`, flushes it to disk, then renames it to `finalPath`. */
export async function writeFileDurably(tempPath: string, finalPath: string, bytes: Uint8Array): Promise<void> {
  try {
    const file = await open(tempPath, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, finalPath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(finalPath));
}

/** Makes the rename itself durable. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
