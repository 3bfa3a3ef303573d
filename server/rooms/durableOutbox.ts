/**
 * Every frame a room sends that carries the document, held until what it may carry is durable.
 * A frame waits for the board's newest commit that was not durable when it was sent
 * (persistence/tickCommit.ts), and frames leave in the order they were sent: a broadcast, a
 * sync reply to a newcomer (the whole document, with the updates of this turn), the presence a
 * newcomer is shown. So no client ever sees a write the store could still lose. A room whose
 * board writes nothing this turn sends at once. The awareness a room broadcasts is stored
 * nowhere and leaves at once (sendUnstored), so a drag never waits for the disk.
 *
 * If that commit fails, nothing held leaves: the room is closed with CLOSES.savingPaused.
 */
import type { Commit } from '../persistence/tickCommit.ts';
import type { Receiver } from './fanOut.ts';

interface HeldFrame {
  receiver: Receiver;
  frame: Uint8Array;
  /** The commit it waits for; null: only for the frames before it. */
  after: Commit | null;
}

export class DurableOutbox {
  private held: HeldFrame[] = [];
  private waiting = false;
  private stopped = false;

  /** `pending`: the board's newest commit that is not durable yet, or null. */
  constructor(private readonly pending: () => Commit | null) {}

  send(receiver: Receiver, frame: Uint8Array): void {
    if (this.stopped) return;
    const after = this.pending();
    if (after === null && this.held.length === 0) {
      receiver.send(frame);
      return;
    }
    this.held.push({ receiver, frame, after });
    this.release();
  }

  /**
   * A frame the store keeps nothing of (awareness), sent at once, ahead of what is held: the
   * receiver orders awareness states by their own clocks, not by arrival.
   */
  sendUnstored(receiver: Receiver, frame: Uint8Array): void {
    if (!this.stopped) receiver.send(frame);
  }

  /** Drops what is held; nothing is sent afterwards. */
  stop(): void {
    this.stopped = true;
    this.held = [];
  }

  /** Sends the held frames whose commits are durable, in order, up to the first that is not. */
  private release(): void {
    if (this.waiting) return;
    let sent = 0;
    for (const { receiver, frame, after } of this.held) {
      if (this.stopped) return;
      if (after !== null && !after.isDurable) {
        this.waiting = true;
        after.durable.then(
          () => {
            this.waiting = false;
            this.release();
          },
          () => this.stop(),
        );
        break;
      }
      receiver.send(frame);
      sent += 1;
    }
    this.held.splice(0, sent);
  }
}
