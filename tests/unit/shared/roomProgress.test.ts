import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../shared/boardDoc.ts';
import { roomProgress } from '../../../shared/roomProgress.ts';

function person(name: string, extra: Partial<Participant> = {}): Participant {
  return { name, role: 'participant', color: '#123456', joinedAt: 1, ...extra };
}

const participants: Record<string, Participant> = {
  f: person('Facilitator', { role: 'facilitator' }),
  o: person('Wall', { role: 'observer' }),
  a: person('Ana'),
  b: person('Ben'),
  c: person('Cho'),
  d: person('Dee', { removed: true }),
  x: person('Proxy', { proxy: true }),
};

describe('the room in counts', () => {
  it('counts here, finished and placing by the definitions', () => {
    const progress = roomProgress({
      participants,
      here: new Set(['f', 'o', 'a', 'b', 'd', 'x']),
      roundPlaced: { a: 8, b: 5, c: 8, d: 8, x: 8 },
      roundSize: 8,
    });
    // Facilitators, observers and removed people do not count; the proxy is never here.
    expect(progress.total).toBe(4);
    expect(progress.here).toBe(2);
    // a (here), c (away) and the proxy placed every card of the round.
    expect(progress.finished).toBe(3);
    expect(progress.placing).toBe(1);
    expect(progress.notFinished).toEqual([{ participantId: 'b', placed: 5, here: true }]);
  });

  it('one card placed is not finished; most placed first among those not finished', () => {
    const progress = roomProgress({
      participants,
      here: new Set(['a', 'b', 'c']),
      roundPlaced: { a: 1, b: 7 },
      roundSize: 8,
    });
    expect(progress.finished).toBe(0);
    expect(progress.placing).toBe(3);
    expect(progress.notFinished.map((person) => person.participantId)).toEqual([
      'b',
      'a',
      'c',
      'x',
    ]);
  });

  it('nobody has finished a round without cards', () => {
    const progress = roomProgress({ participants, here: new Set(), roundPlaced: {}, roundSize: 0 });
    expect(progress.finished).toBe(0);
  });
});
