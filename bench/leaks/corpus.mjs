// The planted-secrets corpus of the tests (test/fixtures/secrets.ts), loaded from its
// TypeScript source: esbuild strips the types in memory, nothing is written to disk.

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/secrets.ts', import.meta.url));

/**
 * `{ SECRETS, plantedText, leakedSecrets }` of test/fixtures/secrets.ts.
 *
 * @example
 * const { SECRETS, leakedSecrets } = await loadCorpus();
 */
export async function loadCorpus() {
  const result = await build({ entryPoints: [FIXTURE], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'silent' });
  const code = Buffer.from(result.outputFiles[0].text).toString('base64');
  return import(`data:text/javascript;base64,${code}`);
}

/** A value fit for an HTTP header: one line (a PEM key's lines joined by spaces). */
export const oneLine = (text) => text.replace(/\s*\n\s*/g, ' ');
