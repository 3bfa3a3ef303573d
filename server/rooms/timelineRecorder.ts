/**
 * Records a live board's figures over the day (shared/timeline.ts) into the store. Only the
 * process that holds the board's room records (in a cluster, the lease holder), and never on the
 * hot path: a change of the board only sets a flag; the figures are computed once a minute while
 * placements change, and when the phase or the round changes (checked once per tick, however
 * many updates it carried), and once more as the room is stored on its way out.
 *
 * A failed write is logged and forgotten: the timeline is a record for the report, and the board
 * itself never waits for it.
 */
import type * as Y from 'yjs';
import type { Phase } from '../../shared/boardDoc.ts';
import { viewSource } from '../../shared/publicView.ts';
import {
  changedCards,
  MAX_TIMELINE_ENTRIES,
  replayTimeline,
  TIMELINE_INTERVAL_MS,
  type TimelineEntry,
  type TimelineFigures,
  timelineFiguresOf,
} from '../../shared/timeline.ts';
import { FencedError } from '../persistence/fencedError.ts';
import type { TimelineStore } from '../persistence/store.ts';
import { readTimeline, timelineRows } from '../persistence/storedTimeline.ts';

/** What the last stored entry left the board at. */
interface Recorded {
  phase: Phase | null;
  round: number;
  cards: Map<string, TimelineFigures>;
  entries: number;
  /** The last entry's time: a later one is never earlier (another process's clock, a step back). */
  lastAt: number;
}

/** One moment read from the board, before it is compared with what was recorded. */
interface Reading {
  at: number;
  phase: Phase;
  round: number;
  figures: Map<string, TimelineFigures>;
}

/** How long an unloading room waits for its last timeline entry. */
const FINISH_WAIT_MS = 2000;

export class TimelineRecorder {
  /**
   * What the stored timeline ends at: read when first needed, not as the room loads, so a
   * board's first sync never waits for it.
   */
  private recorded: Promise<Recorded> | null = null;
  private readonly timer: NodeJS.Timeout;
  /**
   * Placements or people changed since the last reading. Not at first: a room loaded only for an
   * export or a command has nothing new, and reads no timeline as it unloads.
   */
  private figuresDirty = false;
  private controlCheckScheduled = false;
  /** Records in order, one after another. */
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Set when the room is dropped unstored (deleted, or no longer this process's): nothing more is written. */
  private dropped = false;
  private reportedFull = false;

  constructor(
    private readonly boardId: string,
    private readonly doc: Y.Doc,
    private readonly store: TimelineStore,
    private readonly report: (message: string) => void,
    /** The owner epoch this process's writes of the board carry (several instances), if any. */
    private readonly fenceOf: () => number | undefined = () => undefined,
    private readonly now: () => number = Date.now,
    intervalMs = TIMELINE_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Placements or people changed: the next tick reads the figures again. */
  figuresChanged(): void {
    this.figuresDirty = true;
  }

  /** The control or the rounds changed: a new phase or round is recorded at once (this tick). */
  controlChanged(): void {
    if (this.controlCheckScheduled || this.stopped) return;
    this.controlCheckScheduled = true;
    setImmediate(() => {
      this.controlCheckScheduled = false;
      // The figures are read too, and stay due for the next tick (it writes only what changed).
      if (this.stopped) return;
      try {
        this.record(this.read(false), 'phase-or-round');
      } catch (error) {
        this.report(`board ${this.boardId}: its figures could not be read: ${String(error)}`);
      }
    });
  }

  /**
   * Records what changed since the last entry, then stops; resolves once it is stored, or after
   * FINISH_WAIT_MS at most: a slow store never holds the room's unload (or its next load).
   */
  finish(): Promise<void> {
    if (!this.stopped) {
      try {
        if (this.figuresDirty) this.record(this.read(), 'anything');
      } finally {
        this.halt();
      }
    }
    return Promise.race([
      this.writing,
      new Promise<void>((resolve) => setTimeout(resolve, FINISH_WAIT_MS).unref()),
    ]);
  }

  /** Stops recording at once, writes queued included (the board was deleted, or the room is dropped unstored). */
  stop(): void {
    this.dropped = true;
    this.halt();
  }

  private halt(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private readRecorded(): Promise<Recorded> {
    return readTimeline(this.store, this.boardId).then(
      (entries) => {
        const last = replayTimeline(entries).at(-1);
        return {
          phase: last?.phase ?? null,
          round: last?.round ?? 0,
          cards: last?.cards ?? new Map(),
          entries: entries.length,
          lastAt: last?.at ?? 0,
        };
      },
      (error: unknown) => {
        // Nothing is recorded until it can be read: an entry is a change from the last one.
        this.recorded = null;
        throw error;
      },
    );
  }

  private tick(): void {
    if (this.stopped || !this.figuresDirty) return;
    try {
      this.record(this.read(), 'anything');
    } catch (error) {
      this.report(`board ${this.boardId}: its figures could not be read: ${String(error)}`);
    }
  }

  /** The board now; read synchronously, so no later change of the document slips in. */
  private read(clean = true): Reading {
    if (clean) this.figuresDirty = false;
    const source = viewSource(this.doc);
    return {
      at: this.now(),
      phase: source.control.phase,
      round: source.control.round,
      figures: timelineFiguresOf(source),
    };
  }

  /**
   * Stores the reading if it differs from the last entry: in its phase or round, or (`anything`)
   * in its figures as well.
   */
  private record(reading: Reading, what: 'phase-or-round' | 'anything'): void {
    this.writing = this.writing
      .then(async () => {
        if (this.dropped) return;
        this.recorded ??= this.readRecorded();
        const recorded = await this.recorded;
        if (this.dropped) return;
        const moved = reading.phase !== recorded.phase || reading.round !== recorded.round;
        const cards = changedCards(recorded.cards, reading.figures);
        if (!moved && (what === 'phase-or-round' || Object.keys(cards).length === 0)) return;
        if (recorded.entries >= MAX_TIMELINE_ENTRIES) {
          if (!this.reportedFull) {
            this.reportedFull = true;
            this.report(`board ${this.boardId}: its timeline is full; no more is recorded`);
          }
          return;
        }
        const entry: TimelineEntry = {
          at: Math.max(reading.at, recorded.lastAt),
          phase: reading.phase,
          round: reading.round,
          cards,
        };
        await this.store.appendTimeline(this.boardId, timelineRows([entry]), this.fenceOf());
        recorded.phase = reading.phase;
        recorded.round = reading.round;
        recorded.cards = reading.figures;
        recorded.entries += 1;
        recorded.lastAt = entry.at;
      })
      .catch((error: unknown) => {
        if (error instanceof FencedError) {
          // Another process holds the board now: its record goes on there, not here.
          this.stop();
          return;
        }
        // The next tick tries again with what the board holds then.
        this.figuresDirty = true;
        this.report(`board ${this.boardId}: a timeline entry was not stored: ${String(error)}`);
      });
  }
}
