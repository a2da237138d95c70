// "Switching is a change of import": the apps in test/fixtures/dropin are written against
// @sentry/node and @sentry/browser the way Sentry's docs teach. One tsc run (strict, node16)
// compiles them as they are against Sentry's packages (so they are valid Sentry usage) and,
// with only `@sentry/` replaced by `@faultline/`, against our built declarations. The Node
// app then runs twice, once per SDK, each against an inbox: what a user set must arrive, and
// every event must look to the user as the one @sentry/node sent.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox } from '@faultline/inbox';
import type { Breadcrumb, EnvelopeItem, Event } from '@faultline/core';
import { assertBuilt, REPO_ROOT, runNode } from './helpers/node';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/dropin');
const TSC = join(REPO_ROOT, 'node_modules/typescript/lib/tsc.js');

let project: string;
let compiled: { status: number | null; output: string };

/** Where a Sentry package is installed (the bench workspace's dependency). */
function sentryPackage(name: string): string {
  const entry = createRequire(join(REPO_ROOT, 'bench/package.json')).resolve(`@sentry/${name}`);
  return entry.slice(0, entry.indexOf(`/@sentry/${name}/`) + `/@sentry/${name}`.length);
}

beforeAll(() => {
  assertBuilt();
  project = mkdtempSync(join(tmpdir(), 'faultline-dropin-'));
  for (const scope of ['@faultline', '@sentry', '@types']) mkdirSync(join(project, 'node_modules', scope), { recursive: true });
  for (const pkg of ['core', 'browser', 'node']) {
    symlinkSync(join(REPO_ROOT, 'packages', pkg), join(project, 'node_modules/@faultline', pkg), 'dir');
    symlinkSync(sentryPackage(pkg), join(project, 'node_modules/@sentry', pkg), 'dir');
  }
  symlinkSync(join(REPO_ROOT, 'node_modules/@types/node'), join(project, 'node_modules/@types/node'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'dropin', version: '1.0.0', private: true }));
  const files: string[] = [];
  for (const side of ['sentry', 'faultline']) mkdirSync(join(project, side));
  for (const name of readdirSync(FIXTURES)) {
    const source = readFileSync(join(FIXTURES, name), 'utf8');
    writeFileSync(join(project, 'sentry', name), source);
    writeFileSync(join(project, 'faultline', name), source.replaceAll("from '@sentry/", "from '@faultline/"));
    files.push(`sentry/${name}`, `faultline/${name}`);
  }
  const args = ['--strict', '--types', 'node', '--lib', 'es2022,dom', '--target', 'es2022', '--module', 'node16', '--moduleResolution', 'node16'];
  const result = spawnSync(process.execPath, [TSC, ...args, '--outDir', 'out', ...files], { cwd: project, encoding: 'utf8' });
  compiled = { status: result.status, output: `${result.stdout}${result.stderr}` };
}, 60_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('Sentry usage, compiled', () => {
  it('is valid @sentry/node and @sentry/browser usage', () => {
    expect(readdirSync(FIXTURES).length).toBeGreaterThanOrEqual(4);
    expect(compiled.output.split('\n').filter((line) => line.startsWith('sentry/'))).toEqual([]);
  });

  it('compiles against @faultline/node and @faultline/browser with only the import changed', () => {
    expect(compiled.output).toBe('');
    expect(compiled.status).toBe(0);
  });
});

interface AppRun {
  code: number | null;
  stderr: string;
  printed: Record<string, unknown>;
  /** The items of each envelope received, in order. */
  envelopes: EnvelopeItem[][];
}

/** Runs the compiled Node app of one side against its own inbox. */
async function runApp(side: 'sentry' | 'faultline'): Promise<AppRun> {
  const inbox = await startInbox({ port: 0, quiet: true });
  try {
    const run = await runNode(join(project, `out/${side}/node-app.mjs`), {
      cwd: project,
      // The offline queue's folder, if one is made, goes in the temporary project.
      env: { DROPIN_DSN: inbox.dsn, TMPDIR: project },
    });
    return { code: run.code, stderr: run.stderr, printed: JSON.parse(run.stdout || '{}'), envelopes: inbox.envelopes().map((envelope) => envelope.items) };
  } finally {
    await inbox.close();
  }
}

/** What a user sees of an event, without what each SDK adds on its own (runtime contexts, ids, times). */
function userView(event: Event, itemTypes: string[]): Record<string, unknown> {
  const { trace, runtime, app, os, device, culture, cloud_resource, feedback, ...contexts } = event.contexts ?? {};
  const crumbs = (Array.isArray(event.breadcrumbs) ? event.breadcrumbs : event.breadcrumbs?.values) as Breadcrumb[] | undefined;
  return {
    itemTypes,
    level: event.level,
    message: event.logentry?.message ?? event.message,
    exceptions: event.exception?.values?.map(({ type, value, mechanism }) => ({ type, value, mechanism })),
    // Sentry shows tag values as text: @sentry/node sends `setTag('shard', 3)` as a number
    // (the server converts it), we send "3" as the event schema asks.
    tags: event.tags && Object.fromEntries(Object.entries(event.tags).map(([key, value]) => [key, value === null ? null : String(value)])),
    user: event.user,
    extra: event.extra,
    contexts,
    feedback: feedback && { ...feedback, associated_event_id: undefined, source: undefined },
    fingerprint: event.fingerprint,
    breadcrumbs: crumbs?.map(({ timestamp, ...crumb }) => crumb),
    release: [event.release, event.environment, event.dist, event.server_name],
  };
}

/** The user view of every event and feedback of a run, in a stable order. */
function userViews(run: AppRun): Array<Record<string, unknown>> {
  const views = run.envelopes.flatMap((items) =>
    items
      .filter(([header]) => header.type === 'event' || header.type === 'feedback')
      .map(([, payload]) => userView(payload as Event, items.map(([header]) => String(header.type)))),
  );
  return views.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('the Node app with the import switched, against the inbox', () => {
  let faultline: AppRun;
  let sentry: AppRun;
  let items: EnvelopeItem[];
  let envelopes: EnvelopeItem[][];
  let printed: Record<string, unknown>;
  const events = (): Event[] => items.filter(([header]) => header.type === 'event').map(([, payload]) => payload as Event);
  const byStep = (step: string): Event => {
    const found = events().filter((event) => event.tags?.step === step);
    expect(found, `events tagged step=${step}`).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    [faultline, sentry] = await Promise.all([runApp('faultline'), runApp('sentry')]);
    expect(faultline.stderr).toBe('');
    expect(faultline.code).toBe(0);
    ({ printed, envelopes } = faultline);
    items = envelopes.flat();
  }, 30_000);

  it('sends what the same app sends with @sentry/node: every event as a user sees it', () => {
    expect(sentry.code).toBe(0);
    expect(userViews(sentry).length).toBeGreaterThan(10);
    expect(userViews(faultline)).toEqual(userViews(sentry));
    expect(faultline.printed).toEqual(sentry.printed);
  });

  it('sends every captured event and only those (beforeSend and ignoreErrors drop theirs, counted)', () => {
    const steps = events().map((event) => event.tags?.step ?? event.logentry?.message).sort();
    expect(steps).toEqual(
      ['callback', 'capture-context', 'declined', 'event', 'integration', 'isolated', 'linked', 'low stock', 'message-context', 'scope-capture', 'scoped', 'string'].sort(),
    );
    const reports = items.filter(([header]) => header.type === 'client_report').map(([, payload]) => payload as { discarded_events: unknown[] });
    expect(reports.flatMap((report) => report.discarded_events)).toEqual(
      expect.arrayContaining([
        { reason: 'before_send', category: 'error', quantity: 1 },
        { reason: 'event_processor', category: 'error', quantity: 1 },
      ]),
    );
  });

  it('init options, global setters and breadcrumbs arrive on the event', () => {
    const event = byStep('declined');
    expect(event).toMatchObject({ release: 'shop@2.4.1', environment: 'staging', dist: '7', server_name: 'checkout-1', level: 'error' });
    expect(event.user).toEqual({ id: 'u-81', email: 'ana@example.com', plan: 'pro' });
    expect(event.tags).toMatchObject({ service: 'checkout', region: 'eu', shard: '3', tier: 'gold', beta: 'true' });
    expect(event.extra).toEqual({ cart: { items: 2, total: 31.5 }, coupon: 'SPRING', attempts: 1 });
    expect(event.contexts?.payment).toEqual({ provider: 'acme', currency: 'EUR' });
    expect(event.contexts).not.toHaveProperty('scratch');
    // beforeBreadcrumb dropped the noise and added the hint's data.
    expect(event.breadcrumbs?.values?.map(({ category, message, level, type, data }) => ({ category, message, level, type, data }))).toEqual([
      { category: 'cart', message: 'added item', level: 'info', type: undefined, data: { sku: 'A1' } },
      { category: 'ui', message: 'pressed pay', level: undefined, type: 'user', data: { action: 'pay' } },
    ]);
  });

  it('beforeSend sees hint.originalException and its changes are sent', () => {
    const event = byStep('declined');
    expect(event.fingerprint).toEqual(['payment-declined', 'insufficient_funds']);
    expect(event.tags?.decline_code).toBe('insufficient_funds');
    expect(event.exception?.values?.[0]).toMatchObject({ type: 'PaymentDeclined', value: 'card declined: insufficient_funds' });
  });

  it('withScope: level, fingerprint, context, extra and an attachment in the same envelope', () => {
    const event = byStep('scoped');
    expect(event).toMatchObject({ level: 'warning', fingerprint: ['{{ default }}', 'cart-mismatch'], logentry: { message: 'cart total mismatch' } });
    expect(event.contexts?.cart).toEqual({ lines: 2 });
    expect(event.extra?.expected).toBe(31.5);
    const envelope = envelopes.find((list) => list.some(([, payload]) => payload === event))!;
    const [header, payload] = envelope.find(([itemHeader]) => itemHeader.type === 'attachment')!;
    expect(header).toMatchObject({ filename: 'cart.json', content_type: 'application/json', length: 11 });
    expect(new TextDecoder().decode(payload as Uint8Array)).toBe('{"lines":2}');
    expect(items.filter(([itemHeader]) => itemHeader.type === 'attachment')).toHaveLength(2);
  });

  it('capture context, a scope callback and a level as the second argument', () => {
    const context = byStep('capture-context');
    expect(context).toMatchObject({ level: 'fatal', fingerprint: ['quantity'], user: { id: 'u-99' }, contexts: { order: { id: 'o-5' } } });
    expect(context.extra?.quantity).toBe(-1);
    expect(byStep('callback').level).toBe('error');
    expect(events().find((event) => event.logentry?.message === 'low stock')?.level).toBe('info');
    expect(byStep('message-context')).toMatchObject({ level: 'debug', logentry: { message: 'stock sync' } });
    expect(byStep('event')).toMatchObject({ level: 'info', logentry: { message: 'manual event' }, extra: { source: 'cron' } });
    expect(byStep('string').exception?.values?.[0]).toMatchObject({ type: 'Error', value: 'a plain string was thrown' });
  });

  it('contextLinesIntegration({ frameContextLines }) sends that many lines around a frame', () => {
    const frames = byStep('declined').exception?.values?.[0]?.stacktrace?.frames ?? [];
    const app = frames.filter((frame) => frame.filename?.endsWith('node-app.mjs')).at(-1);
    expect(app?.context_line).toContain('PaymentDeclined');
    expect([app?.pre_context?.length, app?.post_context?.length]).toEqual([2, 2]);
  });

  it('linkedErrorsIntegration({ key }) follows that property for the chain', () => {
    expect(byStep('linked').exception?.values?.map(({ value, mechanism }) => [value, mechanism?.source])).toEqual([
      ['socket closed', 'inner'],
      ['checkout failed', undefined],
    ]);
  });

  it('isolation scope, a detached scope’s own capture and addIntegration', () => {
    const isolated = byStep('isolated');
    expect(isolated.user).toEqual({ id: 'request-user' });
    expect(isolated.breadcrumbs?.values ?? []).toEqual([]);
    expect(isolated.extra?.processedFor).toBe('inside a request');
    const detached = byStep('scope-capture');
    expect(detached.exception?.values?.[0]?.value).toBe('from a detached scope');
    expect(detached.release).toBe('shop@2.4.1');
    expect(byStep('integration').tags?.stamped).toBe('yes');
    // Only events captured after addIntegration are stamped.
    expect(byStep('declined').tags).not.toHaveProperty('stamped');
  });

  it('feedback is linked to lastEventId() of the first event and carries its screenshot', () => {
    const feedback = items.filter(([header]) => header.type === 'feedback').map(([, payload]) => payload as Event);
    expect(feedback).toHaveLength(1);
    const envelope = envelopes.find((list) => list.some(([, payload]) => payload === feedback[0]))!;
    expect(envelope.map(([header]) => [header.type, header.filename])).toEqual([['feedback', undefined], ['attachment', 'screenshot.txt']]);
    expect(feedback[0].contexts?.feedback).toMatchObject({
      message: 'Pay did nothing',
      name: 'Ana',
      contact_email: 'ana@example.com',
      associated_event_id: byStep('declined').event_id,
    });
  });

  it('the release-health session belongs to the user set after init', () => {
    const sessions = items.filter(([header]) => header.type === 'session').map(([, payload]) => payload as { did?: string; errors: number });
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.map((session) => session.did)).toEqual(sessions.map(() => 'u-81'));
    expect(sessions[sessions.length - 1].errors).toBeGreaterThan(0);
  });

  it('isInitialized, isEnabled, getClient().getDsn(), getScopeData() and close() answer as in Sentry', () => {
    expect(printed).toEqual({
      initialized: true,
      enabled: true,
      release: 'shop@2.4.1',
      dsnHost: '127.0.0.1',
      lastCrumb: 'pressed pay',
      isolationTags: { shard: 3, tier: 'gold', beta: true },
      closed: true,
      enabledAfterClose: false,
    });
  });
});
