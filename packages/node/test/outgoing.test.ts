// Outgoing-request breadcrumbs in this process. Diagnostics channel subscriptions last for
// the process, so the test without breadcrumbs runs first.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, get } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureException } from '@faultline/core';
import type { Event } from '@faultline/core';
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

/** Breadcrumb URLs of an event captured after an http.get and a fetch to each path. */
async function crumbUrlsAfterRequests(client: { flush(timeout: number): PromiseLike<boolean> }, events: () => Event[], paths: string[]) {
  for (const path of paths) {
    await new Promise<void>((resolve, reject) => get(`${url}${path}`, (response) => response.resume().on('end', resolve)).on('error', reject));
    await (await fetch(`${url}${path}`)).text();
  }
  captureException(new Error('after the requests'));
  await client.flush(1000);
  return (events()[0].breadcrumbs?.values ?? []).map((crumb) => [crumb.category, crumb.data?.url, crumb.data?.['http.query']]);
}

describe('httpIntegration and nativeNodeFetchIntegration', () => {
  it('record no breadcrumbs with breadcrumbs: false', async () => {
    const { client, events } = initNodeTest([httpIntegration({ breadcrumbs: false }), nativeNodeFetchIntegration({ breadcrumbs: false })]);
    expect(await crumbUrlsAfterRequests(client, events, ['/a'])).toEqual([]);
  });

  it('record none for requests ignoreOutgoingRequests returns true for (it sees the query; one that throws skips none)', async () => {
    const seen: unknown[] = [];
    const ignoreHttp = (target: string, request: { method?: string; path?: string | null }) => {
      seen.push([target, request.method, request.path]);
      if (target.endsWith('/broken')) throw new Error('bad filter');
      return target.includes('skip=1');
    };
    const { client, events } = initNodeTest([
      httpIntegration({ ignoreOutgoingRequests: ignoreHttp }),
      nativeNodeFetchIntegration({ ignoreOutgoingRequests: (target) => target.includes('skip=1') }),
    ]);
    expect(await crumbUrlsAfterRequests(client, events, ['/health?skip=1', '/cart?page=2', '/broken'])).toEqual([
      ['http', `${url}/cart`, '?page=2'],
      ['http', `${url}/cart`, '?page=2'],
      ['http', `${url}/broken`, undefined],
      ['http', `${url}/broken`, undefined],
    ]);
    expect(seen[0]).toEqual([`${url}/health?skip=1`, 'GET', '/health?skip=1']);
  });
});
