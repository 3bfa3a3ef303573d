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
 */
import { CLOSES } from '../../shared/closeCodes.ts';
import { andThen } from './awaitable.ts';
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

class Batch implements Commit {
  readonly operations: Operation[] = [];
  readonly boards = new Set<string>();
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

export class TickCommit {
  /** What this turn writes, not committed yet. */
  private open: Batch | null = null;
  /** The commit under way (only while a store answers later). */
  private committing: Batch | null = null;
  /** Each board's newest commit that is not durable yet. */
  private readonly newest = new Map<string, Batch>();
  /** Why writing stopped, until `resume`: what every append rejects with meanwhile. */
  private failure: { error: RoomLoadError; rejected: Promise<void> } | null = null;
  private scheduled = false;
  /** The owner epoch each board's writes carry (store.ts, claimBoard), where one was claimed. */
  private readonly fences = new Map<string, number>();

  constructor(
    private readonly store: UpdateStore,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** From now on the board's writes carry `epoch`; null: they carry none. */
  fence(boardId: string, epoch: number | null): void {
    if (epoch === null) this.fences.delete(boardId);
    else this.fences.set(boardId, epoch);
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
    const batch = this.newest.get(boardId);
    if (batch === undefined || !batch.isDurable) return batch ?? null;
    this.newest.delete(boardId);
    return null;
  }

  /** Drops what this turn would write for a deleted board (a commit under way writes it). */
  forget(boardId: string): void {
    const open = this.open;
    if (!open?.boards.has(boardId)) return;
    const kept = open.operations.filter((operation) => operation.boardId !== boardId);
    open.operations.splice(0, open.operations.length, ...kept);
    open.boards.delete(boardId);
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
      await waiting.durable.catch(() => undefined);
    }
  }

  private add(operation: Operation): Promise<void> {
    if (this.failure) return this.failure.rejected;
    let batch = this.open;
    if (batch === null) {
      batch = new Batch();
      this.open = batch;
      this.schedule();
    }
    batch.operations.push(operation);
    batch.boards.add(operation.boardId);
    this.newest.set(operation.boardId, batch);
    return batch.durable;
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
    let answer: Awaitable<void>;
    try {
      answer = this.write(batch.operations, 0);
    } catch (error) {
      this.finish(batch, error);
      return;
    }
    if (answer instanceof Promise) {
      answer.then(
        () => this.finish(batch),
        (error: unknown) => this.finish(batch, error ?? new Error('the store failed')),
      );
    } else this.finish(batch);
  }

  /** Writes the operations from `from` on: each run of appends in one call, in order. */
  private write(operations: readonly Operation[], from: number): Awaitable<void> {
    const first = operations[from];
    if (first === undefined) return;
    if (first.kind === 'compact') {
      return andThen(this.store.compact(first.boardId, first.state, first.log, first.fence), () =>
        this.write(operations, from + 1),
      );
    }
    const entries: UpdateEntry[] = [];
    let end = from;
    for (let next = operations[end]; next?.kind === 'append'; next = operations[end]) {
      const entry: UpdateEntry = { boardId: next.boardId, update: next.update, log: next.log };
      if (next.fence !== undefined) entry.fence = next.fence;
      entries.push(entry);
      end += 1;
    }
    return andThen(this.store.appendUpdates(entries), () => this.write(operations, end));
  }

  private finish(batch: Batch, cause?: unknown): void {
    if (this.committing === batch) this.committing = null;
    if (cause === undefined) {
      for (const boardId of batch.boards) {
        if (this.newest.get(boardId) === batch) this.newest.delete(boardId);
      }
      batch.settle();
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
    batch.settle(this.failure.error);
    // What came meanwhile is never written: it would follow a gap.
    const open = this.open;
    this.open = null;
    if (open !== null) this.finish(open, cause);
    if (first) this.onFailure(cause);
  }
}
