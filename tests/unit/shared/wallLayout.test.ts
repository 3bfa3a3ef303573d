/** Sticky notes on the wall never overlap and stay on the axis. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packNotes } from '../../../shared/wallLayout.ts';

describe('wall layout', () => {
  it('puts far-apart notes on one row and close ones on separate rows', () => {
    const notes = packNotes(
      [
        { id: 'a', x: 0.1 },
        { id: 'b', x: 0.5 },
        { id: 'c', x: 0.55 },
        { id: 'd', x: 0.9 },
      ],
      0.2,
    );
    const row = Object.fromEntries(notes.map((note) => [note.id, note.row]));
    expect(row).toEqual({ a: 0, b: 0, c: 1, d: 0 });
  });

  it('never overlaps two notes in a row and keeps every note inside the axis', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), (xs) => {
        const width = 0.16;
        const notes = packNotes(
          xs.map((x, i) => ({ id: `n${i}`, x })),
          width,
        );
        for (const note of notes) {
          expect(note.left).toBeGreaterThanOrEqual(0);
          expect(note.left + width).toBeLessThanOrEqual(1 + 1e-9);
        }
        for (const a of notes) {
          for (const b of notes) {
            if (a === b || a.row !== b.row) continue;
            expect(a.left + width <= b.left + 1e-9 || b.left + width <= a.left + 1e-9).toBe(true);
          }
        }
      }),
    );
  });
});
