// Build-time guard: no built file we ship (packages/*/dist: ESM, CJS, types, CDN bundles and
// their source maps) holds a credential. The patterns look for credential-SHAPED values (a
// prefix plus a realistic body), not bare prefixes: the scrubber's own source, which the
// source maps embed, names `sntrys_`, `ghp_` and `AKIA` as regex text and must not trip it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plantedText, SECRETS } from './fixtures/secrets';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What a leaked credential looks like; each body length is the vendor's real one (or a floor). */
const CREDENTIALS: Array<[kind: string, pattern: RegExp]> = [
  ['sentry org auth token', /\bsntrys_[A-Za-z0-9+/=_-]{60,}/],
  ['sentry user auth token', /\bsntryu_[a-f0-9]{64}\b/],
  // Userinfo characters of RFC 3986 (brackets and `${...}` placeholders are not), a digit in
  // the password: generated secrets have one, `user:[Filtered]` and `key:secret` in docs do not.
  ['URL or DSN with a secret', /\b[a-z][a-z0-9+.-]{1,20}:\/\/[\w.~%!&*+,;=-]{0,128}:(?=[\w.~%!&*+,;=-]{0,255}\d)[\w.~%!&*+,;=-]{8,256}@[\w.-]+/],
  // The key's base64 body must follow, raw or with escaped newlines as in a JS string.
  ['PEM private key', /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----(?:\s|\\[nr])*[A-Za-z0-9+/=]{40,}/],
  ['AWS access key id', /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/],
  ['AWS secret access key', /aws_secret_access_key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}\b/i],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['GitHub fine-grained token', /\bgithub_pat_[A-Za-z0-9_]{60,}/],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['Slack token', /\bxox[abposr]-\d{6,}-[A-Za-z0-9-]{10,}/],
  ['Slack webhook', /hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/],
  ['Stripe live key', /\b[rs]k_live_[A-Za-z0-9]{20,}/],
  ['Google API key', /\bAIza[A-Za-z0-9_-]{35}\b/],
  ['OpenAI or Anthropic key', /\bsk-(?:proj-|ant-api\d\d-)?[A-Za-z0-9_-]{40,}/],
  ['JWT', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/],
  ['SendGrid key', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/],
];

interface Finding {
  file: string;
  kind: string;
  /** The match, cut short so the report never prints a whole credential. */
  excerpt: string;
}

/** Every file below `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The credentials found in `files`, one finding per kind and file. */
function scan(files: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // A source map stores sources as JSON strings: scan the unescaped text as well.
    const texts = file.endsWith('.map') ? [text, JSON.stringify(JSON.parse(text).sourcesContent ?? []).replace(/\\n/g, '\n')] : [text];
    for (const [kind, pattern] of CREDENTIALS) {
      const match = texts.map((candidate) => pattern.exec(candidate)).find(Boolean);
      if (match) findings.push({ file: relative(ROOT, file), kind, excerpt: `${match[0].slice(0, 12)}...` });
    }
  }
  return findings;
}

function distFiles(): string[] {
  const packages = readdirSync(join(ROOT, 'packages'));
  return packages.flatMap((pkg) => {
    const dist = join(ROOT, 'packages', pkg, 'dist');
    try {
      return filesUnder(dist);
    } catch {
      return [];
    }
  });
}

describe('built packages hold no credentials', () => {
  it('scans a complete build: every package, the CDN bundles and the source maps', () => {
    const files = distFiles().map((file) => relative(ROOT, file));
    const expected = [
      'packages/core/dist/index.mjs',
      'packages/browser/dist/index.cjs',
      'packages/node/dist/index.mjs',
      'packages/inbox/dist/cli.mjs',
      'packages/browser/dist/bundles/faultline.min.js',
      'packages/browser/dist/bundles/faultline.min.js.map',
      'packages/core/dist/index.d.mts',
      'packages/node/dist/index.d.cts',
    ];
    expect(files, 'run `npm run build` first').toEqual(expect.arrayContaining(expected));
  });

  it('finds no credential-looking string in packages/*/dist', () => {
    expect(scan(distFiles())).toEqual([]);
  });
});

describe('the scanner itself', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-guard-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The corpus kinds a build could plausibly carry (config pasted into code, a test key).
  const GUARDED_KINDS: Array<[secretKind: string, findingKind: string]> = [
    ['sentry-org-token', 'sentry org auth token'],
    ['sentry-user-token', 'sentry user auth token'],
    ['dsn-secret-key', 'URL or DSN with a secret'],
    ['database-url-password', 'URL or DSN with a secret'],
    ['redis-url-password', 'URL or DSN with a secret'],
    ['pem-rsa-private-key', 'PEM private key'],
    ['pem-openssh-private-key', 'PEM private key'],
    ['aws-access-key-id', 'AWS access key id'],
    ['aws-secret-access-key', 'AWS secret access key'],
    ['github-classic-token', 'GitHub token'],
    ['github-oauth-token', 'GitHub token'],
    ['github-fine-grained-token', 'GitHub fine-grained token'],
    ['gitlab-token', 'GitLab token'],
    ['npm-token', 'npm token'],
    ['slack-bot-token', 'Slack token'],
    ['slack-user-token', 'Slack token'],
    ['slack-webhook', 'Slack webhook'],
    ['stripe-live-secret-key', 'Stripe live key'],
    ['stripe-restricted-key', 'Stripe live key'],
    ['google-api-key', 'Google API key'],
    ['openai-api-key', 'OpenAI or Anthropic key'],
    ['anthropic-api-key', 'OpenAI or Anthropic key'],
    ['jwt', 'JWT'],
    ['sendgrid-api-key', 'SendGrid key'],
  ];

  it.each(GUARDED_KINDS)('detects a planted %s in a bundle and in a source map', (secretKind, findingKind) => {
    const secret = SECRETS.find((candidate) => candidate.kind === secretKind);
    if (!secret) throw new Error(`${secretKind} is not in the corpus`);
    const text = plantedText(secret);
    const bundle = join(dir, `${secretKind}.js`);
    writeFileSync(bundle, `var config = ${JSON.stringify(text)};\n`);
    const map = join(dir, `${secretKind}.js.map`);
    writeFileSync(map, JSON.stringify({ version: 3, sources: ['app.ts'], sourcesContent: [`const config = \`${text}\`;`], mappings: '' }));
    expect(scan([bundle]).map((finding) => finding.kind)).toContain(findingKind);
    expect(scan([map]).map((finding) => finding.kind)).toContain(findingKind);
  });

  it('never prints a whole credential', () => {
    const file = join(dir, 'token.js');
    const token = SECRETS.find((candidate) => candidate.kind === 'sentry-user-token')!.value;
    writeFileSync(file, `export const token = '${token}';`);
    const [finding] = scan([file]);
    expect(finding.excerpt.length).toBeLessThan(20);
    expect(token).not.toContain(finding.excerpt.replace('...', 'x'));
  });

  it('does not flag the scrubber, whose patterns name the prefixes', () => {
    const scrubber = filesUnder(join(ROOT, 'packages/core/src/scrub'));
    expect(readFileSync(join(ROOT, 'packages/core/src/scrub/patterns.ts'), 'utf8')).toMatch(/sntry|ghp|AKIA|A\[KS\]IA/);
    expect(scan(scrubber)).toEqual([]);
  });

  it('does not flag DSNs without a secret or placeholder passwords in docs', () => {
    const file = join(dir, 'docs.js');
    writeFileSync(
      file,
      [
        "init({ dsn: 'https://3f9a0c7e5b2d4c1a8e6f0b9d7c5a3e1f@o450123.ingest.sentry.io/5501234' });",
        "// dsnToString(parseDsn('https://key:secret@host:8080/sub/7')) drops the secret",
        '// `${protocol}://${publicKey}:${secretKey}@${host}`',
      ].join('\n'),
    );
    expect(scan([file])).toEqual([]);
  });
});
