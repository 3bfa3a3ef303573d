/**
 * A cap on the data waiting to be sent to all sockets together. Each socket is cut past its own
 * `maxBufferedBytes` (connection.ts), but hundreds of clients that never read could each stay
 * just under it. Every `intervalMs` the backlogs are summed; past `maxTotalBufferedBytes` the
 * sockets holding most are closed with 4504 until the rest fit. A socket that does not read
 * the close either is cut after a grace, so its memory is freed.
 */
import type { WebSocket } from 'ws';
import { CLOSES } from '../../shared/closeCodes.ts';
import { closeReason } from './closeReason.ts';

const SWEEP_INTERVAL_MS = 250;
/** How long a closed slow socket may take to finish its close handshake before it is cut. */
const CUT_AFTER_MS = 5_000;

export class SendBacklog {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sockets: () => Iterable<WebSocket>,
    private readonly maxTotalBufferedBytes: number,
    private readonly onCut: (bufferedBytes: number) => void = () => undefined,
  ) {
    this.timer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Closes the sockets with the largest backlogs until the total fits; exposed for tests. */
  sweep(): void {
    const open = [...this.sockets()].filter((socket) => socket.readyState === socket.OPEN);
    let total = 0;
    for (const socket of open) total += socket.bufferedAmount;
    if (total <= this.maxTotalBufferedBytes) return;
    open.sort((a, b) => b.bufferedAmount - a.bufferedAmount);
    for (const socket of open) {
      if (total <= this.maxTotalBufferedBytes) break;
      total -= socket.bufferedAmount;
      this.onCut(socket.bufferedAmount);
      socket.close(CLOSES.tooSlow.code, closeReason(CLOSES.tooSlow.reason));
      setTimeout(() => socket.terminate(), CUT_AFTER_MS).unref();
    }
  }
}
