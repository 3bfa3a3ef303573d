/**
 * The durable side of every room: appends accepted updates to the store before they are
 * applied, and keeps the rooms working when the store fails. A failed append is queued and
 * retried with backoff while the server logs loudly and reports itself degraded; a room is never
 * compacted while it has queued updates, so an empty or partial state never overwrites a
 * stored one.
 *
 * The store may answer later (store.ts): an append, a compaction or a retry then resolves once
 * it is stored or queued, and never rejects. Each room waits for its own appends in order.
 */
import { andThen } from './awaitable.ts';
import type { Awaitable, LogName, Store, UpdateEntry } from './store.ts';
import type { StoredUpdate } from './storedUpdate.ts';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

type Queued = Required<UpdateEntry>;

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

export class UpdateLog {
  private queue: Queued[] = [];
  private retryDelay = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  /** The retry being written, if the store answers later. */
  private flushing: Promise<boolean> | null = null;

  constructor(
    readonly store: Store,
    private readonly logger: Logger,
  ) {}

  get degraded(): boolean {
    return this.queue.length > 0;
  }

  get health(): { degraded: boolean; queuedUpdates: number; lastError: string | null } {
    return { degraded: this.degraded, queuedUpdates: this.queue.length, lastError: this.lastError };
  }

  /** Stores an update (or queues it if the store fails). Never throws, never rejects. */
  append(boardId: string, update: Uint8Array, log: LogName = 'board'): Awaitable<void> {
    const entry: Queued = { boardId, update, log };
    if (this.queue.length === 0) {
      let answer: Awaitable<void>;
      try {
        answer = this.store.appendUpdate(boardId, update, log);
      } catch (error) {
        this.queueAfterFailure(entry, error);
        return;
      }
      if (answer instanceof Promise) {
        return answer.catch((error: unknown) => this.queueAfterFailure(entry, error));
      }
      return;
    }
    this.queue.push(entry);
    this.scheduleRetry();
  }

  /** Updates of a board's log that the store has not taken yet, oldest first. */
  queuedFor(boardId: string, log: LogName = 'board'): StoredUpdate[] {
    return this.queue
      .filter((entry) => entry.boardId === boardId && entry.log === log)
      .map((entry) => ({ data: entry.update, format: 1 }));
  }

  /**
   * Replaces a board's log by its full state. Not while anything is queued: that board's log
   * would lose the queued rows, and any other attempt would only wait on a failing store.
   */
  compact(boardId: string, state: StoredUpdate, log: LogName = 'board'): Awaitable<boolean> {
    if (this.queue.length > 0) return false;
    let answer: Awaitable<void>;
    try {
      answer = this.store.compact(boardId, state, log);
    } catch (error) {
      this.fail(error);
      return false;
    }
    if (answer instanceof Promise) {
      return answer.then(
        () => true,
        (error: unknown) => {
          this.fail(error);
          return false;
        },
      );
    }
    return true;
  }

  /** Drops what is queued for a deleted board: its rows could never be written again. */
  forget(boardId: string): void {
    this.queue = this.queue.filter((entry) => entry.boardId !== boardId);
  }

  /** Tries once more to write everything queued; true when nothing is left. Never rejects. */
  flush(): Awaitable<boolean> {
    if (this.queue.length === 0) return true;
    if (this.flushing) return this.flushing;
    const batch = [...this.queue];
    let answer: Awaitable<void>;
    try {
      answer = this.store.appendUpdates(batch);
    } catch (error) {
      this.fail(error);
      return false;
    }
    if (!(answer instanceof Promise)) return this.recovered(batch);
    const flushing = answer.then(
      () => this.recovered(batch),
      (error: unknown) => {
        this.fail(error);
        return false;
      },
    );
    this.flushing = flushing.finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Drops what a retry wrote; what was queued (or forgotten) meanwhile stays as it is. */
  private recovered(written: readonly Queued[]): boolean {
    const writtenNow = new Set(written);
    this.queue = this.queue.filter((entry) => !writtenNow.has(entry));
    this.logger.info(`store recovered: wrote ${written.length} queued updates`);
    this.retryDelay = FIRST_RETRY_MS;
    this.lastError = null;
    return this.queue.length === 0;
  }

  private queueAfterFailure(entry: Queued, error: unknown): void {
    this.fail(error);
    this.queue.push(entry);
    this.scheduleRetry();
  }

  private fail(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `STORE FAILURE (${this.queue.length} updates queued in memory, retrying): ${this.lastError}`,
    );
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      andThen(this.flush(), (empty) => {
        if (empty) return;
        this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
        this.scheduleRetry();
      });
    }, this.retryDelay);
    this.retryTimer.unref();
  }
}
