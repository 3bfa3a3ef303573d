/**
 * Finds sockets whose other end is gone without a close (a phone that left the wifi): every
 * `pingIntervalMs` each watched socket is pinged, and one that has not answered (pong) for
 * `pongTimeoutMs` is cut, so its close frees its connection slot, its presence and its room.
 * One timer for the whole server, not one per socket.
 */
import type { WebSocket } from 'ws';

export interface LivenessSettings {
  pingIntervalMs: number;
  pongTimeoutMs: number;
}

export class Liveness {
  /** When each watched socket was last heard from. */
  private readonly heardAt = new Map<WebSocket, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly settings: LivenessSettings,
    private readonly now: () => number = Date.now,
  ) {}

  watch(socket: WebSocket): void {
    this.heardAt.set(socket, this.now());
    socket.on('pong', () => this.heardAt.set(socket, this.now()));
    socket.once('close', () => this.heardAt.delete(socket));
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), this.settings.pingIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private check(): void {
    const now = this.now();
    for (const [socket, heardAt] of this.heardAt) {
      if (now - heardAt > this.settings.pongTimeoutMs) {
        this.heardAt.delete(socket);
        socket.terminate(); // a close handshake would wait on the same dead peer
      } else if (socket.readyState === socket.OPEN) {
        socket.ping();
      }
    }
  }
}
