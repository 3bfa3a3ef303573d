/** A snapshot built from a board document, plain and anonymised. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readParticipants, readRounds } from '../../../../shared/boardDoc.ts';
import { cardStats } from '../../../../shared/boardStats.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../../../shared/rubric.ts';
import { snapshotFromDoc } from '../../../../shared/snapshot/fromDoc.ts';
import { SNAPSHOT_VERSION } from '../../../../shared/snapshot/schema.ts';
import { boardWithHistory, PEOPLE, PLACERS, T0 } from '../../../support/boardHistory.ts';
import { EXPORTED_AT, iso, snapshotOf } from './exportedBoard.ts';

describe('snapshotFromDoc', () => {
  it('holds the board, the rubric, the session and the people who place cards, in join order', () => {
    const snapshot = snapshotOf(boardWithHistory());
    expect(snapshot.snapshotVersion).toBe(SNAPSHOT_VERSION);
    expect(snapshot.exportedAt).toBe(iso(EXPORTED_AT));
    expect(snapshot.anonymous).toBe(false);
    expect(snapshot.board).toEqual({
      id: 'board-1',
      title: 'Retreat, "North" = 2025',
      createdAt: iso(T0),
      organisations: ['County', 'Alliance'],
    });
    expect(snapshot.rubric).toEqual(ELEMENTS_OF_PARTNERSHIP);
    expect(snapshot.languages).toEqual(['en', 'es']);
    expect(snapshot.session).toEqual({ phase: 'discussing', round: 2, roundCardIds: ['trust.v1'] });
    // No facilitator, no observer.
    expect(snapshot.participants.map((p) => p.id)).toEqual(PLACERS.map((who) => PEOPLE[who].id));
    expect(snapshot.participants[1]).toEqual({
      id: PEOPLE.ben.id,
      name: 'Ben Brandt',
      organisation: 'Alliance',
      color: '#0072B2',
      joinedAt: iso(T0 + 2000),
      proxy: true,
      removed: false,
    });
    expect(snapshot.participants[2]).toMatchObject({ name: 'Cy Coleridge', removed: true });
    expect(snapshot.participants[2]).not.toHaveProperty('organisation');
  });

  it('lists every placement of every round, with the time and reason where the board still has them', () => {
    const snapshot = snapshotOf(boardWithHistory());
    const trust = snapshot.placements.filter((p) => p.cardId === 'trust.v1');
    expect(trust).toEqual([
      // Closed round 1, from the frozen record; Ana and Dee and Fay moved on, so no time.
      { participantId: PEOPLE.ana.id, cardId: 'trust.v1', round: 1, position: 0.5 },
      {
        participantId: PEOPLE.ben.id,
        cardId: 'trust.v1',
        round: 1,
        position: 0.52,
        reason: '=HYPERLINK("x"), said the proxy',
        placedAt: iso(T0 + 61_000),
      },
      {
        participantId: PEOPLE.cy.id,
        cardId: 'trust.v1',
        round: 1,
        position: 0.48,
        placedAt: iso(T0 + 60_000),
      },
      { participantId: PEOPLE.dee.id, cardId: 'trust.v1', round: 1, position: 0.5 },
      {
        participantId: PEOPLE.eli.id,
        cardId: 'trust.v1',
        round: 1,
        position: 1,
        placedAt: iso(T0 + 60_000),
      },
      { participantId: PEOPLE.fay.id, cardId: 'trust.v1', round: 1, position: 0.5 },
      // The open round 2, from the place: maps.
      {
        participantId: PEOPLE.ana.id,
        cardId: 'trust.v1',
        round: 2,
        position: 0.7,
        reason: 'we moved',
        placedAt: iso(T0 + 180_000),
      },
      {
        participantId: PEOPLE.dee.id,
        cardId: 'trust.v1',
        round: 2,
        position: 0.65,
        placedAt: iso(T0 + 181_000),
      },
      {
        participantId: PEOPLE.fay.id,
        cardId: 'trust.v1',
        round: 2,
        position: 0.2,
        placedAt: iso(T0 + 182_000),
      },
    ]);
    // The removed person's other placement is recorded too.
    expect(snapshot.placements.filter((p) => p.cardId === 'trust.v2')).toEqual([
      {
        participantId: PEOPLE.ana.id,
        cardId: 'trust.v2',
        round: 1,
        position: 0.1,
        reason: 'Line one\nline two',
        placedAt: iso(T0 + 62_000),
      },
      {
        participantId: PEOPLE.cy.id,
        cardId: 'trust.v2',
        round: 1,
        position: 0.9,
        placedAt: iso(T0 + 63_000),
      },
    ]);
    expect(snapshot.placements).toHaveLength(12);
    expect(snapshot.final).toEqual([
      { cardId: 'trust.v1', position: 0.66, note: '@all: agreed, with "care"' },
      { cardId: 'values.p1', position: 0.8, note: '' },
    ]);
  });

  it('summarises every card as boardStats does (removed people out), with outliers by id', () => {
    const doc = boardWithHistory();
    const snapshot = snapshotOf(doc);
    const cards = rubricCards(ELEMENTS_OF_PARTNERSHIP);
    expect(snapshot.summaries.cards.map((c) => c.cardId)).toEqual(cards.map((c) => c.id));

    const participants = Object.fromEntries(readParticipants(doc));
    const live = cardStats(
      'trust.v1',
      {
        [PEOPLE.ana.id]: { x: 0.7, round: 2, at: 0 },
        [PEOPLE.dee.id]: { x: 0.65, round: 2, at: 0 },
        [PEOPLE.fay.id]: { x: 0.2, round: 2, at: 0 },
      },
      participants,
      readRounds(doc),
    );
    const trust = snapshot.summaries.cards[0];
    expect(trust).toMatchObject({ cardId: 'trust.v1', elementId: 'trust', round: 2 });
    expect(trust?.summary).toEqual({ ...live.summary, outliers: [] });
    expect(trust?.change?.medianChange).toBeCloseTo(0.65 - 0.5, 9);
    expect(trust?.change).not.toHaveProperty('before');

    // Round 1 of trust.v1 over who counts now: Cy is out, Eli is the outlier.
    const round1 = snapshot.rounds[0];
    expect(round1).toMatchObject({ round: 1, cardIds: ['trust.v1'], closedAt: iso(T0 + 120_000) });
    expect(round1?.summaries['trust.v1']).toMatchObject({ n: 4 + 1, outliers: [PEOPLE.eli.id] });

    // trust.v2: only Ana counts (Cy was removed).
    expect(snapshot.summaries.cards[1]?.summary).toMatchObject({ n: 1, median: 0.1 });
    const element = snapshot.summaries.elements[0];
    expect(element?.elementId).toBe('trust');
    expect(element?.summary.position).toBeCloseTo((0.65 + 0.1) / 2, 9);
    expect(snapshot.summaries.board.position).toBeCloseTo(((0.65 + 0.1) / 2 + 0.75) / 2, 9);
    expect(snapshot.summaries.discussionOrder[0]).toBe('trust.v1');
  });

  it('anonymises with stable labels in join order: no name and no board-side id anywhere', () => {
    const snapshot = snapshotOf(boardWithHistory(), true);
    const text = JSON.stringify(snapshot);
    for (const person of Object.values(PEOPLE)) {
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.id);
    }
    expect(snapshot.anonymous).toBe(true);
    expect(snapshot.participants.map((p) => [p.id, p.name])).toEqual(
      PLACERS.map((_, index) => [`p${index + 1}`, `Participant ${index + 1}`]),
    );
    expect(snapshot.participants[2]?.removed).toBe(true);
    expect(snapshot.placements[1]).toMatchObject({
      participantId: 'p2',
      reason: expect.any(String),
    });
    expect(snapshot.rounds[0]?.summaries['trust.v1']?.outliers).toEqual(['p5']);
  });

  it('is null for a document without readable meta', () => {
    expect(snapshotFromDoc(new Y.Doc(), 'x', { exportedAt: 0, anonymous: false })).toBeNull();
  });
});
