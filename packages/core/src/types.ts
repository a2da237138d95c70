// Public types shared by every package. The wire shapes follow the Sentry event protocol.

import type { ScopeUpdate } from './scope';

export type SeverityLevel = 'fatal' | 'error' | 'warning' | 'log' | 'info' | 'debug';

export interface StackFrame {
  filename?: string;
  abs_path?: string;
  function?: string;
  module?: string;
  lineno?: number;
  colno?: number;
  in_app?: boolean;
  pre_context?: string[];
  context_line?: string;
  post_context?: string[];
}

/** Parses an `error.stack` string into frames ordered caller -> callee. */
export type StackParser = (stack: string, skipFirstLines?: number) => StackFrame[];

/** Parses one line of a stack trace; `undefined` when the line is not a frame. */
export type StackLineParser = (line: string) => StackFrame | undefined;

export interface Mechanism {
  type: string;
  handled?: boolean;
  synthetic?: boolean;
  exception_id?: number;
  parent_id?: number;
  source?: string;
  is_exception_group?: boolean;
  data?: Record<string, unknown>;
}

export interface Exception {
  type?: string;
  value?: string;
  module?: string;
  mechanism?: Mechanism;
  stacktrace?: { frames?: StackFrame[] };
}

export interface Breadcrumb {
  type?: string;
  level?: SeverityLevel;
  category?: string;
  message?: string;
  data?: Record<string, unknown>;
  /** Seconds since the epoch, as a float. */
  timestamp?: number;
}

export interface BreadcrumbHint {
  [key: string]: unknown;
}

export interface User {
  id?: string | number;
  email?: string;
  username?: string;
  ip_address?: string | null;
  [key: string]: unknown;
}

export type Primitive = string | number | boolean | bigint | symbol | null | undefined;

export interface RequestData {
  url?: string;
  method?: string;
  query_string?: string | Record<string, string>;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  data?: unknown;
  env?: Record<string, string>;
}

export interface SdkInfo {
  name: string;
  version: string;
  integrations?: string[];
  packages?: { name: string; version: string }[];
}

/** A file the server needs debug information for: a `sourcemap` image ties a script to its source map. */
export interface DebugImage {
  type: 'sourcemap' | (string & {});
  code_file?: string;
  debug_id?: string;
  [key: string]: unknown;
}

/** A message with its template and parameters, as the server's `logentry`. */
export interface LogEntry {
  message?: string;
  formatted?: string;
  params?: unknown[];
}

export interface Event {
  event_id?: string;
  /** Seconds since the epoch, as a float. */
  timestamp?: number;
  platform?: string;
  level?: SeverityLevel;
  logger?: string;
  message?: string | LogEntry;
  /** What `message` becomes on the wire; set by the SDK just before sending. */
  logentry?: LogEntry;
  exception?: { values?: Exception[] };
  breadcrumbs?: { values?: Breadcrumb[] };
  user?: User;
  tags?: Record<string, Primitive>;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown> | undefined>;
  request?: RequestData;
  release?: string;
  environment?: string;
  dist?: string;
  server_name?: string;
  transaction?: string;
  fingerprint?: string[];
  modules?: Record<string, string>;
  debug_meta?: { images?: DebugImage[] };
  sdk?: SdkInfo;
  /** Only for `captureFeedback`; turned into a `feedback` item. */
  type?: 'feedback';
}

/** An error or message event: what `beforeSend` is given (Sentry's name). */
export interface ErrorEvent extends Event {
  type?: undefined;
}

/** What a caller knows about an event besides the event itself. */
export interface EventHint {
  event_id?: string;
  originalException?: unknown;
  syntheticException?: Error;
  mechanism?: Partial<Mechanism>;
  attachments?: Attachment[];
  data?: unknown;
  captureContext?: CaptureContext;
}

export interface Attachment {
  filename: string;
  data: string | Uint8Array;
  contentType?: string;
  attachmentType?: string;
}

/** Extra scope data passed straight to a capture call. */
export interface ScopeContext {
  user?: User;
  level?: SeverityLevel;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  tags?: Record<string, Primitive>;
  fingerprint?: string[];
}
export type CaptureContext = Partial<ScopeContext>;

// ---- envelopes -------------------------------------------------------------

export type EnvelopeItemType =
  | 'event'
  | 'attachment'
  | 'session'
  | 'sessions'
  | 'client_report'
  | 'feedback'
  | 'user_report'
  | 'transaction'
  | (string & {});

export interface EnvelopeHeaders {
  event_id?: string;
  sent_at?: string;
  dsn?: string;
  sdk?: { name: string; version: string };
  [key: string]: unknown;
}

export interface EnvelopeItemHeaders {
  type: EnvelopeItemType;
  length?: number;
  filename?: string;
  content_type?: string;
  attachment_type?: string;
  [key: string]: unknown;
}

/**
 * An item payload: a JSON value (serialized with JSON.stringify), a string (sent as its
 * UTF-8 bytes) or raw bytes.
 */
export type EnvelopeItemPayload = unknown;
export type EnvelopeItem = [headers: EnvelopeItemHeaders, payload: EnvelopeItemPayload];
export type Envelope = [headers: EnvelopeHeaders, items: EnvelopeItem[]];

// ---- outcomes and transports ----------------------------------------------

/** Rate-limit / client-report category of an envelope item. */
export type DataCategory =
  | 'default'
  | 'error'
  | 'transaction'
  | 'attachment'
  | 'session'
  | 'internal'
  | 'feedback'
  | 'security'
  | 'profile'
  | 'replay'
  | 'monitor'
  | (string & {});

export type Outcome =
  | 'before_send'
  | 'event_processor'
  | 'network_error'
  | 'queue_overflow'
  | 'ratelimit_backoff'
  | 'sample_rate'
  | 'send_error'
  | 'internal_sdk_error'
  | 'cache_overflow';

export interface DiscardedEvent {
  reason: Outcome;
  category: DataCategory;
  quantity: number;
}

export interface ClientReport {
  /** Seconds since the epoch. */
  timestamp: number;
  discarded_events: DiscardedEvent[];
}

export type RecordDroppedEvent = (reason: Outcome, category: DataCategory, quantity?: number) => void;

export interface TransportRequest {
  body: string | Uint8Array;
}

export interface TransportResponse {
  statusCode?: number;
  /** Lower-case header names. */
  headers?: Record<string, string | null | undefined>;
}

/** Platform-specific sender used by `createTransport`. Rejects on a network failure. */
export type TransportRequestExecutor = (request: TransportRequest) => Promise<TransportResponse>;

export interface Transport {
  /** Never rejects; resolves with the server's answer when there was one. */
  send(envelope: Envelope): Promise<TransportResponse | void>;
  /** `true` when everything queued was sent before `timeoutMs`. Never rejects. */
  flush(timeoutMs?: number): Promise<boolean>;
}

/** Why a send failed, as told to `onFailedSend`. */
export interface SendFailure {
  kind: 'network' | 'status';
  statusCode?: number;
  /** From `Retry-After`, when the server sent one. */
  retryAfterMs?: number;
}

export interface BaseTransportOptions {
  /** Where envelopes go: already resolved from the DSN or tunnel. */
  url: string;
  recordDroppedEvent: RecordDroppedEvent;
  /** Most requests held at once; past it an envelope is dropped as `queue_overflow`. */
  bufferSize?: number;
  /**
   * Offered an envelope that failed for a reason worth retrying (network error, timeout,
   * 408, 5xx); returning `true` takes it over (e.g. an offline queue) and nothing is recorded.
   */
  onFailedSend?: (envelope: Envelope, failure: SendFailure) => boolean;
  /** Offered an envelope that found the buffer full; `true` takes it over, else `queue_overflow`. */
  onOverflow?: (envelope: Envelope) => boolean;
  /** Extra platform-specific options (headers, proxy, offline queue...). */
  [key: string]: unknown;
}

// ---- integrations and options ---------------------------------------------

export interface Integration {
  name: string;
  /** Runs once per process, for global patches and handlers. */
  setupOnce?(): void;
  /** Runs for every client the integration is added to. */
  setup?(client: ClientLike): void;
  /** Runs on every event; return `null` to drop it (counted as `event_processor`). */
  processEvent?(event: Event, hint: EventHint, client: ClientLike): Event | null | PromiseLike<Event | null>;
}

/** The part of `Client` that integrations and transports may rely on. */
export interface ClientLike {
  getOptions(): ClientOptions;
  captureException(exception: unknown, hint?: EventHint): string;
  captureMessage(message: string, level?: SeverityLevel, hint?: EventHint): string;
  captureEvent(event: Event, hint?: EventHint): string;
  recordDroppedEvent: RecordDroppedEvent;
  sendEnvelope(envelope: Envelope): Promise<TransportResponse | void>;
  flush(timeoutMs?: number): Promise<boolean>;
}

export type EventProcessor = (event: Event, hint: EventHint) => Event | null | PromiseLike<Event | null>;

/** Options a user passes to `init`, Sentry-compatible names and meanings. */
export interface Options {
  dsn?: string;
  release?: string;
  /** Defaults to "production". */
  environment?: string;
  dist?: string;
  /** 0..1, default 1. */
  sampleRate?: number;
  /** Default 100. */
  maxBreadcrumbs?: number;
  attachStacktrace?: boolean;
  /** Default false: no IP, cookies or request bodies. */
  sendDefaultPii?: boolean;
  /** A method, so a callback typed with Sentry's `ErrorEvent` fits too. */
  beforeSend?(event: Event, hint: EventHint): Event | null | PromiseLike<Event | null>;
  beforeBreadcrumb?: (breadcrumb: Breadcrumb, hint?: BreadcrumbHint) => Breadcrumb | null;
  ignoreErrors?: Array<string | RegExp>;
  denyUrls?: Array<string | RegExp>;
  allowUrls?: Array<string | RegExp>;
  /** An array (added to / replacing the defaults by name) or a function of the defaults. */
  integrations?: Integration[] | ((defaults: Integration[]) => Integration[]);
  /** `false` turns every default integration off. */
  defaultIntegrations?: Integration[] | false;
  transport?: (options: BaseTransportOptions) => Transport;
  transportOptions?: Record<string, unknown>;
  tunnel?: string;
  debug?: boolean;
  enabled?: boolean;
  /** Scope data, a scope, or a function given the scope at init (as in Sentry). */
  initialScope?: ScopeUpdate;
  /** Default 250 characters. */
  maxValueLength?: number;
  /** Default 3. */
  normalizeDepth?: number;
  /** Default 1000. */
  normalizeMaxBreadth?: number;
  serverName?: string;
  /** Milliseconds, default 2000. */
  shutdownTimeout?: number;
  /** Default true. */
  sendClientReports?: boolean;
  /** Extra key names whose values are replaced by "[Filtered]". */
  denyKeys?: Array<string | RegExp>;
  /** Default true: credential-looking values are replaced by "[Filtered]" anywhere. */
  scrubSecrets?: boolean;
  /** Default true: release-health sessions. */
  autoSessionTracking?: boolean;
  // Sentry's tracing, profiling and replay options: accepted, so a Sentry setup compiles
  // unchanged, and ignored (Faultline reports errors, not performance).
  /** Ignored: no tracing. */
  tracesSampleRate?: number;
  /** Ignored: no tracing. */
  tracesSampler?: (context: never) => unknown;
  /** Ignored: no tracing. */
  tracePropagationTargets?: Array<string | RegExp>;
  /** Ignored: no profiling. */
  profilesSampleRate?: number;
  /** Ignored: no session replay. */
  replaysSessionSampleRate?: number;
  /** Ignored: no session replay. */
  replaysOnErrorSampleRate?: number;
}

/** Options after the platform has filled in everything it owns. */
export interface ClientOptions extends Omit<Options, 'integrations' | 'defaultIntegrations' | 'transport'> {
  integrations: Integration[];
  transport: (options: BaseTransportOptions) => Transport;
  stackParser: StackParser;
  /** SDK identity sent in every envelope and event. */
  _metadata?: { sdk?: SdkInfo };
  /** "javascript" or "node". */
  platform?: string;
}
