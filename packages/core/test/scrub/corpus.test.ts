// The shared planted-secrets corpus through the scrubber, in every place a value can sit.
import { describe, expect, it } from 'vitest';
import { leakedSecrets, plantedText, SECRETS } from '../../../../test/fixtures/secrets';
import { scrubEvent, scrubString } from '../../src/scrub/index';

describe('planted-secrets corpus', () => {
  it('holds at least 30 distinct kinds', () => {
    const kinds = new Set(SECRETS.map((secret) => secret.kind));
    expect(kinds.size).toBe(SECRETS.length);
    expect(kinds.size).toBeGreaterThanOrEqual(30);
    for (const secret of SECRETS) expect(plantedText(secret)).toContain(secret.value);
  });

  it('is detected by leakedSecrets in raw, JSON and URL-encoded form', () => {
    const all = SECRETS.map(plantedText).join('\n');
    expect(leakedSecrets(all)).toHaveLength(SECRETS.length);
    expect(leakedSecrets(JSON.stringify(all))).toHaveLength(SECRETS.length);
    expect(leakedSecrets(encodeURIComponent(all))).toHaveLength(SECRETS.length);
  });

  it.each(SECRETS.map((secret) => [secret.kind, secret] as const))('%s is filtered in text, URLs and headers', (_, secret) => {
    const text = plantedText(secret);
    const event = scrubEvent({
      message: `while syncing: ${text} (retrying)`,
      extra: { note: text },
      request: {
        url: `https://shop.example.com/debug?q=${encodeURIComponent(text)}&page=1`,
        headers: { 'X-Note': text.replace(/\n/g, ' ') },
      },
    });
    expect(leakedSecrets(scrubString(text)).map((leak) => leak.kind)).toEqual([]);
    expect(leakedSecrets(JSON.stringify(event)).map((leak) => leak.kind)).toEqual([]);
  });
});
