// The Client: turns captures into envelopes for its transport, never throwing at the app.

import { envelopeUrl } from './api';
import { getAsyncContextStrategy, getGlobalScope } from './asynccontext';
import { createClientReportAggregator, createClientReportEnvelope } from './clientreport';
import { withDebugImages } from './debugids';
import { dsnToString } from './dsn';
import { dsnFromOption } from './dsncheck';
import type { Dsn } from './dsn';
import { eventFromException, eventFromMessage } from './eventbuilder';
import { createEventEnvelope, createSessionEnvelope } from './eventenvelope';
import { fitEventToSize } from './eventsize';
import { setupIntegrations } from './integrations/setup';
import { logger } from './logger';
import { runSteps, SETTLED } from './pipeline';
import type { Step } from './pipeline';
import { validateOptions } from './options';
import { applyClientOptions, applyScopeData, mergeScopes, toWireEvent } from './prepareevent';
import { copyRecord, isScope } from './scope';
import type { Scope } from './scope';
import { scrubEvent } from './scrub/index';
import { updateSessionFromEvent } from './session';
import type { Session } from './session';
import type {
  Attachment,
  ClientLike,
  ClientOptions,
  DataCategory,
  Envelope,
  Event,
  EventHint,
  Integration,
  Outcome,
  SdkInfo,
  SeverityLevel,
  Transport,
  TransportResponse,
} from './types';
import { uuid4 } from './uuid';
import { SDK_VERSION } from './version';
import { backgroundTimer, settledWithin } from './wait';

/** Hooks platform packages and integrations can listen to with `client.on`. */
export interface ClientHooks {
  /** Before any processing; the event may be changed in place. */
  preprocessEvent: (event: Event, hint: EventHint) => void;
  /** After an event was handed to the transport. */
  afterSendEvent: (event: Event, response: TransportResponse | void) => void;
  /** Before any envelope goes to the transport. An event item's payload is its JSON text. */
  beforeEnvelope: (envelope: Envelope) => void;
  flush: () => void;
  close: () => void;
}

// Between flushes, outcomes go out at most once a minute: one report per interval.
const CLIENT_REPORT_INTERVAL_MS = 60_000;
const DEFAULT_SDK: SdkInfo = { name: 'faultline.javascript.core', version: SDK_VERSION };

/**
 * Captures errors, messages and events and sends them through its transport. Invalid
 * options or DSN leave it disabled: every method then does nothing and never throws.
 *
 * @example
 * const client = new Client({ dsn, transport: makeFetchTransport, stackParser, integrations: [] });
 * client.init();
 * client.captureException(new Error('boom'));
 * await client.flush(2000);
 */
export class Client implements ClientLike {
  private readonly options: ClientOptions;
  private readonly dsn?: Dsn;
  private readonly transport?: Transport;
  private integrations: Record<string, Integration> = {};
  private hooks: { [K in keyof ClientHooks]?: Array<ClientHooks[K]> } = {};
  private closed = false;
  private processing = new Set<PromiseLike<void>>();
  private outcomes = createClientReportAggregator();
  private reportTimer?: ReturnType<typeof setTimeout>;
  private sdkInfo?: SdkInfo;

  constructor(options: ClientOptions) {
    const valid = (this.options = validateOptions(options));
    if (valid.enabled === false) return;
    this.dsn = dsnFromOption(valid.dsn);
    if (!this.dsn) return;
    try {
      this.transport = valid.transport({
        ...valid.transportOptions,
        url: envelopeUrl(this.dsn, { sdk: this.sdk(), tunnel: valid.tunnel }),
        recordDroppedEvent: this.recordDroppedEvent,
      });
    } catch (error) {
      logger.warn('Transport not created; nothing will be sent:', error);
    }
  }

  /** Sets up the integrations: `setupOnce` once per process, `setup` for this client. */
  init(): void {
    if (!this.isEnabled()) return;
    this.integrations = setupIntegrations(this, this.options.integrations ?? []);
    this.sdkInfo = undefined;
  }

  /** Adds one integration after `init`. */
  addIntegration(integration: Integration): void {
    if (!this.isEnabled()) return;
    this.integrations = { ...this.integrations, ...setupIntegrations(this, [integration]) };
    this.sdkInfo = undefined;
  }

  getIntegrationByName<T extends Integration = Integration>(name: string): T | undefined {
    return this.integrations[name] as T | undefined;
  }

  getOptions(): ClientOptions {
    return this.options;
  }

  getDsn(): Dsn | undefined {
    return this.dsn;
  }

  getTransport(): Transport | undefined {
    return this.transport;
  }

  /**
   * Captures a thrown value; returns the event id (also when the event is dropped).
   *
   * @example
   * client.captureException(error, { mechanism: { type: 'onerror', handled: false } });
   */
  captureException(exception: unknown, hint?: EventHint, scope?: Scope): string {
    const fullHint: EventHint = { ...copyRecord(hint), originalException: exception };
    return this.capture(fullHint, scope, () => eventFromException(this.options, exception, fullHint));
  }

  /**
   * Captures a message at `level` (default `info`).
   *
   * @example
   * client.captureMessage('payment retried', 'warning');
   */
  captureMessage(message: string, level?: SeverityLevel, hint?: EventHint, scope?: Scope): string {
    const fullHint: EventHint = { ...copyRecord(hint), originalException: message };
    if (this.options.attachStacktrace && !fullHint.syntheticException) fullHint.syntheticException = new Error();
    return this.capture(fullHint, scope, () => eventFromMessage(this.options, message, level, fullHint));
  }

  /**
   * Captures a ready-made event (a `type: 'feedback'` event becomes a feedback item).
   *
   * @example
   * client.captureEvent({ message: 'manual', level: 'info', tags: { area: 'cart' } });
   */
  captureEvent(event: Event, hint?: EventHint, scope?: Scope): string {
    return this.capture(copyRecord(hint), scope, () => copyRecord(event), event);
  }

  /** Sends a session update; sessions without a release are not sent. */
  captureSession(session: Session): void {
    if (!this.isEnabled()) return;
    this.guard(() => {
      if (!session.release) {
        logger.warn('Session not sent: no `release`.');
        return;
      }
      const envelope = createSessionEnvelope(session, this.envelopeContext());
      session.init = false;
      void this.sendEnvelope(envelope);
    });
  }

  /** Hands an envelope to the transport; never rejects. */
  sendEnvelope(envelope: Envelope): Promise<TransportResponse | void> {
    if (!this.transport || this.closed) return SETTLED;
    this.emit('beforeEnvelope', envelope);
    try {
      const sending = this.transport.send(envelope);
      // A spilled envelope's shared settled promise needs no handler: in a burst one per
      // event would wait in the microtask queue until the app's loop ends.
      return sending === SETTLED ? SETTLED : sending.then(undefined, (error) => logger.warn('Transport failed:', error));
    } catch (error) {
      logger.warn('Transport failed:', error);
      return SETTLED;
    }
  }

  /** Counts a dropped item for the next client report. */
  recordDroppedEvent = (reason: Outcome, category: DataCategory, quantity = 1): void => {
    if (!this.options.sendClientReports || quantity <= 0) return;
    this.outcomes.record(reason, category, quantity);
    if (!this.reportTimer && !this.closed) {
      this.reportTimer = backgroundTimer(() => this.sendClientReport(), CLIENT_REPORT_INTERVAL_MS);
    }
  };

  /**
   * Waits until captured events are processed and sent, or `timeoutMs` passed (none or
   * not positive: as long as it takes); `true` when everything went out. Sends pending
   * client reports.
   */
  async flush(timeoutMs?: number): Promise<boolean> {
    try {
      timeoutMs = toTimeout(timeoutMs);
      const deadline = Date.now() + timeoutMs!;
      this.emit('flush');
      const processed = await settledWithin(Promise.all(this.processing), timeoutMs);
      this.sendClientReport();
      if (!this.transport) return processed;
      // At least 1 ms: the transport would read 0 as "no deadline".
      const left = timeoutMs && Math.max(1, deadline - Date.now());
      return (await this.transport.flush(left)) && processed;
    } catch (error) {
      logger.warn('Flush failed:', error);
      return false;
    }
  }

  /** Flushes, then turns the client off for good: later captures do nothing. */
  async close(timeoutMs?: number): Promise<boolean> {
    const result = await this.flush(typeof timeoutMs == 'number' && timeoutMs >= 0 ? timeoutMs : this.options.shutdownTimeout);
    this.closed = true;
    clearTimeout(this.reportTimer);
    this.emit('close');
    return result;
  }

  /**
   * Listens to a hook; returns a function that stops listening.
   *
   * @example
   * client.on('beforeEnvelope', (envelope) => console.log(envelope[0].event_id));
   */
  on<K extends keyof ClientHooks>(hook: K, callback: ClientHooks[K]): () => void {
    const list = (this.hooks[hook] ??= []) as Array<ClientHooks[K]>;
    list.push(callback);
    return () => {
      const index = list.indexOf(callback);
      if (index !== -1) list.splice(index, 1);
    };
  }

  /** Calls every listener of a hook; a throwing listener is logged and skipped. */
  emit<K extends keyof ClientHooks>(hook: K, ...args: Parameters<ClientHooks[K]>): void {
    for (const callback of (this.hooks[hook] ?? []).slice()) {
      try {
        (callback as (...params: Parameters<ClientHooks[K]>) => void)(...args);
      } catch (error) {
        logger.warn(`A \`${hook}\` hook threw:`, error);
      }
    }
  }

  private isEnabled(): boolean {
    return !this.closed && this.transport !== undefined;
  }

  private sdk(): SdkInfo {
    const sdk = this.options._metadata?.sdk ?? DEFAULT_SDK;
    return (this.sdkInfo ??= { ...sdk, integrations: Object.keys(this.integrations) });
  }

  private envelopeContext(): { sdk: SdkInfo; dsn?: Dsn; tunnel?: string } {
    return { sdk: this.sdk(), dsn: this.dsn, tunnel: this.options.tunnel };
  }

  /**
   * Gives the hint the event id the capture returns (so the event gets the same), then
   * builds and processes the event; a throw anywhere drops it as an SDK error.
   */
  private capture(hint: EventHint, scope: Scope | undefined, build: () => Event, event?: Event): string {
    let eventId: unknown;
    try {
      eventId = hint.event_id ?? event?.event_id;
    } catch {
      // A hostile event: a fresh id below.
    }
    hint.event_id = typeof eventId === 'string' && /^[0-9a-f]{32}$/.test(eventId) ? eventId : uuid4();
    if (this.isEnabled()) this.guard(() => this.process(build(), hint, scope));
    return hint.event_id;
  }

  private guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      logger.warn('Event dropped: SDK error:', error);
      this.recordDroppedEvent('internal_sdk_error', 'error');
    }
  }

  /** Builds the steps for one event and runs them; async only when a step returns a promise. */
  private process(event: Event, hint: EventHint, scope: Scope | undefined): void {
    const options = this.options;
    const strategy = getAsyncContextStrategy();
    const isolationScope = strategy.getIsolationScope();
    let currentScope = isScope(scope) ? scope : strategy.getCurrentScope();
    if (hint.captureContext) currentScope = currentScope.clone().update(hint.captureContext);
    const data = mergeScopes([getGlobalScope(), isolationScope, currentScope]);
    const isFeedback = event.type === 'feedback';

    event.event_id = hint.event_id;
    applyClientOptions(event, hint, options, this.sdk());
    applyScopeData(event, data, options.maxBreadcrumbs ?? 100);
    if (!isFeedback) isolationScope.setLastEventId(event.event_id);

    // The scope's attachments join the hint's, as in Sentry: processors and beforeSend may
    // add, replace or remove files through `hint.attachments`; what it holds at the end goes.
    hint.attachments = [...data.attachments, ...(Array.isArray(hint.attachments) ? hint.attachments : [])];
    const attachments = (): Attachment[] => (Array.isArray(hint.attachments) ? hint.attachments.filter(isAttachment) : []);
    const step = (label: string, run: Step['run'], outcome: Outcome = 'event_processor'): Step => ({ label, outcome, run });
    const steps = [step('a preprocessEvent hook', (e) => (this.emit('preprocessEvent', e, hint), e))];
    for (const processor of data.eventProcessors) steps.push(step('an event processor', (e) => processor(e, hint)));
    for (const integration of Object.values(this.integrations)) {
      if (typeof integration.processEvent === 'function') {
        steps.push(step(`integration ${integration.name}`, (e) => integration.processEvent!(e, hint, this)));
      }
    }
    // Debug ids after the processors (linked errors add frames), before scrubbing and
    // beforeSend; bounds and scrubs in one walk that copies the event.
    steps.push(step('scrubbing', (e) => scrubEvent(withDebugImages(e, options.stackParser), options), 'internal_sdk_error'));
    if (!isFeedback) {
      const { sampleRate = 1, beforeSend } = options;
      steps.push(
        step('sampleRate', (e) => (sampleRate >= 1 || Math.random() < sampleRate ? e : null), 'sample_rate'),
        step('beforeSend', (e) => (beforeSend ? beforeSend(e, hint) : e), 'before_send'),
      );
    }

    const session = currentScope.getSession() ?? isolationScope.getSession();
    const send = (final: Event): void => this.send(final, attachments(), session);
    const drop = (outcome: Outcome): void => {
      this.recordDroppedEvent(outcome, isFeedback ? 'feedback' : 'error');
      this.recordDroppedEvent(outcome, 'attachment', attachments().length);
    };
    const pending = runSteps(event, steps, 0, send, drop);
    if (pending) {
      this.processing.add(pending);
      pending.then(() => this.processing.delete(pending));
    }
  }

  private send(processed: Event, attachments: Attachment[], session: Session | undefined): void {
    // Last guard: valid JSON under the server's size limit, whatever beforeSend returned.
    const { event, json } = fitEventToSize(toWireEvent(processed));
    if (session && event.type !== 'feedback' && updateSessionFromEvent(session, event)) this.captureSession(session);
    const envelope = createEventEnvelope(event, { sdk: this.sdk(), dsn: this.dsn, tunnel: this.options.tunnel, attachments, json });
    const sending = this.sendEnvelope(envelope);
    // Only a listener may keep the event alive until the answer: in a synchronous burst
    // nothing is answered before the loop ends, so every event would wait in memory.
    if (this.hooks.afterSendEvent?.length) void sending.then((response) => this.emit('afterSendEvent', event, response));
  }

  private sendClientReport(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    const discarded = this.outcomes.take();
    if (discarded.length === 0 || !this.transport) return;
    const dsn = this.options.tunnel && this.dsn ? dsnToString(this.dsn) : undefined;
    void this.sendEnvelope(createClientReportEnvelope(discarded, { dsn, timestamp: Date.now() / 1000 }));
  }
}

/** A filename and text or bytes; anything else would break the whole envelope. */
function isAttachment(value: unknown): value is Attachment {
  try {
    const { filename, data } = value as Attachment;
    if (typeof filename === 'string' && (typeof data === 'string' || data instanceof Uint8Array)) return true;
  } catch {
    // A hostile object: not an attachment.
  }
  logger.warn('Attachment dropped: needs a string `filename` and string or Uint8Array `data`.');
  return false;
}

/** A positive number of milliseconds, or `undefined`: wait as long as it takes. */
function toTimeout(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}
