/** Sticky notes on the wall never overlap and stay on the axis. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';
import { estimateLines, layoutWall, packNotes } from '../../../shared/wallLayout.ts';

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

describe('the projector wall layout', () => {
  const seed = ELEMENTS_OF_PARTNERSHIP.elements.map((element) => ({
    id: element.id,
    cardTexts: element.cards.map((card) => card.text),
  }));
  /** Text 25 % longer than English, as Spanish runs. */
  const longer = (texts: readonly string[]) =>
    texts.map((text) => `${text} ${text.slice(0, Math.ceil(text.length / 4))}`);
  const madeUp = (elements: number, cards: number) =>
    Array.from({ length: elements }, (_, e) => ({
      id: `e${e}`,
      cardTexts: longer(
        Array.from(
          { length: cards },
          (_, c) =>
            `Card ${c} of element ${e}: partners agree on what they measure and review it together every quarter`,
        ),
      ),
    }));
  // The wall's box: the viewport less the projector's header and margins (projector.css).
  const screens = [
    { name: '1920×1080', width: 1920 - 48, height: 1080 - 140, minFontPx: 18, maxFontPx: 30 },
    { name: '1280×720', width: 1280 - 32, height: 720 - 100, minFontPx: 12, maxFontPx: 20 },
  ];

  function expectFits(
    layout: ReturnType<typeof layoutWall>,
    box: { width: number; height: number },
    ids: string[],
  ) {
    expect(layout.pages.flat(2).sort()).toEqual([...ids].sort());
    for (const page of layout.columnHeights) {
      expect(page.length).toBeLessThanOrEqual(layout.columns);
      for (const height of page) expect(height).toBeLessThanOrEqual(box.height);
    }
    expect(
      layout.columns * layout.columnWidthPx + (layout.columns - 1) * layout.gapPx,
    ).toBeLessThanOrEqual(box.width + 1e-6);
  }

  for (const screen of screens) {
    it(`puts the six elements of the seed rubric on one page at ${screen.name}, text legible`, () => {
      const layout = layoutWall({ ...screen, elements: seed });
      expectFits(
        layout,
        screen,
        seed.map((e) => e.id),
      );
      expect(layout.pages).toHaveLength(1);
      expect(layout.fontPx).toBeGreaterThanOrEqual(screen.minFontPx);
      expect(layout.maxLines).toBeGreaterThanOrEqual(2);
    });

    it(`fits the seed with text 25 % longer on one page at ${screen.name}`, () => {
      const elements = seed.map((e) => ({ ...e, cardTexts: longer(e.cardTexts) }));
      const layout = layoutWall({ ...screen, elements });
      expectFits(
        layout,
        screen,
        seed.map((e) => e.id),
      );
      expect(layout.pages).toHaveLength(1);
      expect(layout.fontPx).toBeGreaterThanOrEqual(screen.minFontPx);
    });

    it(`fits 8 elements × 12 cards of long text on one page at ${screen.name}`, () => {
      const elements = madeUp(8, 12);
      const layout = layoutWall({ ...screen, elements });
      expectFits(
        layout,
        screen,
        elements.map((e) => e.id),
      );
      expect(layout.pages).toHaveLength(1);
      expect(layout.fontPx).toBeGreaterThanOrEqual(screen.minFontPx);
    });

    it(`pages a rubric too big for one screen at ${screen.name}, each page fitting`, () => {
      const elements = madeUp(12, 16);
      const layout = layoutWall({ ...screen, elements });
      expectFits(
        layout,
        screen,
        elements.map((e) => e.id),
      );
      expect(layout.pages.length).toBeGreaterThan(1);
      expect(layout.fontPx).toBeGreaterThanOrEqual(screen.minFontPx);
    });
  }

  it('clamps every card to the layout lines and never below one', () => {
    const layout = layoutWall({
      width: 1872,
      height: 940,
      minFontPx: 18,
      maxFontPx: 30,
      elements: seed,
    });
    for (const lines of Object.values(layout.cardLines)) {
      for (const line of lines) {
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(layout.maxLines);
      }
    }
  });

  it('estimates wrapped lines word by word', () => {
    expect(estimateLines('one two three', 20)).toBe(1);
    expect(estimateLines('one two three', 8)).toBe(2);
    expect(estimateLines('abcdefghijklmnop', 8)).toBe(2);
  });
});
