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
import { translator } from '../../../shared/i18n/translator.ts';
import type { LatestFigures } from '../../../shared/latestFigures.ts';

const en = translator('en');
const es = translator('es');

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
    expect(boardSentence(en, null, null)).toBe('');
    expect(boardSentence(en, 0.5, null)).toBe('Overall the group placed the partnership at 50%.');
    expect(boardSentence(en, 0.5, 0.8)).toBe(
      'Overall the group placed the partnership at 50%, with 80% agreement.',
    );
  });

  it("say why a card's agreement or group is missing", () => {
    expect(cardFiguresText(en, latest([0.4]), 30)).toContain(
      'agreement not measured: fewer than 2 placements',
    );
    expect(cardFiguresText(en, latest([]), 30)).toBe('Not placed yet.');
    const few = latest([], { placed: 2 });
    expect(cardFiguresText(en, few, 30)).toBe(
      '2 of 30 placed · too few placements to show the group (fewer than 3)',
    );
    const silent = latest([], { placed: 28 });
    expect(cardFiguresText(en, silent, 30)).toContain(
      "the group's figures are shown after the reveal",
    );
    const closed = latest([], { placed: 28, fromRound: 1 });
    expect(cardFiguresText(en, closed, 30)).toBe(
      '28 placed · that round closed before its group was shown',
    );
    for (const text of [
      cardFiguresText(en, latest([0.4, 0.6, 0.5]), 30),
      cardFiguresText(en, few, 30),
    ]) {
      expect(text).not.toContain('—');
    }
  });

  it('say why an element has no position or agreement', () => {
    expect(elementPositionText(en, rollUpElement([]), [undefined])).toBe('not placed yet');
    expect(elementPositionText(en, rollUpElement([]), [latest([], { placed: 2 })])).toBe(
      'too few placements to show',
    );
    expect(elementAgreementText(en, rollUpElement([summarizeCard([0.3])]))).toBe(
      'not measured: no card has 2 placements',
    );
    expect(elementAgreementText(en, undefined)).toBe('not measured');
  });

  it('name the organisations with too few once', () => {
    expect(
      organisationsText(en, [
        { organisation: 'County', n: 4, median: 0.5 },
        { organisation: 'Alliance', n: 1, median: null },
        { organisation: 'Schools', n: 0, median: null },
      ]),
    ).toBe('County 50% · too few placements to show: Alliance and Schools');
  });

  it('are in Spanish for a Spanish report, with its numbers', () => {
    expect(boardSentence(es, 0.5, 0.8)).toBe(
      'En conjunto, el grupo situó la alianza en 50\u00a0%, con un acuerdo del 80\u00a0%.',
    );
    expect(cardFiguresText(es, latest([0.4, 0.6, 0.5]), 30)).toContain('3 de 30 la colocaron');
    expect(cardFiguresText(es, latest([]), 30)).toBe('Sin colocar aún.');
    expect(elementAgreementText(es, undefined)).toBe('sin medir');
  });
});
