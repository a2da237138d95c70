// The global API (Sentry-compatible names). Every function catches its own failures: a
// call into the SDK never throws at the app, whatever it is given.

import { getAsyncContextStrategy, getGlobalScope } from './asynccontext';
import { Client } from './client';
import { logger } from './logger';
import { truncate } from './normalize';
import { isThenable } from './pipeline';
import { copyRecord, isError, isScope } from './scope';
import type { Scope, ScopeUpdate } from './scope';
import { closeSession, makeSession, updateSession } from './session';
import type { Session, SessionContext } from './session';
import type {
  Breadcrumb,
  BreadcrumbHint,
  CaptureContext,
  ClientOptions,
  Event,
  EventHint,
  Integration,
  Primitive,
  SeverityLevel,
  User,
} from './types';
import { uuid4 } from './uuid';

/** Runs `run`; a throw is logged and `fallback()` (or `undefined`) returned instead. */
function guarded<T>(name: string, run: () => T): T | undefined;
function guarded<T>(name: string, run: () => T, fallback: () => T): T;
function guarded<T>(name: string, run: () => T, fallback?: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    logger.warn(`${name} failed:`, error);
    return fallback?.();
  }
}

const noop = (): void => undefined;

/**
 * Creates a client from complete options, makes it the current client and sets up its
 * integrations. Platform packages call this from their `init`.
 *
 * @example
 * initAndBind({ dsn, transport, stackParser, integrations: [], initialScope: { tags: { shop: 'eu' } } });
 */
export function initAndBind(options: ClientOptions): Client | undefined {
  return guarded(
    'init',
    () => {
      const client = new Client(options);
      getCurrentScope().setClient(client);
      // The global scope is the fallback for code running outside every forked scope.
      getGlobalScope().setClient(client);
      client.init();
      // As in Sentry: a closed client reads as disabled (`isEnabled()`).
      client.on('close', () => void (client.getOptions().enabled = false));
      const { initialScope } = client.getOptions();
      if (initialScope) getCurrentScope().update(initialScope);
      return client;
    },
  );
}

/** The client of the current scope. */
export function getClient<C extends Client = Client>(): C | undefined {
  return guarded(
    'getClient',
    () => (getCurrentScope().getClient<C>() ?? getGlobalScope().getClient<C>()) as C | undefined,
  );
}

/**
 * Makes a client created by hand the current one (then call `client.init()`), as in Sentry.
 *
 * @example
 * const client = new Client({ dsn, transport, stackParser, integrations: [] });
 * setCurrentClient(client);
 * client.init();
 */
export function setCurrentClient(client: Client): void {
  guarded('setCurrentClient', () => getCurrentScope().setClient(client));
}

/**
 * Whether `init` created a client (even a disabled one: no DSN gives no client).
 *
 * @example
 * if (!isInitialized()) init({ dsn });
 */
export function isInitialized(): boolean {
  return guarded('isInitialized', () => getClient() !== undefined) ?? false;
}

/**
 * Whether events are being sent: a client with a valid DSN, not disabled, not closed.
 *
 * @example
 * if (isEnabled()) captureMessage('reporting works');
 */
export function isEnabled(): boolean {
  return guarded('isEnabled', () => {
    const client = getClient();
    return client !== undefined && client.getOptions().enabled !== false && client.getTransport() !== undefined;
  }) ?? false;
}

/**
 * Adds an integration to the current client after `init`, e.g. one loaded lazily.
 *
 * @example
 * addIntegration({ name: 'Stamp', processEvent: (event) => ({ ...event, tags: { ...event.tags, stamp: '1' } }) });
 */
export function addIntegration(integration: Integration): void {
  guarded('addIntegration', () => {
    if (typeof integration !== 'object' || integration === null || typeof integration.name !== 'string') {
      logger.warn('addIntegration needs an integration with a `name`.');
      return;
    }
    getClient()?.addIntegration(integration);
  });
}

/** The scope of the current `withScope` callback (or the root scope). */
export function getCurrentScope(): Scope {
  return getAsyncContextStrategy().getCurrentScope();
}

/** The scope of the current request (Node) or page (browser); global setters write here. */
export function getIsolationScope(): Scope {
  return getAsyncContextStrategy().getIsolationScope();
}

/**
 * Captures a thrown value. The second argument is a hint or scope data for this event only.
 *
 * @example
 * try { pay(); } catch (error) { captureException(error, { tags: { step: 'pay' } }); }
 */
export function captureException(exception: unknown, hintOrContext?: EventHint | ScopeUpdate): string {
  // Created here so its innermost frame is this function, which the event builder removes.
  const syntheticException = isError(exception) ? undefined : new Error();
  return guarded(
    'captureException',
    () => {
      const hint = toHint(hintOrContext);
      if (syntheticException && !hint.syntheticException) hint.syntheticException = syntheticException;
      return getClient()?.captureException(exception, hint) ?? uuid4();
    },
    uuid4,
  );
}

/**
 * Captures a message; the second argument is a level or scope data for this event only.
 *
 * @example
 * captureMessage('cart is empty', 'warning');
 */
export function captureMessage(message: string, levelOrContext?: SeverityLevel | ScopeUpdate): string {
  const syntheticException = getClient()?.getOptions().attachStacktrace ? new Error() : undefined;
  return guarded(
    'captureMessage',
    () => {
      const level = typeof levelOrContext === 'string' ? levelOrContext : undefined;
      const hint = typeof levelOrContext === 'string' ? {} : toHint(levelOrContext);
      hint.syntheticException = syntheticException;
      return getClient()?.captureMessage(message, level, hint) ?? uuid4();
    },
    uuid4,
  );
}

/**
 * Captures a ready-made event.
 *
 * @example
 * captureEvent({ message: 'manual event', level: 'info' });
 */
export function captureEvent(event: Event, hint?: EventHint): string {
  return guarded('captureEvent', () => getClient()?.captureEvent(event, hint) ?? uuid4(), uuid4);
}

export interface FeedbackParams {
  message: string;
  name?: string;
  email?: string;
  url?: string;
  source?: string;
  associatedEventId?: string;
  tags?: Record<string, Primitive>;
}

/**
 * Sends user feedback, optionally linked to an event, with the data of `scope` (default:
 * the current scope) and its client; returns the feedback's id.
 *
 * @example
 * captureFeedback({ message: 'The pay button does nothing', email: 'ana@example.com', associatedEventId: lastEventId() });
 */
export function captureFeedback(params: FeedbackParams, hint?: EventHint, scope?: Scope): string {
  return guarded(
    'captureFeedback',
    () => {
      const { message, name, email, url, source = 'api', associatedEventId, tags } = copyRecord(params);
      if (typeof message !== 'string' || message === '') {
        logger.warn('Feedback not sent: no `message`.');
        return uuid4();
      }
      const feedback = withoutUndefined({
        message,
        contact_email: email,
        name,
        url,
        source,
        associated_event_id: associatedEventId,
      });
      const event: Event = { type: 'feedback', level: 'info', contexts: { feedback } };
      if (tags) event.tags = tags;
      const client = (isScope(scope) && scope.getClient<Client>()) || getClient();
      return client?.captureEvent(event, hint, scope) ?? uuid4();
    },
    uuid4,
  );
}

/**
 * Records a breadcrumb on the isolation scope, after `beforeBreadcrumb` (a `null` result
 * or a throw drops it).
 *
 * @example
 * addBreadcrumb({ category: 'auth', message: 'signed in', level: 'info' });
 */
export function addBreadcrumb(breadcrumb: Breadcrumb, hint?: BreadcrumbHint): void {
  guarded(
    'addBreadcrumb',
    () => {
      const options = getClient()?.getOptions();
      const maxBreadcrumbs = options?.maxBreadcrumbs ?? 100;
      if (maxBreadcrumbs <= 0) return;
      let crumb: Breadcrumb | null = { timestamp: Date.now() / 1000, ...copyRecord(breadcrumb) };
      if (options?.beforeBreadcrumb) {
        try {
          crumb = options.beforeBreadcrumb(crumb, hint);
        } catch (error) {
          logger.warn('Breadcrumb dropped: `beforeBreadcrumb` threw.', error);
          return;
        }
      }
      if (isThenable(crumb)) {
        logger.warn('Breadcrumb dropped: `beforeBreadcrumb` returned a promise.');
        // The app's rejected promise would otherwise surface as an unhandled rejection.
        Promise.resolve(crumb).then(undefined, noop);
        return;
      }
      if (typeof crumb !== 'object' || crumb === null) return;
      crumb = copyRecord(crumb);
      if (typeof crumb.message === 'string') crumb.message = truncate(crumb.message, options?.maxValueLength ?? 250);
      getIsolationScope().addBreadcrumb(crumb, maxBreadcrumbs);
    },
  );
}

type ScopeSetter = 'setUser' | 'setTag' | 'setTags' | 'setExtra' | 'setExtras' | 'setContext' | 'addEventProcessor';

/** A global function that calls the isolation scope's setter of the same name. */
function isolationSetter<K extends ScopeSetter>(name: K): (...args: Parameters<Scope[K]>) => void {
  return (...args) => void guarded(name, () => (getIsolationScope()[name] as (...a: unknown[]) => Scope)(...args));
}

/**
 * Sets the user on the isolation scope; `null` removes it.
 *
 * @example
 * setUser({ id: '42', email: 'ana@example.com' });
 */
export const setUser = /* #__PURE__ */ isolationSetter('setUser');

/** Sets a tag on the isolation scope. */
export const setTag = /* #__PURE__ */ isolationSetter('setTag');

/** Sets tags on the isolation scope. */
export const setTags = /* #__PURE__ */ isolationSetter('setTags');

/** Sets an extra value on the isolation scope. */
export const setExtra = /* #__PURE__ */ isolationSetter('setExtra');

/** Sets extra values on the isolation scope. */
export const setExtras = /* #__PURE__ */ isolationSetter('setExtras');

/** Sets a named context on the isolation scope; `null` removes it. */
export const setContext = /* #__PURE__ */ isolationSetter('setContext');

/**
 * Runs `processor` on every later event of the isolation scope (in Node: this request);
 * it may change the event or return `null` to drop it.
 *
 * @example
 * addEventProcessor((event) => (event.tags?.synthetic ? null : event));
 */
export const addEventProcessor = /* #__PURE__ */ isolationSetter('addEventProcessor');

/**
 * Runs `callback` with a fork of the current scope, for sync and async callbacks alike;
 * returns what the callback returns. Errors of the callback itself reach the caller.
 *
 * @example
 * withScope((scope) => { scope.setTag('job', 'sync'); captureException(error); });
 */
export function withScope<T>(callback: (scope: Scope) => T): T {
  return forked('withScope', callback);
}

/**
 * Runs `callback` with a fork of the isolation scope, e.g. one per request.
 *
 * @example
 * withIsolationScope(() => handleRequest(req, res));
 */
export function withIsolationScope<T>(callback: (scope: Scope) => T): T {
  return forked('withIsolationScope', callback);
}

/** Runs `callback` in the strategy's fork of that name; a non-function only warns. */
function forked<T>(name: 'withScope' | 'withIsolationScope', callback: (scope: Scope) => T): T {
  if (typeof callback !== 'function') {
    logger.warn(`${name} needs a callback.`);
    return undefined as T;
  }
  return getAsyncContextStrategy()[name](callback);
}

/** The id of the last event captured in this isolation scope. */
export function lastEventId(): string | undefined {
  return guarded('lastEventId', () => getIsolationScope().getLastEventId());
}

/**
 * Waits until queued events are sent or `timeoutMs` passed (none or 0: no deadline, as in
 * Sentry's SDKs); `false` without a client or when the deadline came first.
 *
 * @example
 * await flush(2000);
 */
export function flush(timeoutMs?: number): Promise<boolean> {
  return Promise.resolve(guarded('flush', () => getClient()?.flush(timeoutMs)) ?? false);
}

/**
 * Flushes and turns the client off; later captures do nothing.
 *
 * @example
 * await close(2000);
 */
export function close(timeoutMs?: number): Promise<boolean> {
  return Promise.resolve(guarded('close', () => getClient()?.close(timeoutMs)) ?? false);
}

/**
 * Starts a release-health session on the isolation scope, ending the previous one.
 *
 * @example
 * startSession({ user_agent: navigator.userAgent });
 */
export function startSession(context: SessionContext = {}): Session | undefined {
  return guarded(
    'startSession',
    () => {
      const options = getClient()?.getOptions();
      const scope = getIsolationScope();
      const user = getCurrentScope().getUser() ?? scope.getUser();
      const session = makeSession({
        release: options?.release,
        environment: options?.environment ?? 'production',
        user_agent: userAgent(),
        did: user?.id ?? user?.email ?? user?.username,
        ...copyRecord(context),
      });
      endSession();
      scope.setSession(session);
      return session;
    },
  );
}

/** Ends the current session (`exited` unless it crashed) and sends it. */
export function endSession(): void {
  guarded(
    'endSession',
    () => {
      const scope = getIsolationScope();
      const session = scope.getSession();
      if (!session) return;
      closeSession(session);
      getClient()?.captureSession(session);
      scope.setSession(undefined);
    },
  );
}

/** Sends the current session as it is now; with `end: true`, ends it first. */
export function captureSession(end = false): void {
  guarded(
    'captureSession',
    () => {
      if (end) return endSession();
      const session = getIsolationScope().getSession();
      if (session) getClient()?.captureSession(updateSession(session));
    },
  );
}

const CAPTURE_CONTEXT_KEYS = ['user', 'level', 'extra', 'contexts', 'tags', 'fingerprint'];

/** Tells a hint from scope data, the way Sentry's second capture argument works. */
function toHint(value: EventHint | CaptureContext | ScopeUpdate | undefined): EventHint {
  if (!value) return {};
  if (isScope(value) || typeof value === 'function') return { captureContext: value as CaptureContext };
  const copy = copyRecord(value as object);
  const isContext = Object.keys(copy).some((key) => CAPTURE_CONTEXT_KEYS.includes(key));
  return isContext ? { captureContext: copy as CaptureContext } : (copy as EventHint);
}

function userAgent(): string | undefined {
  try {
    const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
    return typeof agent === 'string' ? agent : undefined;
  } catch {
    return undefined;
  }
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) result[key] = value;
  return result;
}
