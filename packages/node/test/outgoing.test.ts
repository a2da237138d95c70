// Outgoing-request breadcrumbs in this process. Diagnostics channel subscriptions last for
// the process, so the test without breadcrumbs runs first.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, get } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureException } from '@faultline/core';
import { nativeNodeFetchIntegration } from '../src/integrations/fetch';
import { httpIntegration } from '../src/integrations/http';
import { initNodeTest, resetGlobals } from './helpers';

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(resetGlobals);

/** Breadcrumbs of an event captured after one http.get and one fetch. */
async function crumbsAfterRequests(client: { flush(timeout: number): PromiseLike<boolean> }, events: () => Array<{ breadcrumbs?: { values?: unknown[] } }>) {
  await new Promise<void>((resolve, reject) => get(`${url}/via-http`, (response) => response.resume().on('end', resolve)).on('error', reject));
  await (await fetch(`${url}/via-fetch`)).text();
  captureException(new Error('after two requests'));
  await client.flush(1000);
  return events()[0].breadcrumbs?.values ?? [];
}

describe('httpIntegration and nativeNodeFetchIntegration', () => {
  it('record no breadcrumbs with breadcrumbs: false', async () => {
    const { client, events } = initNodeTest([httpIntegration({ breadcrumbs: false }), nativeNodeFetchIntegration({ breadcrumbs: false })]);
    expect(await crumbsAfterRequests(client, events)).toEqual([]);
  });

  it('record one breadcrumb per request by default', async () => {
    const { client, events } = initNodeTest([httpIntegration(), nativeNodeFetchIntegration()]);
    const crumbs = (await crumbsAfterRequests(client, events)) as Array<{ data?: { url?: string } }>;
    expect(crumbs.map((crumb) => crumb.data?.url)).toEqual([`${url}/via-http`, `${url}/via-fetch`]);
  });
});
