/**
 * The durable side of every room: appends accepted updates to the store before they are
 * applied, and keeps the rooms working when the store fails. A failed append is queued and
 * retried with backoff while the server logs loudly and reports itself degraded; a room is never
 * compacted while it has queued updates, so an empty or partial state never overwrites a
 * stored one.
 */
import type { SqliteStore } from './sqlite.ts';
import type { StoredUpdate } from './storedUpdate.ts';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

interface Queued {
  boardId: string;
  update: Uint8Array;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

export class UpdateLog {
  private queue: Queued[] = [];
  private retryDelay = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;

  constructor(
    readonly store: SqliteStore,
    private readonly logger: Logger,
  ) {}

  get degraded(): boolean {
    return this.queue.length > 0;
  }

  get health(): { degraded: boolean; queuedUpdates: number; lastError: string | null } {
    return { degraded: this.degraded, queuedUpdates: this.queue.length, lastError: this.lastError };
  }

  /** Stores an update (or queues it if the store fails). Never throws. */
  append(boardId: string, update: Uint8Array): void {
    if (this.queue.length === 0) {
      try {
        this.store.appendUpdate(boardId, update);
        return;
      } catch (error) {
        this.fail(error);
      }
    }
    this.queue.push({ boardId, update });
    this.scheduleRetry();
  }

  /** Updates of a board that the store has not taken yet, oldest first. */
  queuedFor(boardId: string): StoredUpdate[] {
    return this.queue
      .filter((entry) => entry.boardId === boardId)
      .map((entry) => ({ data: entry.update, format: 1 }));
  }

  /**
   * Replaces a board's log by its full state. Not while anything is queued: that board's log
   * would lose the queued rows, and any other attempt would only wait on a failing store.
   */
  compact(boardId: string, state: StoredUpdate): boolean {
    if (this.queue.length > 0) return false;
    try {
      this.store.compact(boardId, state);
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  /** Drops what is queued for a deleted board: its rows could never be written again. */
  forget(boardId: string): void {
    this.queue = this.queue.filter((entry) => entry.boardId !== boardId);
  }

  /** Tries once more to write everything queued; true when nothing is left. */
  flush(): boolean {
    if (this.queue.length === 0) return true;
    try {
      this.store.appendUpdates(this.queue);
      this.logger.info(`store recovered: wrote ${this.queue.length} queued updates`);
      this.queue = [];
      this.retryDelay = FIRST_RETRY_MS;
      this.lastError = null;
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
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
      if (!this.flush()) {
        this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
        this.scheduleRetry();
      }
    }, this.retryDelay);
    this.retryTimer.unref();
  }
}
