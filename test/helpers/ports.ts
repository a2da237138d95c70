// A port on 127.0.0.1 that nothing listens on, for a server that is down (and may come up later).

import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A free port, found by listening on port 0 and closing again.
 *
 * @example
 * const port = await freePort(); // a refused DSN now, an inbox later: startInbox({ port })
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
