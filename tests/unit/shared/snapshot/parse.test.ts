/** A snapshot file checked when read back. */
import { describe, expect, it } from 'vitest';
import { type ParsedSnapshot, parseSnapshot } from '../../../../shared/snapshot/parse.ts';
import { SNAPSHOT_VERSION } from '../../../../shared/snapshot/schema.ts';
import { boardWithHistory, editedCopy, PEOPLE, REMOVE } from '../../../support/boardHistory.ts';
import { asFile, snapshotOf } from './exportedBoard.ts';

describe('parseSnapshot', () => {
  const valid = () => asFile(snapshotOf(boardWithHistory()));

  it('reads back what buildSnapshot wrote, plain or anonymised', () => {
    for (const anonymous of [false, true]) {
      const result = parseSnapshot(asFile(snapshotOf(boardWithHistory(), anonymous)));
      expect(result).toMatchObject({ ok: true });
      // A built snapshot is a parsed one (checked by the compiler).
      const parsed: ParsedSnapshot = snapshotOf(boardWithHistory(), anonymous);
      expect(parsed.snapshotVersion).toBe(SNAPSHOT_VERSION);
    }
  });

  it('accepts translations in other languages, tagged like es-MX, as long as the source text may be', () => {
    const file = editedCopy(
      valid(),
      ['rubric', 'elements', 0, 'cards', 1, 'translations', 'es-MX'],
      'y'.repeat(1000),
    );
    const result = parseSnapshot(file);
    expect(result.ok).toBe(true);
    const card = result.ok ? result.snapshot.rubric.elements[0]?.cards[1] : undefined;
    expect(card?.translations).toMatchObject({ 'es-MX': 'y'.repeat(1000) });
  });

  it("reads a board with its own rubric: another id, a column swapped, an unplaced card gone, a card's own language", () => {
    let file = editedCopy(valid(), ['rubric', 'id'], 'custom');
    file = editedCopy(file, ['rubric', 'elements', 0, 'cards', 0, 'column'], 'partnership');
    file = editedCopy(file, ['rubric', 'elements', 0, 'cards', 2, 'language'], 'es');
    const built = snapshotOf(boardWithHistory());
    const placed = new Set(built.placements.map((placement) => placement.cardId));
    const lastElement = built.rubric.elements.length - 1;
    const cards = built.rubric.elements[lastElement]?.cards ?? [];
    const unplaced = cards.findIndex((card) => !placed.has(card.id));
    expect(unplaced).toBeGreaterThanOrEqual(0);
    file = editedCopy(file, ['rubric', 'elements', lastElement, 'cards', unplaced], REMOVE);
    const result = parseSnapshot(file);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.snapshot.rubric.id).toBe('custom');
    expect(result.snapshot.rubric.elements[0]?.cards[2]?.language).toBe('es');
  });

  it('accepts a file without the derived summaries', () => {
    const file = valid();
    delete file.summaries;
    expect(parseSnapshot(file).ok).toBe(true);
  });

  const firstPlacement = snapshotOf(boardWithHistory()).placements[0];
  const cases: [what: string, path: (string | number)[], value: unknown, field: string][] = [
    [
      'a newer version',
      ['snapshotVersion'],
      SNAPSHOT_VERSION + 1,
      `snapshotVersion: must be ${SNAPSHOT_VERSION}`,
    ],
    ['no languages', ['languages'], REMOVE, 'languages'],
    ['a bad language', ['languages', 1], 'Spanish', 'languages.1'],
    ['a bad rubric language', ['rubric', 'language'], 'en_US', 'rubric.language'],
    [
      'a translation in a bad language',
      ['rubric', 'elements', 0, 'translations', 'Español'],
      'Confianza',
      'rubric.elements.0.translations',
    ],
    [
      'a blank translation',
      ['rubric', 'elements', 0, 'cards', 1, 'translations', 'es'],
      ' ',
      'rubric.elements.0.cards.1.translations.es',
    ],
    [
      'a translation longer than a card may be',
      ['rubric', 'elements', 0, 'cards', 1, 'translations', 'es-MX'],
      'x'.repeat(1001),
      'rubric.elements.0.cards.1.translations.es-MX',
    ],
    [
      'an axis translation without its right end',
      ['rubric', 'axis', 'translations', 'es', 'right'],
      REMOVE,
      'rubric.axis.translations.es.right',
    ],
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
    // Checked against its own rubric: a card it places must be there, and be one card.
    [
      'a placed card renamed in its rubric',
      ['rubric', 'elements', 0, 'cards', 0, 'id'],
      'x',
      '"trust.v1" is not a card of the rubric',
    ],
    [
      'a card listed twice',
      ['rubric', 'elements', 0, 'cards', 1, 'id'],
      'trust.v1',
      'rubric.elements.0.cards.1.id',
    ],
    ['an element listed twice', ['rubric', 'elements', 1, 'id'], 'trust', 'rubric.elements.1.id'],
    [
      'a card id objects already have',
      ['rubric', 'elements', 0, 'cards', 2, 'id'],
      'valueOf',
      'rubric.elements.0.cards.2.id',
    ],
    [
      'an element name over 60',
      ['rubric', 'elements', 0, 'name'],
      'n'.repeat(61),
      'rubric.elements.0.name',
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
