/** A snapshot built from plain data. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoardDoc } from '../../../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../../shared/rubric.ts';
import { buildSnapshot } from '../../../../shared/snapshot/build.ts';
import { snapshotFromDoc } from '../../../../shared/snapshot/fromDoc.ts';
import { T0 } from '../../../support/boardHistory.ts';
import { iso } from './exportedBoard.ts';

describe('buildSnapshot', () => {
  it('builds from plain data, as the client read-model holds it', () => {
    const snapshot = buildSnapshot({
      boardId: 'b',
      meta: {
        schemaVersion: 1,
        title: 'T',
        createdAt: T0,
        organisations: [],
        rubric: ELEMENTS_OF_PARTNERSHIP,
      },
      control: {
        phase: 'placing',
        round: 1,
        timer: null,
        focusCardId: null,
        showNames: false,
        joinOpen: true,
        roundCardIds: null,
      },
      participants: { a: { name: 'A', role: 'participant', color: '#000', joinedAt: T0 } },
      placements: { 'culture.p7': { a: { x: 0.25, round: 1, at: T0 + 5 } } },
      final: {},
      rounds: [],
      exportedAt: T0 + 10,
      anonymous: false,
    });
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
