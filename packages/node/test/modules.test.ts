import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ClientLike, Event } from '@faultline/core';
import { modulesIntegration } from '../src/integrations/modules';

const installed = (name: string): string =>
  JSON.parse(readFileSync(`${process.cwd()}/node_modules/${name}/package.json`, 'utf8')).version;

describe('modulesIntegration', () => {
  it("lists the app's dependencies with installed versions, read once", async () => {
    // vitest starts from inside node_modules, so the app is the working directory (the repo).
    const integration = modulesIntegration();
    const first = (await integration.processEvent!({}, {}, {} as ClientLike)) as Event;
    expect(first.modules?.vitest).toBe(installed('vitest'));
    expect(first.modules?.typescript).toBe(installed('typescript'));
    const second = integration.processEvent!({ modules: { own: '1.0.0' } }, {}, {} as ClientLike) as Event;
    expect(second.modules).toMatchObject({ own: '1.0.0', vitest: installed('vitest') });
  });

  it('reads the modules right after setup, so the first event need not wait', async () => {
    const integration = modulesIntegration();
    integration.setup!({} as ClientLike);
    // Ample time for a few small reads; without the early load the first event would wait.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const event = integration.processEvent!({}, {}, {} as ClientLike) as Event;
    expect(event.modules?.vitest).toBe(installed('vitest'));
  });

  it('lets only a few events wait while reading; the others go on without modules', async () => {
    const integration = modulesIntegration();
    const results = Array.from({ length: 20 }, () => integration.processEvent!({}, {}, {} as ClientLike));
    const waited = results.filter((result) => result instanceof Promise);
    expect(waited).toHaveLength(8);
    for (const result of results.filter((r) => !(r instanceof Promise))) expect((result as Event).modules).toBeUndefined();
    for (const result of await Promise.all(waited)) expect((result as Event).modules?.vitest).toBe(installed('vitest'));
  });
});
