/** The report's sentences: what is true of each figure, never a dash where one is missing. */
import { describe, expect, it } from 'vitest';
import {
  boardSentence,
  cardFiguresText,
  elementAgreementText,
  elementPositionText,
  organisationsText,
} from '../../../client/report/reportWords.ts';
import { summarizeCard } from '../../../shared/consensus/cardSummary.ts';
import { rollUpElement } from '../../../shared/consensus/rollUp.ts';
import type { LatestFigures } from '../../../shared/latestFigures.ts';

function latest(values: number[], overrides: Partial<LatestFigures> = {}): LatestFigures {
  return {
    fromRound: null,
    placed: values.length,
    summary: summarizeCard(values),
    positions: values,
    organisations: [],
    ...overrides,
  };
}

describe('report sentences', () => {
  it('leave out the board clause without a position and the agreement without a figure', () => {
    expect(boardSentence(null, null)).toBe('');
    expect(boardSentence(0.5, null)).toBe(' Overall the group placed the partnership at 50%.');
    expect(boardSentence(0.5, 0.8)).toBe(
      ' Overall the group placed the partnership at 50%, with 80% agreement.',
    );
  });

  it("say why a card's agreement or group is missing", () => {
    expect(cardFiguresText(latest([0.4]), 30)).toContain(
      'agreement not measured: fewer than 2 placements',
    );
    expect(cardFiguresText(latest([]), 30)).toBe('Not placed yet.');
    const few = latest([], { placed: 2 });
    expect(cardFiguresText(few, 30)).toBe(
      '2 of 30 placed · too few placements to show the group (fewer than 3)',
    );
    const silent = latest([], { placed: 28 });
    expect(cardFiguresText(silent, 30)).toContain("the group's figures are shown after the reveal");
    const closed = latest([], { placed: 28, fromRound: 1 });
    expect(cardFiguresText(closed, 30)).toBe(
      '28 placed · that round closed before its group was shown',
    );
    for (const text of [cardFiguresText(latest([0.4, 0.6, 0.5]), 30), cardFiguresText(few, 30)]) {
      expect(text).not.toContain('—');
    }
  });

  it('say why an element has no position or agreement', () => {
    expect(elementPositionText(rollUpElement([]), [undefined])).toBe('not placed yet');
    expect(elementPositionText(rollUpElement([]), [latest([], { placed: 2 })])).toBe(
      'too few placements to show',
    );
    expect(elementAgreementText(rollUpElement([summarizeCard([0.3])]))).toBe(
      'not measured: no card has 2 placements',
    );
    expect(elementAgreementText(undefined)).toBe('not measured');
  });

  it('name the organisations with too few once', () => {
    expect(
      organisationsText([
        { organisation: 'County', n: 4, median: 0.5 },
        { organisation: 'Alliance', n: 1, median: null },
        { organisation: 'Schools', n: 0, median: null },
      ]),
    ).toBe('County 50% · too few placements to show: Alliance, Schools');
  });
});
