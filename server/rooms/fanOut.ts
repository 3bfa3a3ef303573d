/**
 * Batched broadcast of a room's changes. The document updates that arrive while the event loop
 * is busy go out as one merged frame per audience at the end of the tick, and awareness changes
 * at most once per window, all changed states in one frame: no window in a small or quiet room,
 * up to 16 ms in a busy one (batchWindow.ts).
 *
 * Each update is routed (shared/audience.ts): the board's to facilitators, the view's to participants
 * and observers, and a participant's own placements to that participant's other connections.
 */
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type Audience, audienceOf } from '../../shared/audience.ts';
import type { Role } from '../../shared/boardDoc.ts';
import { batchWindowMs, RateMeter } from './batchWindow.ts';
import { encodeAwareness, encodeSyncUpdate } from './protocol.ts';

export interface Receiver {
  readonly participantId: string;
  readonly role: Role;
  send(frame: Uint8Array): void;
}

/** The way frames go out: to the receiver, when they may (durableOutbox.ts). */
export interface Sender {
  /** A frame that carries the document: it leaves once what it carries is stored. */
  send(receiver: Receiver, frame: Uint8Array): void;
  /** A frame the store keeps nothing of (awareness): it leaves at once. */
  sendUnstored(receiver: Receiver, frame: Uint8Array): void;
}

/** The awareness client ids an update of the room's awareness touched. */
export interface AwarenessChange {
  added: readonly number[];
  updated: readonly number[];
  removed: readonly number[];
}

/**
 * Where a document update goes: to an audience, or to one participant's connections (their own
 * placements, which their other devices and tabs need and nobody else's view holds).
 */
export type UpdateRoute = Audience | { participantId: string };

interface PendingUpdate {
  update: Uint8Array;
  from: Receiver | null;
  to: UpdateRoute;
}

/** One frame for the receivers of the same updates, and who is spared its echo. */
interface Batch {
  frame: Uint8Array | null;
  soleSender: Receiver | null;
}

export class FanOut {
  private pendingUpdates: PendingUpdate[] = [];
  private readonly pendingAwareness = new Set<number>();
  private flushScheduled = false;
  private cancelAwarenessFlush: (() => void) | null = null;
  private lastAwarenessFlush = Number.NEGATIVE_INFINITY;
  /** Awareness changes a second, and the receivers of the last flush: the window's inputs. */
  private readonly awarenessRate = new RateMeter();
  private receiverCount = 0;
  private stopped = false;

  constructor(
    private readonly receivers: () => Iterable<Receiver>,
    private readonly awareness: Awareness,
    private readonly sender: Sender,
  ) {}

  /** An update its document has applied; `from` (its sender, if any) is spared its echo. */
  queueUpdate(update: Uint8Array, from: Receiver | null, to: UpdateRoute): void {
    this.pendingUpdates.push({ update, from, to });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  queueAwareness(change: AwarenessChange): void {
    for (const clientId of change.added) this.pendingAwareness.add(clientId);
    for (const clientId of change.updated) this.pendingAwareness.add(clientId);
    for (const clientId of change.removed) this.pendingAwareness.add(clientId);
    const count = change.added.length + change.updated.length + change.removed.length;
    this.awarenessRate.note(count, performance.now());
    this.scheduleAwareness();
  }

  /** Sends the pending document updates now. */
  flush(): void {
    this.flushScheduled = false;
    if (this.stopped) return;
    const updates = this.pendingUpdates;
    this.pendingUpdates = [];
    if (updates.length > 0) this.broadcastUpdates(updates);
  }

  /** Drops whatever is pending; nothing is sent afterwards. */
  stop(): void {
    this.stopped = true;
    this.cancelAwarenessFlush?.();
    this.cancelAwarenessFlush = null;
    this.pendingUpdates = [];
    this.pendingAwareness.clear();
  }

  /**
   * Awareness goes out at most once per window per room, leading edge: a lone change leaves at
   * the end of its tick, while forty people dragging at 30 Hz in a room of 200 share one frame
   * per window per receiver instead of one frame each (the frames, not their bytes, cost the
   * CPU). The window follows the room's receivers and rate (batchWindow.ts).
   */
  private scheduleAwareness(): void {
    if (this.cancelAwarenessFlush) return;
    const now = performance.now();
    const window = batchWindowMs(this.receiverCount, this.awarenessRate.perSecond(now));
    const wait = this.lastAwarenessFlush + window - now;
    const flush = () => {
      this.cancelAwarenessFlush = null;
      this.flushAwareness();
    };
    // Under a millisecond: after this tick's reads (a timer would wait at least 1 ms).
    if (wait < 1) {
      const immediate = setImmediate(flush);
      this.cancelAwarenessFlush = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(flush, wait);
      this.cancelAwarenessFlush = () => clearTimeout(timer);
    }
  }

  /**
   * Awareness leaves at once, ahead of document frames still waiting for their commit: it is
   * stored nowhere, so nothing in it can be lost, and Yjs orders its states by their own clocks.
   */
  private flushAwareness(): void {
    if (this.stopped || this.pendingAwareness.size === 0) return;
    this.lastAwarenessFlush = performance.now();
    const frame = encodeAwareness(
      encodeAwarenessUpdate(this.awareness, [...this.pendingAwareness]),
    );
    this.pendingAwareness.clear();
    let receivers = 0;
    for (const receiver of this.receivers()) {
      this.sender.sendUnstored(receiver, frame);
      receivers += 1;
    }
    this.receiverCount = receivers;
  }

  /**
   * One merged frame per audience (and per participant whose own placements are in the batch).
   * When one connection sent everything in a frame, it is spared its own echo; with several
   * senders each gets the same merge too (Yjs ignores what it already has), since a merge per
   * sender would cost a merge per sender per batch.
   */
  private broadcastUpdates(updates: PendingUpdate[]): void {
    const batches = new Map<string, Batch>();
    for (const receiver of this.receivers()) {
      const audience = audienceOf(receiver.role);
      const key = updates.some((entry) => isOwnOf(entry.to, receiver))
        ? `own:${receiver.participantId}`
        : audience;
      let batch = batches.get(key);
      if (!batch) {
        batch = batchOf(
          updates.filter((entry) => entry.to === audience || isOwnOf(entry.to, receiver)),
        );
        batches.set(key, batch);
      }
      if (batch.frame !== null && receiver !== batch.soleSender) {
        this.sender.send(receiver, batch.frame);
      }
    }
  }
}

function isOwnOf(to: UpdateRoute, receiver: Receiver): boolean {
  return (
    typeof to === 'object' &&
    to.participantId === receiver.participantId &&
    audienceOf(receiver.role) === 'view'
  );
}

function batchOf(updates: readonly PendingUpdate[]): Batch {
  const first = updates[0];
  if (!first) return { frame: null, soleSender: null };
  const frame = encodeSyncUpdate(
    updates.length === 1 ? first.update : Y.mergeUpdates(updates.map((entry) => entry.update)),
  );
  const soleSender = updates.every((entry) => entry.from === first.from) ? first.from : null;
  return { frame, soleSender };
}
