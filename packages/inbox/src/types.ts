// Public types of @faultline/inbox.

import type { EnvelopeHeaders, EnvelopeItem, Event } from '@faultline/core';

/** What a `respond` script sees of an ingest request. */
export interface ScriptedRequest {
  /** 0 for the first ingest POST (`/envelope/` or `/store/`) whose body could be read, then 1, 2... */
  index: number;
  method: string;
  /** The path without the query string, e.g. `/api/1/envelope/`. */
  path: string;
  /** The full request target, query string included. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body after Content-Encoding was decoded. */
  body: Uint8Array;
}

/**
 * A scripted answer. Every field is optional: `{}` is the normal answer.
 * - `status`: the status code to send (default: what the inbox would answer);
 * - `headers`: extra response headers, e.g. `{ 'X-Sentry-Rate-Limits': '60:error:key' }`;
 * - `delayMs`: wait this long before answering (the envelope is stored first, if stored);
 * - `destroy`: drop the connection instead of answering;
 * - `store`: store the envelope (default: only when the answer is 2xx and not destroyed).
 */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
  destroy?: boolean;
  store?: boolean;
}

/** A scripted answer, or nothing for the normal answer. */
export type ScriptedAnswer = ScriptedResponse | null | undefined | void;

/**
 * Fault injection: a function called per ingest request (it may be async) (return nothing for the normal
 * answer), or a list of answers used one per ingest request, in order, then normal answers.
 */
export type Respond =
  | ((request: ScriptedRequest) => ScriptedAnswer | Promise<ScriptedAnswer>)
  | Array<ScriptedResponse | null | undefined>;

export interface InboxOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. Another interface than loopback requires `key`. */
  host?: string;
  /** Where envelopes and the key are kept. Default: a fresh temp folder, removed by `close()`. */
  dataDir?: string;
  /** The DSN public key. Default: the one kept in `dataDir`, generated on first run. */
  key?: string;
  /** Scripted answers for fault-injection tests. */
  respond?: Respond;
  /** Default false: print one line per received event or user feedback to stdout. */
  quiet?: boolean;
}

/** One stored envelope as the inbox parsed it. */
export interface StoredEnvelope {
  /** Storage id, also the name of its file without `.envelope`. */
  id: string;
  /** The numeric project id from the request path, as a string. */
  project: string;
  /** When the inbox stored it, ISO 8601. */
  received: string;
  headers: EnvelopeHeaders;
  /** JSON items parsed; attachments and unknown types as `Uint8Array`. */
  items: EnvelopeItem[];
  /** The stored bytes: the request body after decoding (a `/store/` event is wrapped). */
  body: Uint8Array;
}

/** An event payload as it arrived, plus `received` (ISO 8601) set by the inbox. */
export type ReceivedEvent = Event & { received: string; [key: string]: unknown };

/** One request the inbox answered (every method except GET and HEAD). */
export interface RecordedRequest {
  method: string;
  path: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decoded body; empty when it could not be read or decoded. */
  body: Uint8Array;
  /** The status sent; 0 when the connection was dropped on purpose. */
  status: number;
  /** ISO 8601. */
  received: string;
}

export interface Inbox {
  /** `http://<key>@127.0.0.1:<port>/1` */
  dsn: string;
  /** `http://127.0.0.1:<port>`: the HTML page, and the base of the JSON endpoints. */
  url: string;
  port: number;
  key: string;
  dataDir: string;
  /** Every stored event (all projects), oldest first. */
  events(): ReceivedEvent[];
  /** Every stored envelope (all projects), oldest first. */
  envelopes(): StoredEnvelope[];
  /** Every non-GET request answered, oldest first, rejected ones included. */
  requests(): RecordedRequest[];
  /** Resolves with `events()` once at least `count` are stored; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  /** Resolves with `envelopes()` once at least `count` are stored; rejects after `timeoutMs`. */
  waitForEnvelopes(count: number, timeoutMs?: number): Promise<StoredEnvelope[]>;
  /** Resolves with `requests()` once at least `count` were answered; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Stops listening, drops open connections; removes the data folder only if it was a temp one. */
  close(): Promise<void>;
}
