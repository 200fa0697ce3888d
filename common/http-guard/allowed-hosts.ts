// The Host / Origin check against DNS rebinding: a page on attacker.example
// whose name is made to resolve to 127.0.0.1 reaches a local server, but its
// requests still say "Host: attacker.example" (and "Origin:
// http://attacker.example"). So a request is answered only when its Host, and
// its Origin when there is one, name an allowed host. Allowed: the bound
// host, 127.0.0.1, localhost and [::1], each with the port the server listens
// on, the IP address the request arrived at (an address literal cannot be
// rebound), and any name configured (API_ALLOWED_HOSTS; "name" allows any
// port, "name:port" that port only). Pure.

import { isWildcardHost } from './loopback';

export interface AllowedHosts {
  /** Names allowed with the server's own port. */
  readonly ownPortNames: ReadonlySet<string>;
  /** Configured names: with a port (name:port) or with any port (name). */
  readonly configured: readonly { readonly name: string; readonly port: number | undefined }[];
}

export function allowedHosts(bindHost: string, extra: readonly string[] = []): AllowedHosts {
  const own = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (!isWildcardHost(bindHost)) own.add(normalName(bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost));
  const configured = extra.map((entry) => {
    const split = splitHostPort(entry.trim());
    return { name: normalName(split?.name ?? entry.trim()), port: split?.port };
  });
  return { ownPortNames: own, configured };
}

/**
 * Why the request must be refused, or undefined when its Host and Origin are allowed.
 * `localPort` and `localAddress` are where the request arrived.
 */
export function hostProblem(
  allowed: AllowedHosts,
  host: string | undefined,
  origin: string | undefined,
  localPort: number | undefined,
  localAddress?: string,
): string | undefined {
  const own = localAddress === undefined ? allowed : withLocalAddress(allowed, localAddress);
  if (host === undefined || host === '') return 'the request has no Host header';
  const hostPort = splitHostPort(host) ?? { name: host, port: 80 };
  if (!isAllowed(own, normalName(hostPort.name), hostPort.port ?? 80, localPort))
    return `Host ${clip(host)} is not an allowed name of this server`;
  if (origin === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `Origin ${clip(origin)} is not an allowed origin`;
  }
  if (origin === 'null' || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return `Origin ${clip(origin)} is not an allowed origin`;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (!isAllowed(own, normalName(url.hostname), port, localPort)) return `Origin ${clip(origin)} is not an allowed origin`;
  return undefined;
}

/** The address literal the request arrived at ("::ffff:10.0.0.5" -> "10.0.0.5", IPv6 in brackets). */
function withLocalAddress(allowed: AllowedHosts, localAddress: string): AllowedHosts {
  const plain = localAddress.startsWith('::ffff:') ? localAddress.slice(7) : localAddress;
  const literal = plain.includes(':') ? `[${plain}]` : plain;
  return { ...allowed, ownPortNames: new Set([...allowed.ownPortNames, normalName(literal)]) };
}

function isAllowed(allowed: AllowedHosts, name: string, port: number, localPort: number | undefined): boolean {
  if (allowed.ownPortNames.has(name) && port === localPort) return true;
  return allowed.configured.some((entry) => entry.name === name && (entry.port === undefined || entry.port === port));
}

/** "name:port", "[v6]:port", "name" or "[v6]": the name (v6 in brackets) and the port if given. */
function splitHostPort(text: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return undefined;
  return { name: match[1] as string, port: match[2] === undefined ? undefined : Number(match[2]) };
}

function normalName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function clip(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
