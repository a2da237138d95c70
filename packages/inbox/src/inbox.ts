// `startInbox`: a local Sentry-protocol receiver for development and tests.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { InboxContext } from './context';
import { InboxStartError } from './errors';
import { formatEventLine } from './eventline';
import { eventRefs, pageRefs, receivedEvent } from './events';
import { isLoopback, reachableHost, unbracket } from './host';
import { loadOrCreateKey } from './key';
import { createScript } from './script';
import { createRequestHandler } from './server';
import { EnvelopeStore } from './store';
import type { Inbox, InboxOptions, RecordedRequest, StoredEnvelope } from './types';
import { Waiters } from './waiters';

const DEFAULT_WAIT_MS = 10_000;

/**
 * Starts the inbox and resolves once it listens. It accepts what Sentry SDKs send to a DSN
 * (`POST /api/<project>/envelope/` and `/store/`), stores each envelope durably in
 * `dataDir`, and serves them back: `GET /` (HTML), `GET /api/<project>/events/` (JSON).
 * Throws `InboxStartError` for a port in use, an unusable data folder or a bad option.
 *
 * `respond` scripts the answers for fault-injection tests: a list of `ScriptedResponse`,
 * used one per ingest request in order, or a function of the request. A non-2xx or dropped
 * answer stores nothing unless it says `store: true`.
 *
 * @example
 * const inbox = await startInbox({ quiet: true });
 * init({ dsn: inbox.dsn });
 * captureException(new Error('boom'));
 * const [event] = await inbox.waitFor(1);
 * await inbox.close();
 *
 * @example
 * // First attempt rate-limited, second dropped, then normal answers.
 * const inbox = await startInbox({
 *   respond: [{ status: 429, headers: { 'Retry-After': '1' } }, { destroy: true }],
 * });
 */
export async function startInbox(options: InboxOptions = {}): Promise<Inbox> {
  const { port = 0, host = '127.0.0.1', quiet = false } = options;
  checkPort(port);
  if (!isLoopback(host) && options.key === undefined) {
    throw new InboxStartError(`refusing to listen on ${host}, which is not loopback, without an explicit key (--key)`);
  }
  const bindHost = host === 'localhost' ? '127.0.0.1' : unbracket(host);
  const temporary = options.dataDir === undefined;
  const dataDir = resolve(options.dataDir ?? (await mkdtemp(join(tmpdir(), 'faultline-inbox-'))));
  const { store, key } = await openDataDir(dataDir, options.key, quiet);

  const recorded: RecordedRequest[] = [];
  const waiters = new Waiters();
  const closing = new AbortController();
  const context: InboxContext = {
    key,
    dsn: '',
    bindHost,
    store,
    script: createScript(options.respond),
    ingestCount: 0,
    closing: closing.signal,
    onStored(envelope) {
      if (!quiet) printEvents(envelope);
      waiters.notify();
    },
    onRequest(record) {
      recorded.push(record);
      waiters.notify();
    },
  };
  const server = createServer(createRequestHandler(context));
  const boundPort = await listen(server, port, bindHost, host);
  const url = `http://${reachableHost(bindHost)}:${boundPort}`;
  context.dsn = `http://${key}@${reachableHost(bindHost)}:${boundPort}/1`;

  const events = () => eventRefs(store.all()).map(receivedEvent);
  const envelopes = () => store.all();
  const requests = () => recorded.slice();
  let closed: Promise<void> | undefined;
  return {
    dsn: context.dsn,
    url,
    port: boundPort,
    key,
    dataDir,
    events,
    envelopes,
    requests,
    waitFor: (count, timeoutMs = DEFAULT_WAIT_MS) => waiters.wait(events, count, timeoutMs, 'events'),
    waitForEnvelopes: (count, timeoutMs = DEFAULT_WAIT_MS) => waiters.wait(envelopes, count, timeoutMs, 'envelopes'),
    waitForRequests: (count, timeoutMs = DEFAULT_WAIT_MS) => waiters.wait(requests, count, timeoutMs, 'requests'),
    close: () =>
      (closed ??= (async () => {
        closing.abort();
        waiters.failAll(new Error('the inbox was closed'));
        const stopped = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        await stopped;
        await store.close();
        if (temporary) await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InboxStartError(`--port must be a whole number from 0 to 65535, got ${String(port)}`);
  }
}

async function openDataDir(dataDir: string, givenKey: string | undefined, quiet: boolean) {
  try {
    await mkdir(dataDir, { recursive: true });
    const key = await loadOrCreateKey(dataDir, givenKey);
    const { store, unreadable } = await EnvelopeStore.open(dataDir);
    if (unreadable.length && !quiet) {
      process.stderr.write(`faultline-inbox: skipped ${unreadable.length} unreadable file(s) in ${join(dataDir, 'envelopes')}\n`);
    }
    return { store, key };
  } catch (error) {
    if (error instanceof InboxStartError) throw error;
    throw new InboxStartError(`cannot use the data folder ${dataDir}: ${(error as Error).message}`);
  }
}

function listen(server: Server, port: number, bindHost: string, shownHost: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => fail(new InboxStartError(listenProblem(error, port, shownHost))));
    server.listen(port, bindHost, () => done((server.address() as AddressInfo).port));
  });
}

function listenProblem(error: NodeJS.ErrnoException, port: number, host: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (choose another with --port, or --port 0 for a free one)`;
    case 'EACCES':
      return `not allowed to listen on port ${port} (ports below 1024 need privileges)`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${host}: not an address of this machine`;
    default:
      return `cannot listen on ${host}:${port}: ${error.message}`;
  }
}

function printEvents(envelope: StoredEnvelope): void {
  for (const { event } of pageRefs([envelope])) {
    process.stdout.write(`${formatEventLine(event, new Date(envelope.received))}\n`);
  }
}
