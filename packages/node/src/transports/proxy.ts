// Which proxy, if any, a request to the ingest server goes through: the `proxy` option,
// else HTTPS_PROXY / HTTP_PROXY from the environment unless NO_PROXY names the host.

/** Environment variables in the order they are tried, upper and lower case as curl does. */
const HTTPS_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
const HTTP_VARIABLES = ['HTTP_PROXY', 'http_proxy'];

/**
 * The proxy URL for `target`, or `undefined` for a direct connection.
 * `proxy: false` ignores the environment; a `proxy` string is used even when NO_PROXY
 * matches, because the user asked for it by name.
 *
 * @example
 * proxyForUrl(new URL('https://o1.ingest.example.com/api/1/envelope/'), undefined, { HTTPS_PROXY: 'http://proxy:3128' });
 * // URL { href: 'http://proxy:3128/' }
 */
export function proxyForUrl(
  target: URL,
  proxy: string | false | undefined,
  env: Record<string, string | undefined> = process.env,
): URL | undefined {
  if (proxy === false) return undefined;
  if (proxy) return parseProxy(proxy);
  const variables = target.protocol === 'https:' ? HTTPS_VARIABLES : HTTP_VARIABLES;
  const fromEnv = variables.map((name) => env[name]?.trim()).find((value) => value);
  if (!fromEnv || isExcluded(target, env.NO_PROXY ?? env.no_proxy ?? '')) return undefined;
  return parseProxy(fromEnv);
}

/** A proxy given as `host:port` (no scheme) is an http proxy, as curl reads it. */
function parseProxy(text: string): URL | undefined {
  try {
    const url = new URL(text.includes('://') ? text : `http://${text}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * NO_PROXY: entries separated by commas or spaces; `*` matches every host; a name
 * matches itself and its subdomains (a leading `.` or `*.` is the same); `:port` narrows
 * an entry to one port.
 */
export function isExcluded(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const { name, entryPort } = splitEntry(entry.toLowerCase());
      if (entryPort && entryPort !== port) return false;
      const bare = name.replace(/^\*?\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

function splitEntry(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1], entryPort: bracketed[2] };
  const match = /^([^:]+):(\d+)$/.exec(entry);
  return match ? { name: match[1], entryPort: match[2] } : { name: entry };
}
