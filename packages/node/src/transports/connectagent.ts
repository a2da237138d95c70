// An https agent that reaches the server through an HTTP CONNECT tunnel: the proxy sees
// only the host and port, TLS runs end to end inside the tunnel.

import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Net from 'node:net';
import type * as Tls from 'node:tls';

export interface ConnectAgentModules {
  http: typeof Http;
  https: typeof Https;
  tls: typeof Tls;
}

type SocketCallback = (error: Error | null, socket?: Net.Socket) => void;

/** `Proxy-Authorization` for a proxy URL with user info, else `undefined`. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/**
 * A keep-alive https agent whose sockets are TLS connections inside CONNECT tunnels.
 *
 * @example
 * const agent = createConnectAgent(modules, new URL('http://proxy:3128'), { keepAlive: true, maxSockets: 4 });
 * https.request('https://o1.ingest.example.com/api/1/envelope/', { agent, method: 'POST' });
 */
export function createConnectAgent(
  modules: ConnectAgentModules,
  proxy: URL,
  agentOptions: Https.AgentOptions,
  timeoutMs: number,
): Https.Agent {
  const agent = new modules.https.Agent(agentOptions);
  const authorization = proxyAuthorization(proxy);
  // Node's Agent accepts an asynchronous createConnection: return nothing, call back later.
  (agent as unknown as { createConnection: unknown }).createConnection = (
    options: Tls.ConnectionOptions & { host?: string; port?: number },
    callback: SocketCallback,
  ): undefined => {
    const target = `${bracketIpv6(options.host ?? 'localhost')}:${options.port ?? 443}`;
    const connect = (proxy.protocol === 'https:' ? modules.https : modules.http).request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...(authorization ? { 'proxy-authorization': authorization } : {}) },
      agent: false,
      timeout: timeoutMs,
    });
    connect.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        callback(new Error(`Proxy refused the tunnel: CONNECT ${target} answered ${response.statusCode}`));
        return;
      }
      const servername = options.servername ?? (isIp(options.host) ? undefined : options.host);
      callback(null, modules.tls.connect({ ...options, socket, servername }));
    });
    connect.once('timeout', () => connect.destroy(new Error(`Proxy CONNECT timed out after ${timeoutMs} ms`)));
    connect.once('error', (error) => callback(error));
    connect.end();
    return undefined;
  };
  return agent;
}

function bracketIpv6(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** TLS forbids an IP address as SNI server name. */
function isIp(host: string | undefined): boolean {
  return !host || /^[\d.]+$/.test(host) || host.includes(':');
}
