/**
 * One board's stored update log, as its room sees it: loading, appending, compaction and the
 * budget. The log's size is counted as it grows, never by encoding the document.
 *
 * Compaction writes the document's whole state in place of the log, so it only runs once the
 * document holds every appended update: between an append and its apply, the document's state
 * would replace a row it lacks.
 */
import type * as Y from 'yjs';
import { loadStoredDoc } from './roomLoad.ts';
import { compactedState } from './storedUpdate.ts';
import type { UpdateLog } from './updateLog.ts';

/** Compact the stored log once this many updates have been appended since the last time. */
const COMPACT_AFTER_APPENDS = 500;

export class BoardLog {
  private appendsSinceCompaction = 0;
  /** Bytes in the stored log: as loaded or last compacted, plus every append since. */
  private storedBytes: number;

  /** Loads the board's stored log into `doc`. Throws RoomLoadError. */
  constructor(
    readonly boardId: string,
    private readonly doc: Y.Doc,
    private readonly log: UpdateLog,
    private readonly budgetBytes: number,
  ) {
    this.storedBytes = loadStoredDoc(doc, boardId, log);
  }

  append(update: Uint8Array): void {
    this.log.append(this.boardId, update);
    this.storedBytes += update.length;
    this.appendsSinceCompaction += 1;
  }

  /** Whether the log may grow by `bytes`; compacts first when that could make room. */
  fits(bytes: number): boolean {
    if (this.storedBytes + bytes <= this.budgetBytes) return true;
    if (this.appendsSinceCompaction > 0) this.compact();
    return this.storedBytes + bytes <= this.budgetBytes;
  }

  /** Compacts once enough has been appended; call only once the document holds every append. */
  compactWhenDue(): void {
    if (this.appendsSinceCompaction >= COMPACT_AFTER_APPENDS) this.compact();
  }

  /** Replaces the log by the document's full state (skipped while the store fails). */
  compact(): void {
    const state = compactedState(this.doc);
    if (this.log.compact(this.boardId, state)) {
      this.appendsSinceCompaction = 0;
      this.storedBytes = state.data.length;
    }
  }
}
