/** A device's copy from before the view existed keeps only the person's own placements. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ownPartOfOlderCopy } from '../../../client/state/localCopyUpgrade.ts';
import {
  initBoardDoc,
  metaMap,
  placementOwners,
  setControl,
  setPlacement,
} from '../../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';

function wholeBoard(schemaVersion: number): Y.Doc {
  const server = new Y.Doc();
  initBoardDoc(
    server,
    { title: 'T', createdAt: 1, organisations: [], rubric: ELEMENTS_OF_PARTNERSHIP },
    'server',
  );
  metaMap(server).set('schemaVersion', schemaVersion);
  setControl(server, 'phase', 'placing', 'server');
  setPlacement(server, 'other', 'trust.v1', { x: 0.9, round: 1, at: 1, reason: 'secret' }, 'local');
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
  // Two page loads of the person: two client ids, a move and an offline one.
  setPlacement(device, 'me', 'trust.v1', { x: 0.1, round: 1, at: 1 }, 'local');
  const later = new Y.Doc();
  Y.applyUpdate(later, Y.encodeStateAsUpdate(device));
  setPlacement(later, 'me', 'trust.v1', { x: 0.3, round: 1, at: 2 }, 'local');
  setPlacement(later, 'me', 'trust.v2', { x: 0.7, round: 1, at: 3 }, 'local');
  return later;
}

describe('a copy saved before schema 2', () => {
  it('gives back only the own place: root, with every write of it', () => {
    const fresh = new Y.Doc();
    const own = ownPartOfOlderCopy(wholeBoard(1), 'me');
    expect(own).not.toBeNull();
    Y.applyUpdate(fresh, own ?? new Uint8Array());
    expect(placementOwners(fresh)).toEqual(['me']);
    expect(fresh.getMap('place:me').toJSON()).toEqual({
      'trust.v1': { x: 0.3, round: 1, at: 2 },
      'trust.v2': { x: 0.7, round: 1, at: 3 },
    });
    expect(fresh.share.has('meta')).toBe(false);
    expect(fresh.store.pendingStructs).toBeNull();
  });

  it('leaves a current copy as it is', () => {
    expect(ownPartOfOlderCopy(wholeBoard(2), 'me')).toBeNull();
    expect(ownPartOfOlderCopy(new Y.Doc(), 'me')).toBeNull();
  });
});
