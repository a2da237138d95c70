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
});
