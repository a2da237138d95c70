// A real Node process running a file built as `sentry-cli sourcemaps inject` leaves it: the
// event names the file with its debug id, so the server can find the source map.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInbox, type Inbox } from '@faultline/inbox';
import { assertBuilt, nodeFixture, runNode } from './helpers/node';

let inbox: Inbox;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ quiet: true });
});
afterAll(() => inbox?.close());

it('an error in an injected file arrives with that file and its debug id in debug_meta', async () => {
  const file = nodeFixture('debugids.cjs');
  const run = await runNode(file, { env: { SENTRY_DSN: inbox.dsn } });
  expect(run.code).toBe(0);
  await inbox.waitFor(1);
  const event = inbox.events().find((received) => received.exception?.values?.[0].value === 'node charge failed');
  expect(event?.debug_meta).toEqual({ images: [{ type: 'sourcemap', code_file: file, debug_id: '3d0e8f4a-72b6-4c19-9e5d-a8c1f0b2d7e4' }] });
  expect(event?.exception?.values?.[0].stacktrace?.frames?.at(-1)).toMatchObject({ filename: file, abs_path: file, function: 'charge' });
});
