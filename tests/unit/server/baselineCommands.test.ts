/**
 * The baseline's board commands as they cross between server processes (cluster/commandMessages):
 * a baseline and hand matches arrive as they left, and a command carrying more than per-card
 * figures (a name smuggled in) is refused.
 */
import { describe, expect, it } from 'vitest';
import { MalformedCommand, parseCommand } from '../../../server/cluster/commandMessages.ts';
import { baselineFromSnapshot } from '../../../shared/baselineFromSnapshot.ts';
import { parseSnapshot } from '../../../shared/snapshot/parse.ts';
import { baselineSnapshot } from '../../support/baselineSnapshot.ts';

function baseline() {
  const parsed = parseSnapshot(baselineSnapshot());
  if (!parsed.ok) throw new Error(parsed.error);
  return baselineFromSnapshot(parsed.snapshot);
}

describe('baseline commands between servers', () => {
  it('carry a baseline, its removal and hand matches as they are', () => {
    const set = { kind: 'setBaseline', baseline: baseline() } as const;
    expect(parseCommand(JSON.stringify(set))).toEqual(set);
    const remove = { kind: 'setBaseline', baseline: null } as const;
    expect(parseCommand(JSON.stringify(remove))).toEqual(remove);
    const match = { kind: 'matchBaseline', manualMatches: { 'trust.v3': 'old', 'trust.v2': null } };
    expect(parseCommand(JSON.stringify(match))).toEqual(match);
  });

  it('refuse a baseline card with anything but its figures', () => {
    const smuggled = baseline();
    const card = smuggled.cards[0];
    if (!card) throw new Error('a card');
    Object.assign(card, { names: ['Zelda'] });
    expect(() => parseCommand(JSON.stringify({ kind: 'setBaseline', baseline: smuggled }))).toThrow(
      MalformedCommand,
    );
  });
});
