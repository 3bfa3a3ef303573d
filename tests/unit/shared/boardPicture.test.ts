/** The board picture: every element, a note per placed card, A4 proportions, safe text. */
import { describe, expect, it } from 'vitest';
import {
  type BoardPictureInput,
  boardPictureSvg,
  PICTURE_HEIGHT,
  PICTURE_WIDTH,
} from '../../../shared/boardPicture.ts';
import { summarizeCard } from '../../../shared/consensus/cardSummary.ts';
import { rollUpElement } from '../../../shared/consensus/rollUp.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../../shared/rubric.ts';

function input(overrides: Partial<BoardPictureInput> = {}): BoardPictureInput {
  const values = [0.2, 0.4, 0.5, 0.9];
  const placedCards = ['trust.v1', 'trust.p2', 'values.v1'];
  const summaries = Object.fromEntries(placedCards.map((id) => [id, summarizeCard(values)]));
  return {
    title: 'Retreat <2026> & "friends"',
    subtitle: '2026-11-27 · Revealed',
    rubric: ELEMENTS_OF_PARTNERSHIP,
    summaries,
    positions: Object.fromEntries(placedCards.map((id) => [id, values])),
    final: { 'trust.v1': { x: 0.75, note: 'agreed' } },
    elements: { trust: rollUpElement([summarizeCard(values)]) },
    ...overrides,
  };
}

describe('board picture', () => {
  it('is an A4-landscape SVG with all six elements in order', () => {
    const svg = boardPictureSvg(input());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${PICTURE_WIDTH} ${PICTURE_HEIGHT}"`);
    expect(PICTURE_WIDTH / PICTURE_HEIGHT).toBeCloseTo(297 / 210, 2);
    let last = -1;
    for (const element of ELEMENTS_OF_PARTNERSHIP.elements) {
      const at = svg.indexOf(element.name);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
  });

  it('draws one note per placed card, at its agreed position when there is one', () => {
    const svg = boardPictureSvg(input());
    expect(svg.match(/fill="#fffbea"/g)).toHaveLength(3);
    expect(svg).toContain('agreed 75% · weak');
    expect(svg).toContain('median 45% · weak');
    expect(svg.match(/<circle /g)).toHaveLength(12); // four dots on each of three cards
  });

  it('escapes text so titles and card texts cannot break the picture', () => {
    const svg = boardPictureSvg(input());
    expect(svg).toContain('Retreat &lt;2026&gt; &amp; &quot;friends&quot;');
    expect(svg).not.toContain('<2026>');
  });

  it('shrinks notes in a crowded lane instead of spilling into the next', () => {
    const all = rubricCards(ELEMENTS_OF_PARTNERSHIP).filter((card) => card.elementId === 'culture');
    const same = summarizeCard([0.5, 0.5, 0.5]);
    const svg = boardPictureSvg(
      input({
        summaries: Object.fromEntries(all.map((card) => [card.id, same])),
        positions: {},
        final: {},
      }),
    );
    const heights = [...svg.matchAll(/fill="#fffbea"[^>]*/g)].length;
    expect(heights).toBe(all.length);
    const noteHeights = [...svg.matchAll(/height="([\d.]+)" rx="4" fill="#fffbea"/g)].map((m) =>
      Number(m[1]),
    );
    const laneHeight = (PICTURE_HEIGHT - 64 - 24) / 6;
    expect(noteHeights.length).toBe(all.length);
    expect(Math.max(...noteHeights) * all.length).toBeLessThan(laneHeight);
  });
});
