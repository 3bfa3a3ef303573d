/**
 * One of a board's stored update logs, as its room sees it: loading, appending, compaction and the
 * budget. The log's size is counted as it grows, never by encoding the document.
 *
 * Compaction writes the document's whole state in place of the log, so it only runs once the
 * document holds every appended update: between an append and its apply, the document's state
 * would replace a row it lacks. Appends and compactions are written by the turn's commit
 * (tickCommit.ts) in the order they are made, so a compaction replaces exactly the rows before it.
 */
import type * as Y from 'yjs';
import { andThen } from './awaitable.ts';
import { applyStoredLog, loadStoredDoc } from './roomLoad.ts';
import type { CountedLog, StorageBudget } from './storageBudget.ts';
import type { Awaitable, LogName } from './store.ts';
import { compactedState, type StoredUpdate } from './storedUpdate.ts';
import type { UpdateLog } from './updateLog.ts';

/** Compact the stored log once this many updates have been appended since the last time. */
const COMPACT_AFTER_APPENDS = 500;
/**
 * Or once this many bytes have been appended: a few large rewrites (the view's figures when the
 * phase or "show names" changes rewrite every card) grow a log faster than many small drops.
 */
const COMPACT_AFTER_BYTES = 1024 * 1024;

export class BoardLog implements CountedLog {
  private appendsSinceCompaction = 0;
  private bytesSinceCompaction = 0;
  /** Bytes in the stored log: as loaded or last compacted, plus every append since. */
  private bytes: number;

  /**
   * Loads one of the board's stored logs (persistence/roomLoad.ts) into `doc`, counted in the
   * board's `budget`. Throws RoomLoadError.
   */
  constructor(
    readonly boardId: string,
    private readonly doc: Y.Doc,
    private readonly log: UpdateLog,
    budget: StorageBudget,
    stored: readonly StoredUpdate[],
    private readonly name: LogName = 'board',
  ) {
    this.bytes =
      name === 'board' ? loadStoredDoc(doc, boardId, stored) : applyStoredLog(doc, boardId, stored);
    budget.count(this);
  }

  get storedBytes(): number {
    return this.bytes;
  }

  /**
   * Stores the update with this turn's commit (tickCommit.ts): resolves once it is durable,
   * rejects if saving paused instead (the room is closed then).
   */
  append(update: Uint8Array): Awaitable<void> {
    this.bytes += update.length;
    this.appendsSinceCompaction += 1;
    this.bytesSinceCompaction += update.length;
    return this.log.append(this.boardId, update, this.name);
  }

  /** Whether a compaction could make room: something was appended since the last one. */
  get mayShrink(): boolean {
    return this.appendsSinceCompaction > 0;
  }

  /** Compacts once enough has been appended; call only once the document holds every append. */
  compactWhenDue(): Awaitable<void> {
    if (
      this.appendsSinceCompaction >= COMPACT_AFTER_APPENDS ||
      this.bytesSinceCompaction >= COMPACT_AFTER_BYTES
    ) {
      return this.compact();
    }
  }

  /** Replaces the log by the document's full state, after its appends; never rejects. */
  compact(): Awaitable<void> {
    const state = compactedState(this.doc);
    const appended = this.appendsSinceCompaction;
    const appendedBytes = this.bytesSinceCompaction;
    return andThen(this.log.compact(this.boardId, state, this.name), (compacted) => {
      if (!compacted) return;
      this.appendsSinceCompaction -= appended;
      this.bytesSinceCompaction -= appendedBytes;
      this.bytes = state.data.length;
    });
  }
}
