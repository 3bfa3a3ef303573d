/**
 * The picture's "since last retreat" view: an arrow per card with a then and a now, from then to
 * now, a large move drawn bold; without a baseline the picture is as it was.
 */
import { describe, expect, it } from 'vitest';
import { type BoardPictureInput, boardPictureSvg } from '../../../shared/boardPicture.ts';
import { summarizeCard } from '../../../shared/consensus/cardSummary.ts';
import { rollUpElement } from '../../../shared/consensus/rollUp.ts';
import { translator } from '../../../shared/i18n/translator.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';

const VALUES = [0.5, 0.6, 0.7];

function input(overrides: Partial<BoardPictureInput> = {}): BoardPictureInput {
  return {
    tr: translator('en'),
    title: 'Spring',
    subtitle: 'today',
    rubric: ELEMENTS_OF_PARTNERSHIP,
    cards: {
      'trust.v1': {
        fromRound: null,
        placed: 3,
        summary: summarizeCard(VALUES),
        positions: VALUES,
        organisations: [],
      },
    },
    final: {},
    elements: { trust: rollUpElement([summarizeCard(VALUES)]) },
    ...overrides,
  };
}

describe('the picture since the last retreat', () => {
  it('draws an arrow from then to now for each card with both', () => {
    const svg = boardPictureSvg(
      input({
        since: {
          'trust.v1': { earlier: 0.25, now: 0.6, change: 0.35, large: true, iqr: 0.2 },
          'trust.v2': { earlier: 0.4, now: null, change: null, large: false, iqr: null },
        },
      }),
    );
    const arrows = [...svg.matchAll(/<g data-since-card-id="([^"]+)"><title>([^<]*)<\/title>/g)];
    expect(arrows.map((match) => match[1])).toEqual(['trust.v1']);
    expect(arrows[0]?.[2]).toContain('last retreat 25% → now 60%');
    expect(svg).toContain('stroke="#0072B2" stroke-width="2.5"');
    expect(svg).toContain('Arrows: from where the group stood at the last retreat');
  });

  it('is the plain picture without a baseline', () => {
    const svg = boardPictureSvg(input());
    expect(svg).not.toContain('data-since-card-id');
    expect(svg).not.toContain('Arrows:');
  });
});
