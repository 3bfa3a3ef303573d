/**
 * The timeline over a simulated day of 60 people (issue 16, "Over the day"): the recorder as the
 * room runs it, on a real SQLite store, with the clock and timers simulated. What a user cares
 * about: a whole day's record stays small beside the board itself, has an entry at every phase
 * and round change, and never more than one a minute while placements change.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../../server/persistence/sqlite.ts';
import { readTimeline } from '../../../server/persistence/storedTimeline.ts';
import { TimelineRecorder } from '../../../server/rooms/timelineRecorder.ts';
import {
  initBoardDoc,
  type Phase,
  putParticipant,
  setPhase,
  setPlacement,
} from '../../../shared/boardDoc.ts';
import { freezeRound } from '../../../shared/rounds.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../../shared/rubric.ts';
import { replayTimeline, TIMELINE_INTERVAL_MS } from '../../../shared/timeline.ts';
import { seededRandom } from '../../support/seededRandom.ts';

const PEOPLE = 60;
const MINUTE = 60_000;
const DAY_START = Date.UTC(2026, 11, 7, 8, 0);
const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
/** Bound a user would care about: a day's record under 200 KB, a few photos' worth less than one. */
const DAY_BOUND_BYTES = 200 * 1024;

describe('the timeline over a simulated day of 60 people', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      now: DAY_START,
      toFake: ['setInterval', 'clearInterval', 'setImmediate', 'Date'],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('records 8 hours in well under 200 KB, at every phase and round change and at most once a minute', async () => {
    const store = new SqliteStore(':memory:');
    const board = {
      boardId: 'day',
      joinCode: 'DAY-CODE',
      title: 'A day',
      organisations: [],
      createdAt: DAY_START,
    };
    const doc = new Y.Doc();
    initBoardDoc(
      doc,
      {
        title: board.title,
        organisations: [],
        createdAt: DAY_START,
        rubric: ELEMENTS_OF_PARTNERSHIP,
      },
      'server',
    );
    store.createBoard(board, Y.encodeStateAsUpdate(doc), {
      tokenHash: Buffer.alloc(32, 1),
      boardId: 'day',
      participantId: 'f',
      role: 'facilitator',
      createdAt: DAY_START,
      revokedAt: null,
    });
    const recorder = new TimelineRecorder('day', doc, store, (message) => {
      throw new Error(message);
    });
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) {
        const name = [...doc.share].find(([, shared]) => shared === type)?.[0] ?? '';
        if (name === 'control' || name === 'rounds') recorder.controlChanged();
        else recorder.figuresChanged();
      }
    });
    for (let i = 0; i < PEOPLE; i++) {
      putParticipant(
        doc,
        `p${i}`,
        { name: `Person ${i}`, role: 'participant', color: '#123456', joinedAt: DAY_START },
        'remote',
      );
    }
    const random = seededRandom(16);
    let round = 1;
    const phaseChanges: number[] = [];
    const phasesSet: Phase[] = [];
    const roundChanges: number[] = [];
    const changePhase = async (phase: Phase) => {
      setPhase(doc, phase, 'remote');
      phaseChanges.push(Date.now());
      phasesSet.push(phase);
      await vi.advanceTimersByTimeAsync(0);
    };
    /** A minute of the day: `movers` people each place or move a few cards. */
    const minute = async (movers: number) => {
      for (let m = 0; m < movers; m++) {
        const person = `p${Math.floor(random() * PEOPLE)}`;
        for (let c = 0; c < 3; c++) {
          const cardId = CARD_IDS[Math.floor(random() * CARD_IDS.length)] ?? 'trust.v1';
          setPlacement(doc, person, cardId, { x: random(), round, at: Date.now() }, 'remote');
        }
      }
      await vi.advanceTimersByTimeAsync(MINUTE);
    };
    // Two rounds of: placing 2 h (busy), revealed 30 min, discussing 1 h 30 (a few moves).
    for (const _ of [1, 2]) {
      await changePhase('placing');
      for (let t = 0; t < 120; t++) await minute(t < 60 ? 12 : 4);
      await changePhase('revealed');
      for (let t = 0; t < 30; t++) await minute(1);
      await changePhase('discussing');
      for (let t = 0; t < 90; t++) await minute(t % 3 === 0 ? 1 : 0);
      if (round === 1) {
        freezeRound(doc, null, CARD_IDS, () => undefined, Date.now(), 'remote');
        round += 1;
        roundChanges.push(Date.now());
        await vi.advanceTimersByTimeAsync(0);
      }
    }
    await changePhase('final');
    await recorder.finish();

    const rows = store.loadTimeline('day');
    // The entries' JSON as stored (one row each, besides its id, board id and time).
    const bytes = rows.reduce((sum, row) => sum + Buffer.byteLength(row.entry), 0);
    const entries = await readTimeline(store, 'day');
    const moments = replayTimeline(entries);
    // The figure docs/benchmarks.md reports.
    console.log(
      `timeline of a simulated 8 h day, ${PEOPLE} people, ${CARD_IDS.length} cards: ${entries.length} entries, ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB)`,
    );
    expect(bytes).toBeLessThan(DAY_BOUND_BYTES);
    // At most one a minute while placements change, plus one per phase and round change.
    expect(entries.length).toBeLessThanOrEqual(
      8 * 60 + phaseChanges.length + roundChanges.length + 1,
    );
    // Every phase and round change has its entry at its moment, with that phase or round (a
    // minute's entry at the same moment would have the one before).
    phaseChanges.forEach((at, index) => {
      const phase = phasesSet[index];
      expect(entries.some((entry) => entry.at === at && entry.phase === phase)).toBe(true);
    });
    for (const at of roundChanges) {
      expect(entries.some((entry) => entry.at === at && entry.round === 2)).toBe(true);
    }
    // Entries while only placements change are at least a minute apart.
    const eventTimes = new Set([...phaseChanges, ...roundChanges]);
    const timed = entries.filter((entry) => !eventTimes.has(entry.at)).map((entry) => entry.at);
    for (let i = 1; i < timed.length; i++) {
      expect((timed[i] ?? 0) - (timed[i - 1] ?? 0)).toBeGreaterThanOrEqual(TIMELINE_INTERVAL_MS);
    }
    // The new round empties every card: no figure of round 1 stays on the board after it.
    const afterRound = moments.find((moment) => moment.at === roundChanges[0]);
    expect(afterRound?.round).toBe(2);
    expect(afterRound?.cards.size).toBe(0);
    // At the end every card has its figures, each with at least three placements.
    const last = moments.at(-1);
    expect(last?.phase).toBe('final');
    expect(last?.cards.size).toBe(CARD_IDS.length);
    for (const figures of last?.cards.values() ?? []) expect(figures[3]).toBeGreaterThanOrEqual(3);
    store.close();
  });
});
