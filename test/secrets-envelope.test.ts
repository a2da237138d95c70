// The planted-secrets corpus through a real Client, in every place an app puts data, down to
// the serialized envelope: with default options, none of it may arrive in any form.
import { describe, expect, it } from 'vitest';
import {
  Client,
  createStackParser,
  FILTERED,
  Scope,
  serializeEnvelope,
  v8StackLineParser,
  type Transport,
} from '@faultline/core';
import { leakedSecrets, plantedText, SECRETS, type PlantedSecret } from './fixtures/secrets';

type ScrubSettings = { sendDefaultPii?: boolean };

/** A client whose transport keeps the exact bytes a server would receive. */
function createClient(options: ScrubSettings): { client: Client; bodies: string[] } {
  const bodies: string[] = [];
  const transport = (): Transport => ({
    async send(envelope) {
      const body = serializeEnvelope(envelope);
      bodies.push(typeof body === 'string' ? body : new TextDecoder().decode(body));
      return { statusCode: 200 };
    },
    flush: async () => true,
  });
  const client = new Client({
    dsn: 'https://public@ingest.example.com/42',
    integrations: [],
    stackParser: createStackParser(v8StackLineParser),
    ...options,
    transport,
  });
  client.init();
  return { client, bodies };
}

/** A scope holding `text` in tags, extra, contexts, user, a breadcrumb and the request. */
function scopeWith(text: string): Scope {
  return new Scope()
    .setTag('note', text)
    .setExtra('note', text)
    .setExtra('job', { input: { note: text } })
    .setContext('sync', { lastError: text })
    .setUser({ id: '42', segment: text })
    .addBreadcrumb({ category: 'console', message: text, data: { arguments: [text] }, timestamp: 1764324000 })
    .addEventProcessor((event) => ({
      ...event,
      request: {
        url: `https://shop.example.com/sync?ref=${encodeURIComponent(text)}&page=1`,
        query_string: `ref=${encodeURIComponent(text)}&page=1`,
        headers: { 'User-Agent': 'Mozilla/5.0', 'X-Note': text.replace(/\n/g, ' ') },
        cookies: { note: text },
        data: { note: text },
      },
    }));
}

async function captureCorpus(options: ScrubSettings): Promise<string> {
  const { client, bodies } = createClient(options);
  SECRETS.forEach((secret: PlantedSecret) => {
    const text = plantedText(secret);
    client.captureException(new Error(`sync failed: ${text}`), undefined, scopeWith(text));
    client.captureMessage(`sync failed: ${text}`, 'error', undefined, scopeWith(text));
  });
  await client.flush(5000);
  expect(bodies).toHaveLength(2 * SECRETS.length);
  return bodies.join('\n');
}

describe('planted secrets never reach the serialized envelope', () => {
  it('with default options', async () => {
    const wire = await captureCorpus({});
    expect(leakedSecrets(wire).map((secret) => secret.kind)).toEqual([]);
    // The events themselves did arrive, readable around the filtered parts.
    expect(wire).toContain('sync failed: ');
    expect(wire).toContain(FILTERED);
    expect(wire).toContain('Mozilla/5.0');
  });

  it('with sendDefaultPii: true', async () => {
    const wire = await captureCorpus({ sendDefaultPii: true });
    expect(leakedSecrets(wire).map((secret) => secret.kind)).toEqual([]);
  });
});
