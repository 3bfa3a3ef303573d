/**
 * A cap on the connections of one address that have not yet sent a whole request head (HTTP or
 * websocket upgrade): a client that sends its headers a line at a time holds a socket for up to
 * `headersTimeoutMs`, and thousands of them would hold the server. Over the cap a new
 * connection is dropped at once; a complete request frees its place, so honest clients (whose
 * headers arrive in one packet) hardly ever count.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { isTrustedPeer, type TrustedProxies } from './clientAddress.ts';

export class PendingRequests {
  private readonly perAddress = new Map<string, number>();
  /** Frees a connection's place once its first request head has arrived or it has closed. */
  private readonly settle = new WeakMap<Socket, () => void>();

  /**
   * A trusted proxy's connections are not capped: before the head has arrived its
   * X-Forwarded-For cannot be read, so they all count as the proxy's one address and a cap
   * would lock the whole room out; and a proxy reads each client's head itself before it
   * opens a connection here, so a slow client holds the proxy, not us.
   */
  constructor(
    private readonly maxPerAddress: number,
    private readonly trustedProxies: TrustedProxies | null = null,
  ) {}

  /** Counts the server's connections from now on. */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => this.opened(socket));
    server.on('request', (request: { socket: Socket }) => this.settle.get(request.socket)?.());
    server.on('upgrade', (request: { socket: Socket }) => this.settle.get(request.socket)?.());
  }

  private opened(socket: Socket): void {
    if (isTrustedPeer(socket.remoteAddress, this.trustedProxies)) return;
    const address = socket.remoteAddress ?? 'unknown';
    const pending = this.perAddress.get(address) ?? 0;
    if (pending >= this.maxPerAddress) {
      socket.destroy();
      return;
    }
    this.perAddress.set(address, pending + 1);
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      this.settle.delete(socket);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    };
    this.settle.set(socket, settle);
    socket.once('close', settle);
  }
}
