/** Per-element progress in the open round: own cards placed, and people finished. */
import { describe, expect, it } from 'vitest';
import type { Participant, Placement } from '../../../shared/boardDoc.ts';
import { ownElementProgress, roomElementProgress } from '../../../shared/elementProgress.ts';

const person = (role: Participant['role'], extra: Partial<Participant> = {}): Participant => ({
  name: 'x',
  role,
  color: '#000',
  joinedAt: 0,
  ...extra,
});
const at = (round: number): Placement => ({ x: 0.5, round, at: 0 });
const cardIds = ['a', 'b', 'c'];
const whole = { roundCardIds: null };

describe('ownElementProgress', () => {
  it("counts the element's cards placed in their current round", () => {
    const placements = { a: { p: at(1) }, b: { p: at(1) }, c: { q: at(1) } };
    expect(
      ownElementProgress({
        cardIds,
        control: whole,
        roundOf: () => 1,
        placements,
        participantId: 'p',
      }),
    ).toEqual({ placed: 2, total: 3 });
  });

  it('counts only the cards of the open round, placed in that round', () => {
    const placements = { a: { p: at(1) }, b: { p: at(2) }, c: { p: at(1) } };
    const control = { roundCardIds: ['a', 'b'] };
    const roundOf = (cardId: string) => (cardId === 'c' ? 1 : 2);
    expect(
      ownElementProgress({ cardIds, control, roundOf, placements, participantId: 'p' }),
    ).toEqual({ placed: 1, total: 2 });
  });

  it('has nothing to place on an element outside the open round', () => {
    expect(
      ownElementProgress({
        cardIds,
        control: { roundCardIds: ['z'] },
        roundOf: () => 1,
        placements: {},
        participantId: 'p',
      }),
    ).toEqual({ placed: 0, total: 0 });
  });
});

describe('roomElementProgress', () => {
  it('counts people who placed every round card, among participants and proxies only', () => {
    const participants = {
      done: person('participant'),
      half: person('participant'),
      proxy: person('participant', { proxy: true }),
      gone: person('participant', { removed: true }),
      lead: person('facilitator'),
    };
    const all = { done: at(1), proxy: at(1), gone: at(1), lead: at(1) };
    const placements = { a: { ...all, half: at(1) }, b: all, c: all };
    expect(
      roomElementProgress({ cardIds, control: whole, roundOf: () => 1, placements, participants }),
    ).toEqual({ finished: 2, people: 3, roundSize: 3 });
  });

  it('finishes nobody on an element outside the open round', () => {
    const participants = { done: person('participant') };
    expect(
      roomElementProgress({
        cardIds,
        control: { roundCardIds: [] },
        roundOf: () => 1,
        placements: {},
        participants,
      }),
    ).toEqual({ finished: 0, people: 1, roundSize: 0 });
  });
});
