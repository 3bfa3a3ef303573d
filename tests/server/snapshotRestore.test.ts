/** A board document rebuilt from a snapshot exports the same snapshot again. */
import { describe, expect, it } from 'vitest';
import { newParticipantId } from '../../server/boards/ids.ts';
import { restoreBoardDoc } from '../../server/boards/snapshotRestore.ts';
import {
  readControl,
  readFinal,
  readParticipants,
  readPlacement,
  readRounds,
} from '../../shared/boardDoc.ts';
import { snapshotFromDoc } from '../../shared/snapshot/fromDoc.ts';
import { parseSnapshot } from '../../shared/snapshot/parse.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import { boardWithHistory, normaliseSnapshot, PEOPLE, T0 } from '../support/boardHistory.ts';

function exported(doc: Parameters<typeof snapshotFromDoc>[0], anonymous: boolean): Snapshot {
  const snapshot = snapshotFromDoc(doc, 'board', { exportedAt: T0 + 9e6, anonymous });
  if (!snapshot) throw new Error('no snapshot');
  return snapshot;
}

function restored(snapshot: Snapshot) {
  const parsed = parseSnapshot(JSON.parse(JSON.stringify(snapshot)));
  if (!parsed.ok) throw new Error(parsed.error);
  return restoreBoardDoc(parsed.snapshot, newParticipantId);
}

describe('restoreBoardDoc', () => {
  it.each([false, true])(
    'export → restore → export gives the same snapshot (anonymous: %s)',
    (anonymous) => {
      const first = exported(boardWithHistory(), anonymous);
      const second = exported(restored(first), anonymous);
      expect(second.participants.map((p) => p.id)).not.toContain(PEOPLE.ana.id);
      expect(normaliseSnapshot(second)).toEqual(normaliseSnapshot(first));
    },
  );

  it('writes the session, the people, the rounds and the latest placements into the document', () => {
    const first = exported(boardWithHistory(), false);
    const doc = restored(first);
    expect(readControl(doc)).toMatchObject({
      phase: 'discussing',
      round: 2,
      roundCardIds: ['trust.v1'],
    });
    const people = [...readParticipants(doc).entries()];
    expect(people.map(([, p]) => p.name).sort()).toEqual(
      first.participants.map((p) => p.name).sort(),
    );
    // Fresh ids, sorted in join order, so the order by (joinedAt, id) is kept.
    const ids = people.sort(([, a], [, b]) => a.joinedAt - b.joinedAt).map(([id]) => id);
    expect(ids).toEqual([...ids].sort());
    const ben = people.find(([, p]) => p.name === 'Ben Brandt');
    expect(ben?.[1]).toMatchObject({ proxy: true, organisation: 'Alliance' });
    expect(people.find(([, p]) => p.name === 'Cy Coleridge')?.[1].removed).toBe(true);
    expect(readPlacement(doc, ben?.[0] ?? '', 'trust.v1')).toEqual({
      x: 0.52,
      round: 1,
      at: T0 + 61_000,
      reason: '=HYPERLINK("x"), said the proxy',
    });
    const [round1] = readRounds(doc);
    expect(round1).toMatchObject({ round: 1, cardIds: ['trust.v1'], closedAt: T0 + 120_000 });
    expect(Object.keys(round1?.positions ?? {})).toHaveLength(6);
    expect(round1?.summaries['trust.v1']).toMatchObject({ n: 5 });
    expect(readFinal(doc).get('trust.v1')).toEqual({ x: 0.66, note: '@all: agreed, with "care"' });
  });

  it('never hands out an id the board already uses', () => {
    const snapshot = exported(boardWithHistory(), true);
    const parsed = parseSnapshot(JSON.parse(JSON.stringify(snapshot)));
    if (!parsed.ok) throw new Error(parsed.error);
    const candidates = ['taken', 'taken', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    const doc = restoreBoardDoc(
      parsed.snapshot,
      () => candidates.shift() ?? 'none',
      new Set(['taken']),
    );
    expect([...readParticipants(doc).keys()].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
  });
});
