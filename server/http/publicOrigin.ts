/**
 * The address the links, QR codes and "type it at …" texts use. A phone in the room cannot open
 * `localhost`, so: PUBLIC_URL when set; else the address the request came to, unless that is
 * loopback — then the room's network address of this machine (the interface that holds the
 * default route). The scheme follows TLS. Only addresses the server listens on are offered.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import { isLoopbackHost } from '../../shared/loopbackHost.ts';

/** What the machine's network looks like, read when asked (a laptop may join the wifi later). */
export interface NetworkView {
  /** Linux's /proc/net/route, or '' where there is none. */
  routeTable(): string;
  interfaces(): NodeJS.Dict<NetworkInterfaceInfo[]>;
}

export const systemNetwork: NetworkView = {
  routeTable() {
    try {
      return readFileSync('/proc/net/route', 'utf8');
    } catch {
      return ''; // not Linux: the first non-internal IPv4 address is used
    }
  },
  interfaces: () => networkInterfaces(),
};

/** The interface of the default route with the lowest metric in /proc/net/route, or null. */
export function defaultRouteInterface(routeTable: string): string | null {
  let best: { name: string; metric: number } | null = null;
  for (const line of routeTable.split('\n').slice(1)) {
    const [name, destination, , , , , metricText, mask] = line.trim().split(/\s+/);
    if (!name || destination !== '00000000' || mask !== '00000000') continue;
    const metric = Number(metricText);
    if (best === null || metric < best.metric) best = { name, metric };
  }
  return best?.name ?? null;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/**
 * The machine's IPv4 addresses a phone could reach the server at, the default route's first:
 * all of them when the server listens on every interface, only `listenHost` when it listens on
 * one address, none when it listens on loopback only.
 */
export function lanAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
  defaultInterface: string | null,
  listenHost: string,
): string[] {
  const all: { name: string; address: string }[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal && !isLoopbackHost(info.address)) {
        all.push({ name, address: info.address });
      }
    }
  }
  // The default route's interface first, then private ranges (a venue's wifi) before the rest
  // (a VPN's or a virtual machine's adapter); link-local addresses reach no phone.
  const rank = (entry: { name: string; address: string }) =>
    entry.name === defaultInterface
      ? 0
      : VIRTUAL_ADAPTER.test(entry.name)
        ? 3
        : isPrivateIPv4(entry.address)
          ? 1
          : 2;
  const ordered = all
    .filter((entry) => !entry.address.startsWith('169.254.'))
    .sort((a, b) => rank(a) - rank(b))
    .map((entry) => entry.address);
  if (WILDCARD_HOSTS.has(listenHost)) return [...new Set(ordered)];
  return ordered.includes(listenHost) ? [listenHost] : [];
}

/** Adapters of containers, virtual machines and VPNs: no phone in the room reaches them. */
const VIRTUAL_ADAPTER =
  /^(docker|br-|veth|virbr|vboxnet|vmnet|vethernet|utun|tun|tap|wg|zt|tailscale)/i;

/** 10/8, 172.16/12 and 192.168/16: the addresses a venue's network hands out. */
export function isPrivateIPv4(address: string): boolean {
  const [a, b] = address.split('.').map(Number);
  return (
    a === 10 || (a === 172 && b !== undefined && b >= 16 && b <= 31) || (a === 192 && b === 168)
  );
}

/**
 * Whether a peer is in the room (on this machine or a private network), not somewhere on the
 * internet: only the room is told the machine's own network addresses.
 */
export function isRoomAddress(remote: string | undefined): boolean {
  if (!remote) return false;
  const address = remote.toLowerCase().replace(/^::ffff:/, '');
  if (isLoopbackHost(address)) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(address)) return isPrivateIPv4(address);
  return address.startsWith('fc') || address.startsWith('fd') || address.startsWith('fe80:');
}

/** `http(s)://address:port` as a browser writes the origin (the scheme's own port left out). */
export function originOf(scheme: 'http' | 'https', host: string, port: number): string {
  return new URL(`${scheme}://${host}:${port}`).origin;
}

export interface OriginChoice {
  /** PUBLIC_URL's origin, or null. */
  publicUrl: string | null;
  scheme: 'http' | 'https';
  /** The request's Host header (the address the browser used), if any. */
  requestHost: string | undefined;
  /** The port the server took the request on. */
  port: number;
  /** The LAN addresses, the default route's first (lanAddresses). */
  lan: readonly string[];
}

/** The origin links use for one request (the rule at the top of this file). */
export function chooseOrigin(choice: OriginChoice): string {
  if (choice.publicUrl) return choice.publicUrl;
  const asked = requestOrigin(choice.scheme, choice.requestHost);
  if (asked !== null && !isLoopbackHost(asked.hostname)) return asked.origin;
  const [first] = choice.lan;
  if (first !== undefined) return originOf(choice.scheme, first, choice.port);
  return asked?.origin ?? originOf(choice.scheme, 'localhost', choice.port);
}

/** What a request says of where it came in. */
export function requestFacts(request: IncomingMessage): RequestFacts {
  return {
    host: request.headers.host,
    encrypted: 'encrypted' in request.socket && request.socket.encrypted === true,
    port: request.socket.localPort ?? 0,
  };
}

function requestOrigin(scheme: 'http' | 'https', requestHost: string | undefined): URL | null {
  if (!requestHost) return null;
  try {
    return new URL(`${scheme}://${requestHost}`);
  } catch {
    return null;
  }
}

/** The origin of PUBLIC_URL (a path in it is kept by the links, not by the origin). */
export function publicUrlBase(publicUrl: string | null): string | null {
  return publicUrl ? publicUrl.replace(/\/+$/, '') : null;
}

export interface PublicOrigins {
  /** The base of the links for this request: PUBLIC_URL (with its path) or an origin. */
  linkBase(request: RequestFacts): string;
  /** Every origin the server can be reached at from the room (the link base's first). */
  addresses(request: RequestFacts): string[];
}

export interface RequestFacts {
  host: string | undefined;
  encrypted: boolean;
  port: number;
}

export function createPublicOrigins(
  settings: { host: string; publicUrl: string | null },
  network: NetworkView = systemNetwork,
): PublicOrigins {
  const publicBase = publicUrlBase(settings.publicUrl);
  function lan(): string[] {
    return lanAddresses(
      network.interfaces(),
      defaultRouteInterface(network.routeTable()),
      settings.host,
    );
  }
  function choose(request: RequestFacts, addresses: readonly string[]): string {
    return chooseOrigin({
      publicUrl: publicBase,
      scheme: request.encrypted ? 'https' : 'http',
      requestHost: request.host,
      port: request.port,
      lan: addresses,
    });
  }
  return {
    linkBase: (request) => choose(request, lan()),
    addresses(request) {
      const scheme = request.encrypted ? 'https' : 'http';
      const addresses = lan();
      const origins = addresses.map((address) => originOf(scheme, address, request.port));
      const chosen = choose(request, addresses);
      return [...new Set([chosen, ...origins])];
    },
  };
}
