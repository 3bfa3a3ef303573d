/** The snapshot format: built from a board document, anonymised, and checked when read back. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoardDoc, readParticipants, readRounds } from '../../../shared/boardDoc.ts';
import { cardStats } from '../../../shared/boardStats.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../../shared/rubric.ts';
import {
  buildSnapshot,
  type ParsedSnapshot,
  parseSnapshot,
  SNAPSHOT_VERSION,
  type Snapshot,
  snapshotFromDoc,
} from '../../../shared/snapshot.ts';
import {
  boardWithHistory,
  editedCopy,
  PEOPLE,
  PLACERS,
  REMOVE,
  T0,
} from '../../support/boardHistory.ts';

const EXPORTED_AT = T0 + 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function snapshotOf(doc: Y.Doc, anonymous = false): Snapshot {
  const snapshot = snapshotFromDoc(doc, 'board-1', { exportedAt: EXPORTED_AT, anonymous });
  if (!snapshot) throw new Error('no snapshot');
  return snapshot;
}

/** What a file holds: the snapshot through JSON. */
function asFile(snapshot: Snapshot): Record<string, unknown> {
  return JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
}

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

describe('parseSnapshot', () => {
  const valid = () => asFile(snapshotOf(boardWithHistory()));

  it('reads back what buildSnapshot wrote, plain or anonymised', () => {
    for (const anonymous of [false, true]) {
      const result = parseSnapshot(asFile(snapshotOf(boardWithHistory(), anonymous)));
      expect(result).toMatchObject({ ok: true });
      // A built snapshot is a parsed one (checked by the compiler).
      const parsed: ParsedSnapshot = snapshotOf(boardWithHistory(), anonymous);
      expect(parsed.snapshotVersion).toBe(1);
    }
  });

  it('accepts a file without the derived summaries', () => {
    const file = valid();
    delete file.summaries;
    expect(parseSnapshot(file).ok).toBe(true);
  });

  const firstPlacement = snapshotOf(boardWithHistory()).placements[0];
  const cases: [what: string, path: (string | number)[], value: unknown, field: string][] = [
    ['a newer version', ['snapshotVersion'], 2, 'snapshotVersion: must be 1'],
    ['no title', ['board', 'title'], REMOVE, 'board.title'],
    ['a blank title', ['board', 'title'], '  ', 'board.title'],
    ['a position above 1', ['placements', 3, 'position'], 1.5, 'placements.3.position'],
    ['a negative position', ['final', 0, 'position'], -0.1, 'final.0.position'],
    ['a position as text', ['placements', 0, 'position'], '0.5', 'placements.0.position'],
    ['an unknown card', ['placements', 2, 'cardId'], 'trust.v9', 'placements.2.cardId'],
    ['an unknown person', ['placements', 2, 'participantId'], 'zz', 'placements.2.participantId'],
    ['a round too far', ['placements', 11, 'round'], 3, 'placements.11.round'],
    ['a fractional round', ['placements', 0, 'round'], 1.5, 'placements.0.round'],
    ['an open round without time', ['placements', 6, 'placedAt'], REMOVE, 'placements.6.placedAt'],
    ['a duplicate placement', ['placements', 12], firstPlacement, 'placements.12'],
    ['a bad time', ['participants', 0, 'joinedAt'], 'yesterday', 'participants.0.joinedAt'],
    ['a duplicate person', ['participants', 1, 'id'], PEOPLE.ana.id, 'participants.1.id'],
    [
      'a foreign organisation',
      ['participants', 0, 'organisation'],
      'Elsewhere',
      'participants.0.organisation',
    ],
    ['a bad colour', ['participants', 0, 'color'], 'red;', 'participants.0.color'],
    [
      'a rubric card renamed',
      ['rubric', 'elements', 0, 'cards', 0, 'id'],
      'x',
      'rubric.elements.0.cards.0.id',
    ],
    ['a rubric card dropped', ['rubric', 'elements', 5, 'cards', 6], REMOVE, 'systems.p4'],
    ['another rubric', ['rubric', 'id'], 'other', 'rubric.id'],
    [
      'a column swapped',
      ['rubric', 'elements', 0, 'cards', 0, 'column'],
      'partnership',
      'rubric.elements.0.cards.0.column',
    ],
    ['rounds past the session', ['session', 'round'], 1, 'rounds.0.round'],
    ['an unknown round card', ['rounds', 0, 'cardIds', 0], 'nope', 'rounds.0.cardIds.0'],
    ['an unknown phase', ['session', 'phase'], 'voting', 'session.phase'],
    ['an extra field', ['board', 'secret'], 1, 'board'],
    ['a long reason', ['placements', 1, 'reason'], 'x'.repeat(281), 'placements.1.reason'],
    ['no participants', ['participants'], REMOVE, 'participants'],
  ];

  it.each(cases)('refuses %s, naming the field', (_what, path, value, field) => {
    const result = parseSnapshot(editedCopy(valid(), path, value));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(field);
  });

  it('refuses what is no snapshot at all', () => {
    for (const value of [null, [], 'snapshot', 42]) expect(parseSnapshot(value).ok).toBe(false);
  });
});
