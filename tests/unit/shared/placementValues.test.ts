/** The server takes placements only as the board's own cards, in their exact shape. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoardDoc, placeMap, putParticipant } from '../../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';
import { checkUpdate, WRITE_REJECTIONS } from '../../../shared/writeRules.ts';

function attempt(write: (place: Y.Map<unknown>) => void) {
  const server = new Y.Doc();
  initBoardDoc(
    server,
    { title: 'T', createdAt: 1, organisations: [], rubric: ELEMENTS_OF_PARTNERSHIP },
    'server',
  );
  putParticipant(
    server,
    'p1',
    { name: 'A', role: 'participant', color: '#000', joinedAt: 1 },
    'server',
  );
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(server);
  write(placeMap(client, 'p1'));
  return checkUpdate(server, Y.encodeStateAsUpdate(client, before), {
    participantId: 'p1',
    role: 'participant',
  });
}

describe('placement values', () => {
  it('accepts a card of the board with { x, round, at, reason? }', () => {
    expect(attempt((place) => place.set('trust.v1', { x: 0.5, round: 1, at: 2 }))).toEqual({
      ok: true,
    });
    expect(
      attempt((place) => place.set('trust.v1', { x: 0.5, round: 1, at: 2, reason: 'why' })),
    ).toEqual({ ok: true });
  });

  it.each([
    [
      'a key that is no card of the board',
      (place: Y.Map<unknown>) => place.set('not-a-card', { x: 0.5, round: 1, at: 2 }),
    ],
    [
      'an extra field',
      (place: Y.Map<unknown>) =>
        place.set('trust.v1', { x: 0.5, round: 1, at: 2, junk: 'x'.repeat(1000) }),
    ],
    [
      'a reason longer than 280 characters',
      (place: Y.Map<unknown>) =>
        place.set('trust.v1', { x: 0.5, round: 1, at: 2, reason: 'x'.repeat(281) }),
    ],
    [
      'a round that is not a whole number',
      (place: Y.Map<unknown>) => place.set('trust.v1', { x: 0.5, round: 1.5, at: 2 }),
    ],
    [
      'a position off the axis',
      (place: Y.Map<unknown>) => place.set('trust.v1', { x: 1.5, round: 1, at: 2 }),
    ],
  ])('refuses %s', (_, write) => {
    expect(attempt(write)).toEqual({ ok: false, reason: WRITE_REJECTIONS.invalidPlacement });
  });
});
