/** The board document helpers, with two documents linked in memory as two clients. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  clearPlacement,
  INITIAL_CONTROL,
  initBoardDoc,
  participantIdOfRoot,
  placeMap,
  placementOwners,
  putParticipant,
  readControl,
  readMeta,
  readParticipants,
  readPlacement,
  readPlacements,
  rootNameOf,
  roundPosition,
  SCHEMA_VERSION,
  setControl,
  setPlacement,
} from '../../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';

function newBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(
    doc,
    {
      title: 'Retreat',
      createdAt: 1000,
      organisations: ['County'],
      rubric: ELEMENTS_OF_PARTNERSHIP,
    },
    'server',
  );
  return doc;
}

/** Two docs that exchange every update, like two browsers through a server. */
function linkedPair(): [Y.Doc, Y.Doc] {
  const a = newBoard();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
  });
  return [a, b];
}

describe('board document', () => {
  it('starts a board with its meta (rubric as plain JSON) and the initial control', () => {
    const doc = newBoard();
    const meta = readMeta(doc);
    expect(meta).toEqual({
      schemaVersion: SCHEMA_VERSION,
      title: 'Retreat',
      createdAt: 1000,
      organisations: ['County'],
      rubric: ELEMENTS_OF_PARTNERSHIP,
    });
    expect(readControl(doc)).toEqual({ ...INITIAL_CONTROL, phase: 'placing', round: 1 });
  });

  it('stores a placement as one map value per card under place:<participantId>', () => {
    const doc = newBoard();
    setPlacement(doc, 'p1', 'trust.v1', { x: 0.123456, round: 1, at: 5 }, 'local');
    expect(placeMap(doc, 'p1').get('trust.v1')).toEqual({ x: 0.1235, round: 1, at: 5 });
    expect(placementOwners(doc)).toEqual(['p1']);
    expect(participantIdOfRoot('place:p1')).toBe('p1');
    expect(participantIdOfRoot('control')).toBeNull();
    expect(rootNameOf(doc, placeMap(doc, 'p1'))).toBe('place:p1');
  });

  it('syncs placements, moves and removals between two linked documents', () => {
    const [a, b] = linkedPair();
    setPlacement(a, 'p1', 'trust.v1', { x: 0.3, round: 1, at: 1 }, 'local');
    expect(readPlacement(b, 'p1', 'trust.v1')?.x).toBe(0.3);
    setPlacement(a, 'p1', 'trust.v1', { x: 0.7, round: 1, at: 2 }, 'local');
    expect(readPlacement(b, 'p1', 'trust.v1')?.x).toBe(0.7);
    clearPlacement(b, 'p1', 'trust.v1', 'local');
    expect(readPlacement(a, 'p1', 'trust.v1')).toBeNull();
    setControl(a, 'phase', 'revealed', 'local');
    expect(readControl(b).phase).toBe('revealed');
  });

  it('converges when two clients place different cards concurrently', () => {
    const a = newBoard();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setPlacement(a, 'p1', 'trust.v1', { x: 0.2, round: 1, at: 1 }, 'local');
    setPlacement(b, 'p2', 'trust.v1', { x: 0.9, round: 1, at: 1 }, 'local');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(Object.fromEntries(readPlacements(a, 'p2'))).toEqual(
      Object.fromEntries(readPlacements(b, 'p2')),
    );
    expect(readPlacement(b, 'p1', 'trust.v1')?.x).toBe(0.2);
  });

  it('skips malformed entries instead of trusting them', () => {
    const doc = newBoard();
    const place = placeMap(doc, 'p1');
    place.set('a', { x: 2, round: 1, at: 1 });
    place.set('b', { x: Number.NaN, round: 1, at: 1 });
    place.set('c', 'nonsense');
    place.set('d', { x: 0.5, round: 1, at: 1, reason: 'x'.repeat(500) });
    const placements = readPlacements(doc, 'p1');
    expect([...placements.keys()]).toEqual(['d']);
    expect(placements.get('d')?.reason).toHaveLength(280);
    putParticipant(
      doc,
      'ok',
      { name: 'Ana', role: 'participant', color: '#000', joinedAt: 1 },
      'server',
    );
    doc
      .getMap('participants')
      .set('bad', { name: 'Eve', role: 'admin', color: '#000', joinedAt: 1 });
    expect([...readParticipants(doc).keys()]).toEqual(['ok']);
  });

  it('falls back to safe control values when control holds nonsense', () => {
    const doc = newBoard();
    doc.getMap('control').set('phase', 'party');
    doc.getMap('control').set('round', -3);
    expect(readControl(doc).phase).toBe('placing');
    expect(readControl(doc).round).toBe(1);
  });

  it('rounds positions to 1e-4 and clamps them to the axis', () => {
    expect(roundPosition(0.1 + 0.2)).toBe(0.3);
    expect(roundPosition(-0.2)).toBe(0);
    expect(roundPosition(1.7)).toBe(1);
  });
});
