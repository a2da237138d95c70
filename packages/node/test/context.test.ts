import { describe, expect, it, vi } from 'vitest';
import { hostname } from 'node:os';
import type { ClientLike, ClientOptions, Event } from '@faultline/core';
import { nodeContextIntegration } from '../src/integrations/context';

async function run(options: Partial<ClientOptions>, event: Event = {}): Promise<Event> {
  const client = { getOptions: () => options } as ClientLike;
  return (await nodeContextIntegration().processEvent!(event, {}, client)) as Event;
}

describe('nodeContextIntegration', () => {
  it('adds os, runtime, app, device and culture contexts', async () => {
    const { contexts } = await run({});
    expect(contexts?.runtime).toEqual({ name: 'node', version: process.version });
    expect(contexts?.app).toMatchObject({ app_start_time: expect.any(String), app_memory: expect.any(Number) });
    expect(contexts?.device).toMatchObject({ arch: process.arch, processor_count: expect.any(Number), memory_size: expect.any(Number) });
    expect(contexts?.os).toMatchObject({ name: expect.any(String), kernel_version: expect.any(String) });
    expect(contexts?.culture).toMatchObject({ timezone: expect.any(String) });
  });

  it('in a burst before /etc/os-release was read, events that cannot wait still get every other context', async () => {
    const integration = nodeContextIntegration();
    const client = { getOptions: () => ({}) } as ClientLike;
    const results = Array.from({ length: 12 }, () => integration.processEvent!({}, {}, client));
    const waited = results.filter((result) => result instanceof Promise);
    expect(waited).toHaveLength(8);
    const onTheirWay = results.filter((result) => !(result instanceof Promise)) as Event[];
    expect(onTheirWay).toHaveLength(4);
    for (const { contexts } of onTheirWay) {
      expect(contexts?.runtime).toEqual({ name: 'node', version: process.version });
      expect(contexts?.device).toMatchObject({ arch: process.arch, processor_count: expect.any(Number) });
      expect(contexts?.os).toMatchObject({ kernel_version: expect.any(String) });
      expect(contexts?.os).not.toHaveProperty('version');
    }
    const [first] = (await Promise.all(waited)) as Event[];
    if (process.platform === 'linux') expect(first.contexts?.os).toMatchObject({ version: expect.any(String) });
    expect(first.contexts?.runtime).toEqual({ name: 'node', version: process.version });
  });

  it('keeps what the event already has', async () => {
    const { contexts } = await run({}, { contexts: { runtime: { name: 'bun' }, app: { app_name: 'shop' } } });
    expect(contexts?.runtime).toEqual({ name: 'bun', version: process.version });
    expect(contexts?.app?.app_name).toBe('shop');
  });

  it('sets server_name from serverName, from the host name only with sendDefaultPii', async () => {
    expect((await run({})).server_name).toBeUndefined();
    expect((await run({ sendDefaultPii: true })).server_name).toBe(hostname());
    expect((await run({ serverName: 'web-1' })).server_name).toBe('web-1');
    expect((await run({ sendDefaultPii: true }, { server_name: 'own' })).server_name).toBe('own');
  });

  it('without Intl (Node built without ICU) events keep their other contexts', async () => {
    vi.resetModules();
    vi.stubGlobal('Intl', undefined);
    try {
      const { nodeContextIntegration: fresh } = await import('../src/integrations/context');
      const client = { getOptions: () => ({}) } as ClientLike;
      const { contexts } = (await fresh().processEvent!({}, {}, client)) as Event;
      expect(contexts?.runtime).toEqual({ name: 'node', version: process.version });
      expect(contexts?.culture).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('device context on a machine that reports no CPU speed', () => {
  it('leaves processor_frequency out instead of sending "[undefined]"', async () => {
    const os = process.getBuiltinModule('node:os');
    const cpus = os.cpus();
    const spy = vi.spyOn(os, 'cpus').mockReturnValue(cpus.map((cpu) => ({ ...cpu, speed: 0 })));
    try {
      const { initNodeTest, resetGlobals } = await import('./helpers');
      resetGlobals();
      const { client, events } = initNodeTest([nodeContextIntegration()]);
      client.captureMessage('no cpu speed');
      await client.flush(2000);
      const device = events()[0]?.contexts?.device;
      expect(device).toMatchObject({ processor_count: cpus.length });
      expect(device).not.toHaveProperty('processor_frequency');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('cloud_resource context', () => {
  it('is added on a known cloud', async () => {
    vi.stubEnv('FLY_REGION', 'ams');
    try {
      expect((await run({})).contexts?.cloud_resource).toEqual({ 'cloud.provider': 'fly.io', 'cloud.region': 'ams' });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
