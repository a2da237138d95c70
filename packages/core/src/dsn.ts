// DSN parsing: `{protocol}://{publicKey}[:{secretKey}]@{host}[:{port}]{path}/{projectId}`.
// One anchored regex splits the parts in linear time on any input; each part is then
// checked on its own, so a failure names the rule it broke.
// Stricter than Sentry's SDKs on purpose (init warns with the rule under `debug`, and the
// SDK stays off rather than sending to a guessed place): project ids like `12a` or `1.5`
// (@sentry/core would send to project 12 or 1), a query or fragment (both ignore it),
// port 0 or over 65535, an upper-case scheme, and whitespace (init trims it around the
// DSN with a warning first).

/** A parsed DSN. */
export interface Dsn {
  protocol: 'http' | 'https';
  publicKey: string;
  /** Deprecated by the protocol; never sent from a browser. */
  secretKey?: string;
  /** Host name or address; IPv6 keeps its brackets (`[::1]`). */
  host: string;
  /** Decimal port as written in the DSN, absent when none was given. */
  port?: string;
  /** Path prefix in front of `/api/`, as written (`/sub`, `/sub/`); `''` when none. */
  path: string;
  projectId: string;
}

/** A DSN that breaks a rule; the message names the rule. */
export class DsnError extends Error {
  // The DSN itself is left out of the message: it may hold a secret key.
  constructor(rule: string) {
    super(`Invalid DSN: ${rule}`);
    this.name = 'DsnError';
  }
}

const HOST_NAME = /^[\w.\-\u0080-\uffff]+$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+(%25[\w.\-]+)?\]$/;
// Whitespace or a control character anywhere: usually a copy-paste accident.
const BLANK_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;
// Protocol, user info (up to the last `@` before the path), host (a bracketed IPv6 host
// whole), `:port` or junk, path. Past the scheme nothing can fail, so nothing backtracks.
const PARTS = /^([^:/]+):\/\/(?:([^/]*)@)?(\[[^\]/]*\]?|[^:/]*)([^/]*)(.*)$/;
const PORT = /^:(\d+)$/;
const PROJECT_ID = /^\d+$/;

/**
 * Parses a DSN strictly (no trimming: that is the caller's job).
 * Throws `DsnError` naming the broken rule.
 *
 * @example
 * parseDsn('https://abc@o1.ingest.example.com/42');
 * // { protocol: 'https', publicKey: 'abc', host: 'o1.ingest.example.com', path: '', projectId: '42' }
 */
export function parseDsn(text: string): Dsn {
  if (typeof text !== 'string') throw new DsnError('not a string');
  if (BLANK_OR_CONTROL.test(text)) throw new DsnError('not a URL: has whitespace or control characters');
  const parts = PARTS.exec(text);
  if (!parts) throw new DsnError('not a URL: expected {protocol}://{key}@{host}/{projectId}');
  const [, protocol, userInfo, host, portText, pathAndProject] = parts;
  if (protocol !== 'http' && protocol !== 'https') {
    throw new DsnError(`protocol must be http or https, not ${quote(protocol)}`);
  }
  if (/[?#]/.test(text)) throw new DsnError('must not have a query or fragment');
  if (userInfo === undefined) throw new DsnError('no public key: expected {key}@ before the host');
  const colon = userInfo.indexOf(':');
  const publicKey = colon === -1 ? userInfo : userInfo.slice(0, colon);
  const secretKey = colon === -1 ? '' : userInfo.slice(colon + 1);
  if (publicKey === '') throw new DsnError('no public key');
  if (host === '') throw new DsnError('empty host');
  if (host[0] === '[' && !host.endsWith(']')) throw new DsnError('bad host: IPv6 address without closing "]"');
  if (!(HOST_NAME.test(host) || IPV6_HOST.test(host))) throw new DsnError(`bad host ${quote(host)}`);
  const port = PORT.exec(portText)?.[1];
  if (portText && !(Number(port) >= 1 && Number(port) <= 65535)) {
    throw new DsnError(`bad port ${quote(portText.slice(1))}: must be 1 to 65535`);
  }
  const lastSlash = pathAndProject.lastIndexOf('/');
  const projectId = pathAndProject.slice(lastSlash + 1);
  if (lastSlash === -1 || projectId === '') throw new DsnError('no project id: the DSN must end with /{projectId}');
  if (!PROJECT_ID.test(projectId)) throw new DsnError(`project id ${quote(projectId)} is not numeric`);

  // Kept as written, as Sentry's SDKs do: a proxy may route on `/sub//`. Only a lone
  // `/` (from `host//42`) means no prefix.
  const path = lastSlash > 1 ? pathAndProject.slice(0, lastSlash) : '';

  const dsn: Dsn = { protocol, publicKey, host, path, projectId };
  if (secretKey) dsn.secretKey = secretKey;
  if (port !== undefined) dsn.port = port;
  return dsn;
}

/**
 * Formats a DSN back to text; the secret key only when asked for.
 *
 * @example
 * dsnToString(parseDsn('https://key:secret@host:8080/sub/7')); // 'https://key@host:8080/sub/7'
 */
export function dsnToString(dsn: Dsn, { withSecret = false }: { withSecret?: boolean } = {}): string {
  const secret = withSecret && dsn.secretKey ? `:${dsn.secretKey}` : '';
  const port = dsn.port ? `:${dsn.port}` : '';
  return `${dsn.protocol}://${dsn.publicKey}${secret}@${dsn.host}${port}${dsn.path}/${dsn.projectId}`;
}

/** Quotes a part of the DSN for a message, cut short so a huge input makes a short message. */
function quote(part: string): string {
  return JSON.stringify(part.length > 40 ? `${part.slice(0, 40)}...` : part);
}
