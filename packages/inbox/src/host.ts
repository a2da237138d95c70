// Which interfaces count as "this machine only", and how a DSN names them.

import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and `localhost`: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const bare = unbracket(host).toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The host a client on this machine should put in the DSN to reach `bindHost`. */
export function reachableHost(bindHost: string): string {
  const bare = unbracket(bindHost);
  // "Every interface" includes loopback, the address every local client can use.
  if (bare === '0.0.0.0' || bare === '::' || bare === 'localhost') return '127.0.0.1';
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}

export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
