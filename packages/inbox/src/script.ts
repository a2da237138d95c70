// Fault injection: turns the `respond` option into one scripted answer per ingest request.

import type { Respond, ScriptedAnswer, ScriptedRequest, ScriptedResponse } from './types';

export type Script = (request: ScriptedRequest) => Promise<ScriptedResponse | undefined>;

export function createScript(respond: Respond | undefined): Script {
  if (!respond) return async () => undefined;
  if (Array.isArray(respond)) return async ({ index }) => checked(respond[index]);
  return async (request) => checked(await respond(request));
}

/** Whether the scripted request is stored: when asked, else when the answer is a 2xx. */
export function shouldStore(spec: ScriptedResponse): boolean {
  if (spec.store !== undefined) return spec.store;
  return !spec.destroy && (spec.status === undefined || (spec.status >= 200 && spec.status < 300));
}

function checked(spec: ScriptedAnswer): ScriptedResponse | undefined {
  if (spec === null || spec === undefined) return undefined;
  const { status, delayMs } = spec;
  if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
    throw new Error(`respond: status must be an integer from 100 to 599, got ${String(status)}`);
  }
  if (delayMs !== undefined && !(delayMs >= 0)) throw new Error(`respond: delayMs must be >= 0, got ${String(delayMs)}`);
  return spec;
}
