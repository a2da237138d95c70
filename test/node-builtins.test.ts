// The SDK fetches Node's built-in modules where it uses them (process.getBuiltinModule, which
// Node has since 20.16), not through imports, so an ES app does not pay for them at start-up.
// Older Node has no getBuiltinModule: the same event must arrive there too, from ESM and CJS.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from '@faultline/inbox';
import type { Inbox } from '@faultline/inbox';
import { assertBuilt, nodeFixture, runNode } from './helpers/node';

let inbox: Inbox;

beforeAll(async () => {
  assertBuilt();
  inbox = await startInbox({ port: 0, quiet: true });
});
afterAll(() => inbox.close());

/** Runs before the app, as if Node were older than 20.16. */
const WITHOUT_GET_BUILTIN_MODULE = ['--import', 'data:text/javascript,delete process.getBuiltinModule'];

const cases = [
  { fixture: 'builtins-app.mjs', nodeArgs: [], label: 'ESM' },
  { fixture: 'builtins-app.cjs', nodeArgs: [], label: 'CJS' },
  { fixture: 'builtins-app.mjs', nodeArgs: WITHOUT_GET_BUILTIN_MODULE, label: 'ESM without getBuiltinModule' },
  { fixture: 'builtins-app.cjs', nodeArgs: WITHOUT_GET_BUILTIN_MODULE, label: 'CJS without getBuiltinModule' },
];

describe('built-in modules', () => {
  for (const { fixture, nodeArgs, label } of cases) {
    it(`${label}: console breadcrumb, context lines, contexts and modules arrive`, async () => {
      const run = await runNode(nodeFixture(fixture), { nodeArgs, env: { SENTRY_DSN: inbox.dsn, SENTRY_ENVIRONMENT: label } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const event = inbox.events().find((e) => e.environment === label);
      expect(event?.breadcrumbs?.values).toContainEqual(expect.objectContaining({ category: 'console', message: 'hello 42' }));
      const frames = event?.exception?.values?.[0]?.stacktrace?.frames ?? [];
      expect(frames.at(-1)?.context_line).toContain("new Error('builtins check')");
      expect(event?.contexts).toMatchObject({ os: { name: expect.any(String) }, runtime: { name: 'node' } });
      expect(event?.modules).toMatchObject({ vitest: expect.any(String) });
    });
  }
});
