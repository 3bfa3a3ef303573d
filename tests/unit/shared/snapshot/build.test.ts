/** A snapshot built from plain data. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INITIAL_CONTROL, initBoardDoc } from '../../../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../../shared/rubric.ts';
import { buildSnapshot, type SnapshotSource } from '../../../../shared/snapshot/build.ts';
import { snapshotFromDoc } from '../../../../shared/snapshot/fromDoc.ts';
import { T0 } from '../../../support/boardHistory.ts';
import { iso } from './exportedBoard.ts';

describe('buildSnapshot', () => {
  /** A board created at T0, with one person and the given placements, exported at `exportedAt`. */
  function snapshotWith(
    placements: SnapshotSource['placements'],
    rounds: SnapshotSource['rounds'] = [],
    exportedAt = T0 + 10,
  ) {
    return buildSnapshot({
      boardId: 'b',
      meta: {
        schemaVersion: 1,
        title: 'T',
        createdAt: T0,
        organisations: [],
        rubric: ELEMENTS_OF_PARTNERSHIP,
      },
      control: INITIAL_CONTROL,
      participants: { a: { name: 'A', role: 'participant', color: '#000', joinedAt: T0 } },
      placements,
      final: {},
      rounds,
      exportedAt,
      anonymous: false,
    });
  }

  const HOUR = 3_600_000;
  it.each<[string, number, number]>([
    ['a time inside the window as claimed', T0 + HOUR, T0 + HOUR],
    ['a claimed -5 as the round start minus a minute', -5, T0 - 60_000],
    ['a time long before the board as the round start minus a minute', T0 - HOUR, T0 - 60_000],
    ['a time in the far future as the export plus two minutes', 1e15, T0 + 2 * HOUR + 120_000],
  ])('shows %s', (_what, at, shown) => {
    const snapshot = snapshotWith(
      { 'culture.p7': { a: { x: 0.5, round: 1, at } } },
      [],
      T0 + 2 * HOUR,
    );
    expect(snapshot.placements[0]?.placedAt).toBe(iso(shown));
  });

  it("clamps a later round's time to when the record before it closed the card's round", () => {
    const closedAt = T0 + HOUR;
    const record = { round: 1, cardIds: ['culture.p7'], closedAt, positions: {}, summaries: {} };
    const snapshot = snapshotWith(
      { 'culture.p7': { a: { x: 0.5, round: 2, at: T0 } } },
      [record],
      T0 + 2 * HOUR,
    );
    expect(snapshot.placements[0]?.placedAt).toBe(iso(closedAt - 60_000));
  });

  it('builds from plain data, as the client read-model holds it', () => {
    const snapshot = snapshotWith({ 'culture.p7': { a: { x: 0.25, round: 1, at: T0 + 5 } } });
    expect(snapshot.placements).toEqual([
      { participantId: 'a', cardId: 'culture.p7', round: 1, position: 0.25, placedAt: iso(T0 + 5) },
    ]);
    expect(snapshot.summaries.board).toEqual({ position: 0.25, rwg: null });
  });

  it('leaves out placements on cards the rubric does not have and times that cannot be printed', () => {
    const doc = new Y.Doc();
    initBoardDoc(
      doc,
      { title: 'T', createdAt: T0, organisations: [], rubric: ELEMENTS_OF_PARTNERSHIP },
      'server',
    );
    const snapshot = snapshotFromDoc(doc, 'b', { exportedAt: 1e20, anonymous: false });
    expect(snapshot?.exportedAt).toBe(iso(T0));
    expect(snapshot?.placements).toEqual([]);
  });
});
