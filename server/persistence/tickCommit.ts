/**
 * Acknowledged means durable. What the rooms write in one turn of the event loop (the appends
 * and compactions of every board) is committed together at the end of that turn (setImmediate,
 * after the turn's socket reads), and every frame a room sends in that turn waits for it
 * (rooms/durableOutbox.ts): one synced commit for everything, instead of one per update.
 *
 * Commits run one at a time, in order; what comes while one is under way (a store that answers
 * later) goes into the next. A commit that fails fails every commit after it without writing
 * it, so a board's stored log never has a gap, and `onFailure` hears of it once; nothing more
 * is written until `resume`.
 *
 * A write refused by fencing (fencedError.ts: another process holds the board now) is not a
 * store failure: the fenced boards' writes are dropped, from that commit on and until the board
 * is claimed again, their waiters hear `CLOSES.restarting`, `onFenced` hears of each, and the
 * rest of the commit is written on. Each board of a commit has its own share of it (what its
 * frames wait for), so a fenced board's frames never leave while the others' do.
 */
import { CLOSES } from '../../shared/closeCodes.ts';
import { andThen } from './awaitable.ts';
import { FencedError } from './fencedError.ts';
import { RoomLoadError } from './roomLoad.ts';
import type { Awaitable, LogName, UpdateEntry, UpdateStore } from './store.ts';
import type { StoredUpdate } from './storedUpdate.ts';

/** One commit, as those who wait for it see it. */
export interface Commit {
  /** Resolves once everything in it is durable; rejects if it could not be stored. */
  readonly durable: Promise<void>;
  /** Whether it is durable by now (true at once after a synchronous store has committed). */
  readonly isDurable: boolean;
}

/** `fence`: the board's owner epoch when it was written (several instances), if any. */
type Operation =
  | { kind: 'append'; boardId: string; update: Uint8Array; log: LogName; fence?: number }
  | { kind: 'compact'; boardId: string; state: StoredUpdate; log: LogName; fence?: number };

/** Something that settles once: resolved when durable, rejected when not stored. */
class Settling implements Commit {
  readonly durable: Promise<void>;
  isDurable = false;
  settle!: (error?: unknown) => void;

  constructor() {
    this.durable = new Promise<void>((resolve, reject) => {
      this.settle = (error) => {
        if (error === undefined) {
          this.isDurable = true;
          resolve();
        } else reject(error);
      };
    });
    // Nobody may be waiting for it (a room that went away): that is no unhandled rejection.
    this.durable.catch(() => undefined);
  }
}

class Batch {
  readonly operations: Operation[] = [];
  /** Each board's share of it. */
  readonly shares = new Map<string, Settling>();
  /** Settles once the whole batch is done, stored or not. */
  readonly done = new Settling();
  /** How many operations are written (each store call commits its own). */
  written = 0;

  /** Whether the board's operations not written yet carry `fence` (the board's current epoch). */
  carriesFence(boardId: string, fence: number | undefined): boolean {
    const pending = this.operations.find(
      (operation, index) => index >= this.written && operation.boardId === boardId,
    );
    return pending === undefined || pending.fence === fence;
  }

  /** Takes a board's operations out of what is not written yet. */
  drop(boardId: string): void {
    const kept = this.operations.filter(
      (operation, index) => index < this.written || operation.boardId !== boardId,
    );
    this.operations.splice(0, this.operations.length, ...kept);
  }
}

export class TickCommit {
  /** What this turn writes, not committed yet. */
  private open: Batch | null = null;
  /** The commit under way (only while a store answers later). */
  private committing: Batch | null = null;
  /** Each board's newest share of a commit that is not durable yet. */
  private readonly newest = new Map<string, Settling>();
  /** Why writing stopped, until `resume`: what every append rejects with meanwhile. */
  private failure: { error: RoomLoadError; rejected: Promise<void> } | null = null;
  private scheduled = false;
  /** The owner epoch each board's writes carry (store.ts, claimBoard), where one was claimed. */
  private readonly fences = new Map<string, number>();
  /** Boards whose writes were fenced: refused until claimed again (or forgotten). */
  private readonly fencedOut = new Map<string, Promise<void>>();

  constructor(
    private readonly store: UpdateStore,
    private readonly onFailure: (error: unknown) => void,
    private readonly onFenced: (boardId: string, cause: FencedError) => void = () => undefined,
  ) {}

  /**
   * From now on the board's writes carry `epoch` (a fresh claim: writes refused by an older one
   * are taken again); null: they carry none (its room unloaded, or one process alone).
   */
  /** The owner epoch the board's writes carry now, if any. */
  epochOf(boardId: string): number | undefined {
    return this.fences.get(boardId);
  }

  fence(boardId: string, epoch: number | null): void {
    // Fenced out stays so until a fresh claim: a room unloading must not lift it.
    if (epoch === null) this.fences.delete(boardId);
    else {
      this.fencedOut.delete(boardId);
      this.fences.set(boardId, epoch);
      // What an older room of it waited for is no concern of the new one's.
      this.newest.delete(boardId);
    }
  }

  /** Appends with this turn's commit; resolves once durable, rejects if it is not stored. */
  append(boardId: string, update: Uint8Array, log: LogName): Promise<void> {
    return this.add(this.fenced({ kind: 'append', boardId, update, log }));
  }

  /** Replaces a board's log by `state` with this turn's commit, after the appends before it. */
  compact(boardId: string, state: StoredUpdate, log: LogName): Promise<void> {
    return this.add(this.fenced({ kind: 'compact', boardId, state, log }));
  }

  private fenced<T extends Operation>(operation: T): T {
    const fence = this.fences.get(operation.boardId);
    if (fence !== undefined) operation.fence = fence;
    return operation;
  }

  /** The board's newest commit that is not durable yet, or null when all of it is stored. */
  pendingFor(boardId: string): Commit | null {
    const share = this.newest.get(boardId);
    if (share === undefined || !share.isDurable) return share ?? null;
    this.newest.delete(boardId);
    return null;
  }

  /** Drops what this turn would write for a deleted board (a commit under way writes it). */
  forget(boardId: string): void {
    this.open?.drop(boardId);
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Writes again after a failure (the store took a write); the rooms were discarded by then. */
  resume(): void {
    this.failure = null;
    this.newest.clear();
  }

  /** Commits what is open now; resolves once nothing is pending (stored or failed). */
  async flush(): Promise<void> {
    for (;;) {
      const waiting = this.committing ?? this.open;
      if (waiting === null) return;
      if (this.committing === null) this.commitNext();
      await waiting.done.durable.catch(() => undefined);
    }
  }

  private add(operation: Operation): Promise<void> {
    if (this.failure) return this.failure.rejected;
    const fenced = this.fencedOut.get(operation.boardId);
    if (fenced) return fenced;
    let batch = this.open;
    if (batch === null) {
      batch = new Batch();
      this.open = batch;
      this.schedule();
    }
    batch.operations.push(operation);
    let share = batch.shares.get(operation.boardId);
    if (share === undefined) {
      share = new Settling();
      batch.shares.set(operation.boardId, share);
    }
    this.newest.set(operation.boardId, share);
    return share.durable;
  }

  private schedule(): void {
    if (this.scheduled || this.committing !== null) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.commitNext();
    });
  }

  private commitNext(): void {
    const batch = this.open;
    if (batch === null || this.committing !== null) return;
    this.open = null;
    if (this.failure) {
      this.finish(batch, this.failure.error);
      return;
    }
    this.committing = batch;
    this.writeRest(batch);
  }

  /** Writes what of the batch is not written yet, then finishes it. */
  private writeRest(batch: Batch): void {
    let answer: Awaitable<void>;
    try {
      answer = this.write(batch);
    } catch (error) {
      this.refused(batch, error);
      return;
    }
    if (answer instanceof Promise) {
      answer.then(
        () => this.finish(batch),
        (error: unknown) => this.refused(batch, error ?? new Error('the store failed')),
      );
    } else this.finish(batch);
  }

  /** A fenced write drops its boards and writes on; any other failure fails the batch. */
  private refused(batch: Batch, cause: unknown): void {
    if (cause instanceof FencedError && this.fenceOut(batch, cause)) this.writeRest(batch);
    else this.finish(batch, cause);
  }

  /** Refuses the fenced boards' writes from now on; false if none of the batch's was fenced. */
  private fenceOut(batch: Batch, cause: FencedError): boolean {
    const refused = cause.boards.filter((boardId) => batch.shares.has(boardId));
    if (refused.length === 0) return false;
    // Writes taken under an epoch this process has since claimed anew are only dropped: the
    // board is ours again, and its newer writes must not be refused with them.
    const stale = refused.filter(
      (boardId) => !batch.carriesFence(boardId, this.fences.get(boardId)),
    );
    for (const boardId of stale) {
      const error = new RoomLoadError(
        `board ${boardId}: written by an older claim`,
        CLOSES.restarting,
      );
      batch.drop(boardId);
      batch.shares.get(boardId)?.settle(error);
      batch.shares.delete(boardId);
    }
    const boards = refused.filter((boardId) => !stale.includes(boardId));
    for (const boardId of boards) {
      const error = new RoomLoadError(
        `board ${boardId}: another process holds it now`,
        CLOSES.restarting,
      );
      const rejected = Promise.reject(error);
      rejected.catch(() => undefined);
      this.fencedOut.set(boardId, rejected);
      for (const fenced of [batch, this.open]) {
        fenced?.drop(boardId);
        fenced?.shares.get(boardId)?.settle(error);
        fenced?.shares.delete(boardId);
      }
    }
    for (const boardId of boards) this.onFenced(boardId, cause);
    return true;
  }

  /** Writes the batch's operations not written yet: each run of appends in one call, in order. */
  private write(batch: Batch): Awaitable<void> {
    const { operations } = batch;
    const from = batch.written;
    const first = operations[from];
    if (first === undefined) return;
    if (first.kind === 'compact') {
      return andThen(this.store.compact(first.boardId, first.state, first.log, first.fence), () => {
        batch.written = from + 1;
        return this.write(batch);
      });
    }
    const entries: UpdateEntry[] = [];
    let end = from;
    for (let next = operations[end]; next?.kind === 'append'; next = operations[end]) {
      const entry: UpdateEntry = { boardId: next.boardId, update: next.update, log: next.log };
      if (next.fence !== undefined) entry.fence = next.fence;
      entries.push(entry);
      end += 1;
    }
    return andThen(this.store.appendUpdates(entries), () => {
      batch.written = end;
      return this.write(batch);
    });
  }

  private finish(batch: Batch, cause?: unknown): void {
    if (this.committing === batch) this.committing = null;
    if (cause === undefined) {
      for (const [boardId, share] of batch.shares) {
        if (this.newest.get(boardId) === share) this.newest.delete(boardId);
        share.settle();
      }
      batch.done.settle();
      if (this.open !== null) this.schedule();
      return;
    }
    const first = this.failure === null;
    if (this.failure === null) {
      const error = new RoomLoadError(`saving paused: ${String(cause)}`, CLOSES.savingPaused);
      const rejected = Promise.reject(error);
      rejected.catch(() => undefined);
      this.failure = { error, rejected };
    }
    // Its boards keep it as their newest: nothing of theirs may be sent any more.
    for (const share of batch.shares.values()) share.settle(this.failure.error);
    batch.done.settle(this.failure.error);
    // What came meanwhile is never written: it would follow a gap.
    const open = this.open;
    this.open = null;
    if (open !== null) this.finish(open, cause);
    if (first) this.onFailure(cause);
  }
}
