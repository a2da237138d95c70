// DSN parsing: `{protocol}://{publicKey}[:{secretKey}]@{host}[:{port}]{path}/{projectId}`.
// Hand-written scanning instead of one big regex: linear time on any input, and each
// failure names the rule that was broken.

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
  /** Path prefix in front of `/api/`, without trailing slash; `''` when none. */
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
const DIGITS = /^\d+$/;
// Whitespace or a control character anywhere: usually a copy-paste accident.
const BLANK_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;

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
  if (BLANK_OR_CONTROL.test(text)) throw new DsnError('not a URL: contains whitespace or control characters');
  const schemeEnd = text.indexOf('://');
  if (schemeEnd <= 0) throw new DsnError('not a URL: expected {protocol}://{key}@{host}/{projectId}');
  const protocol = text.slice(0, schemeEnd);
  if (protocol !== 'http' && protocol !== 'https') {
    throw new DsnError(`protocol must be http or https, not ${quote(protocol)}`);
  }
  const rest = text.slice(schemeEnd + 3);
  if (/[?#]/.test(rest)) throw new DsnError('must not have a query or fragment');

  const pathStart = indexOrEnd(rest, '/');
  const authority = rest.slice(0, pathStart);
  const at = authority.lastIndexOf('@');
  if (at === -1) throw new DsnError('no public key: expected {key}@ before the host');
  const { publicKey, secretKey } = splitKeys(authority.slice(0, at));
  const { host, port } = splitHostPort(authority.slice(at + 1));

  const pathAndProject = rest.slice(pathStart);
  const lastSlash = pathAndProject.lastIndexOf('/');
  const projectId = lastSlash === -1 ? '' : pathAndProject.slice(lastSlash + 1);
  if (projectId === '') throw new DsnError('no project id: the DSN must end with /{projectId}');
  if (!DIGITS.test(projectId)) throw new DsnError(`project id ${quote(projectId)} is not numeric`);
  let pathEnd = lastSlash;
  while (pathEnd > 0 && pathAndProject[pathEnd - 1] === '/') pathEnd--;
  const path = pathAndProject.slice(0, pathEnd);

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

function indexOrEnd(text: string, search: string): number {
  const index = text.indexOf(search);
  return index === -1 ? text.length : index;
}

function splitKeys(userInfo: string): { publicKey: string; secretKey?: string } {
  const colon = indexOrEnd(userInfo, ':');
  const publicKey = userInfo.slice(0, colon);
  if (publicKey === '') throw new DsnError('no public key');
  const secretKey = userInfo.slice(colon + 1);
  return secretKey ? { publicKey, secretKey } : { publicKey };
}

function splitHostPort(hostPort: string): { host: string; port?: string } {
  const bracketed = hostPort.startsWith('[');
  const portStart = bracketed ? hostPort.indexOf(']') + 1 : indexOrEnd(hostPort, ':');
  if (bracketed && portStart === 0) throw new DsnError('bad host: IPv6 address without closing "]"');
  const host = hostPort.slice(0, portStart);
  if (host === '') throw new DsnError('empty host');
  if (!(HOST_NAME.test(host) || IPV6_HOST.test(host))) throw new DsnError(`bad host ${quote(host)}`);
  const portText = hostPort.slice(portStart);
  if (portText === '') return { host };
  const port = portText.slice(1);
  if (portText[0] !== ':' || !DIGITS.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new DsnError(`bad port ${quote(port)}: expected a number from 1 to 65535`);
  }
  return { host, port };
}
