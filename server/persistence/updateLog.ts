/**
 * The durable side of every room. Updates are appended with the turn's commit (tickCommit.ts):
 * an append resolves once it is durable, and nothing a room sends leaves before the updates it
 * carries are stored, so what any client has seen survives a crash.
 *
 * When a commit fails, saving pauses: nothing is kept only in memory. The rooms hear of it
 * (`onPause`) and close their sockets with CLOSES.savingPaused, so their clients keep their
 * writes, as they do offline; the log says STORE FAILURE and /healthz `degraded`. A small write
 * is tried with backoff until the store takes it; then saving resumes, and rooms load from the
 * store again as their clients come back.
 *
 * A board whose writes are refused by fencing (several processes: another holds it now) is no
 * store failure: only that board stops here (`onFenced`), every other keeps saving.
 */
import { countDamage, type DamageCounts } from './damagedRow.ts';
import type { LogName, Store } from './store.ts';
import type { StoredUpdate } from './storedUpdate.ts';
import { type Commit, TickCommit } from './tickCommit.ts';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export interface StoreStatus {
  /** A commit failed and the store has not taken a write since. */
  savingPaused: boolean;
  lastError: string | null;
}

const FIRST_PROBE_MS = 250;
const MAX_PROBE_MS = 5_000;

export class UpdateLog {
  private readonly commits: TickCommit;
  private readonly pauseListeners: (() => void)[] = [];
  private readonly fencedListeners: ((boardId: string) => void)[] = [];
  private lastError: string | null = null;
  private probeDelay = FIRST_PROBE_MS;
  private probeTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly store: Store,
    private readonly logger: Logger,
  ) {
    this.commits = new TickCommit(
      store,
      (error) => this.pause(error),
      (boardId, cause) => this.fenced(boardId, cause),
    );
  }

  get savingPaused(): boolean {
    return this.commits.failed;
  }

  get status(): StoreStatus {
    return { savingPaused: this.savingPaused, lastError: this.lastError };
  }

  /**
   * Damaged rows per table, as the store knows them (checked when it opened, and on reads);
   * null if the store cannot say right now.
   */
  async damage(): Promise<DamageCounts | null> {
    try {
      return countDamage(await this.store.damagedRows());
    } catch {
      return null;
    }
  }

  /** Called (once per failure) when saving pauses: every room must stop and go. */
  onPause(listener: () => void): void {
    this.pauseListeners.push(listener);
  }

  /**
   * Called when a board's writes were refused by fencing (another process holds it now): this
   * process must stop serving that board. Its writes are refused until it is claimed again.
   */
  onFenced(listener: (boardId: string) => void): void {
    this.fencedListeners.push(listener);
  }

  /**
   * From now on the board's appends and compactions carry its owner epoch, which the store checks
   * (several instances: a former owner's writes are refused); null: none.
   */
  fence(boardId: string, epoch: number | null): void {
    this.commits.fence(boardId, epoch);
  }

  /** The owner epoch the board's writes carry (several instances), if any: its timeline's too. */
  epochOf(boardId: string): number | undefined {
    return this.commits.epochOf(boardId);
  }

  /** Stores an update with this turn's commit: resolves once durable, rejects if not stored. */
  append(boardId: string, update: Uint8Array, log: LogName = 'board'): Promise<void> {
    return this.commits.append(boardId, update, log);
  }

  /**
   * Replaces a board's log by its full state with this turn's commit, after the appends before
   * it: true once stored, false if saving paused. Never rejects.
   */
  compact(boardId: string, state: StoredUpdate, log: LogName = 'board'): Promise<boolean> {
    return this.commits.compact(boardId, state, log).then(
      () => true,
      () => false,
    );
  }

  /** The board's newest commit that is not durable yet: what its frames wait for. */
  pendingFor(boardId: string): Commit | null {
    return this.commits.pendingFor(boardId);
  }

  /** Drops what a deleted board would still write. */
  forget(boardId: string): void {
    this.commits.forget(boardId);
  }

  /** Logs a failure that stops nothing (a timeline entry not stored). */
  reportError(message: string): void {
    this.logger.error(message);
  }

  /** Says loudly that stored data was damaged and what was done about it. */
  reportDamage(message: string): void {
    this.logger.error(`STORED DATA DAMAGED: ${message}`);
  }

  /** Commits what is pending; true if everything was stored. Never rejects. */
  async flush(): Promise<boolean> {
    await this.commits.flush();
    return !this.savingPaused;
  }

  close(): void {
    this.closed = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private fenced(boardId: string, cause: unknown): void {
    this.logger.error(
      `board ${boardId}: writes refused (${String(cause)}): this process stops serving it`,
    );
    for (const listener of this.fencedListeners) listener(boardId);
  }

  private pause(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `STORE FAILURE: saving paused, every board closed until the store takes writes again: ${this.lastError}`,
    );
    for (const listener of this.pauseListeners) listener();
    this.probeDelay = FIRST_PROBE_MS;
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.probeTimer || this.closed) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      this.probe().then((ok) => {
        if (ok) return;
        this.probeDelay = Math.min(this.probeDelay * 2, MAX_PROBE_MS);
        this.scheduleProbe();
      });
    }, this.probeDelay);
    this.probeTimer.unref();
  }

  /** Tries a write; on success saving resumes. Never rejects. */
  private async probe(): Promise<boolean> {
    try {
      await this.store.probeWrite();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      return false;
    }
    if (this.closed) return true;
    this.commits.resume();
    this.lastError = null;
    this.logger.info('store recovered: saving resumed, boards open again');
    return true;
  }
}
