/**
 * The address of the client behind a request or websocket upgrade, for every per-address cap.
 *
 * `X-Forwarded-For` is believed only when the TCP peer is one of `TRUSTED_PROXIES`: anyone else
 * could write any address there and dodge every cap. Each proxy appends the address it saw, so
 * the list is walked from the right, past the trusted hops, to the first untrusted one: the
 * client. Its leftmost entries are whatever the client sent and are never taken on trust.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** The names TRUSTED_PROXIES accepts besides addresses and CIDRs. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** The proxies whose `X-Forwarded-For` is believed. */
export class TrustedProxies {
  private constructor(
    private readonly list: BlockList,
    /** The entries as configured (names expanded), for messages. */
    readonly entries: readonly string[],
  ) {}

  /**
   * `TRUSTED_PROXIES`: comma-separated addresses, CIDRs (`10.0.0.0/8`, `fd00::/8`) and the names
   * `loopback` and `private`. Null when empty: the header is never believed. Throws on a bad entry.
   */
  static parse(text: string | undefined): TrustedProxies | null {
    const list = new BlockList();
    const entries: string[] = [];
    const items = (text ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    for (const item of items.flatMap((name) => NAMED_RANGES[name.toLowerCase()] ?? [name])) {
      addEntry(list, item);
      entries.push(item);
    }
    return entries.length === 0 ? null : new TrustedProxies(list, entries);
  }

  /** Whether `address` (a plain address, see `plainAddress`) is a trusted proxy. */
  has(address: string): boolean {
    const family = isIP(address);
    // BlockList.check takes IPv4 unless told, and silently answers false for an IPv6 string.
    return family !== 0 && this.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}

function addEntry(list: BlockList, item: string): void {
  const [text = '', bits, extra] = item.split('/');
  const address = plainAddress(text);
  const family = isIP(address);
  const maxBits = family === 6 ? 128 : 32;
  const prefix = bits === undefined ? null : /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
  if (family === 0 || text.includes('%') || extra !== undefined || Number.isNaN(prefix)) {
    throw new Error(
      `TRUSTED_PROXIES: "${item}" is not an address, a CIDR (like 10.0.0.0/8) or one of ${Object.keys(NAMED_RANGES).join(', ')}`,
    );
  }
  if (prefix !== null && prefix > maxBits) {
    throw new Error(`TRUSTED_PROXIES: "${item}" has a prefix longer than ${maxBits} bits`);
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (prefix === null) list.addAddress(address, type);
  else list.addSubnet(address, prefix, type);
}

/** An address as written in caps and checks: no zone, lower case, IPv4-mapped IPv6 as IPv4. */
function plainAddress(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = plain.startsWith('::ffff:') ? plain.slice('::ffff:'.length) : null;
  return mapped !== null && isIP(mapped) === 4 ? mapped : plain;
}

/** One hop of X-Forwarded-For, without the port or brackets some proxies add; '' when garbage. */
function forwardedHop(text: string): string {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(trimmed);
  const address = plainAddress(bracketed?.[1] ?? withPort?.[1] ?? trimmed);
  return isIP(address) === 0 ? '' : address;
}

/** What a request or upgrade tells about where it came from. */
export interface RequestOrigin {
  socket: { remoteAddress?: string | undefined };
  headers: IncomingHttpHeaders;
}

/** The client's address: the TCP peer, or behind trusted proxies the first untrusted hop. */
export function clientAddress(request: RequestOrigin, proxies: TrustedProxies | null): string {
  const peer = request.socket.remoteAddress;
  if (peer === undefined) return 'unknown'; // the socket has already gone
  let address = plainAddress(peer);
  if (proxies === null || !proxies.has(address)) return address;
  const header = request.headers['x-forwarded-for'];
  // Node joins repeated headers with ", "; an array only comes from a hand-made request.
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = forwardedHop(hops[index] ?? '');
    // Garbage (or an empty entry) stops the walk: what is left of it cannot be trusted either.
    if (hop === '') break;
    address = hop;
    if (!proxies.has(hop)) break;
  }
  return address;
}

/** Whether a raw socket's peer is a trusted proxy (before any header has arrived). */
export function isTrustedPeer(
  remoteAddress: string | undefined,
  proxies: TrustedProxies | null,
): boolean {
  return (
    proxies !== null && remoteAddress !== undefined && proxies.has(plainAddress(remoteAddress))
  );
}
