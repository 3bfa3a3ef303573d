import { describe, expect, it } from 'vitest';
import { summarizeCard } from '../../../../shared/consensus/cardSummary.ts';
import {
  rollUpBoard,
  rollUpElement,
  summarizeBoard,
  summarizeElement,
} from '../../../../shared/consensus/rollUp.ts';
import { expectFigure } from './figures.ts';

describe('element and board roll-ups', () => {
  const cards = [
    [0.7, 0.75, 0.8, 0.72, 0.78],
    [0.6, 0.65, null, 0.7, 0.55],
    [0.9, 0.85, 0.95, 0.8, 0.9],
  ];

  it('summarizes the reference element', () => {
    const element = summarizeElement(cards);
    expectFigure(element.position, 0.758333);
    expectFigure(element.rwgJ, 0.963533);
    expectFigure(element.adJ, 0.040667);
    expect(element.polarizedCount).toBe(0);
  });

  it('rolls up from card summaries and skips cards without enough data', () => {
    const summaries = [...cards, [0.5], [], [0.1, 0.15, 0.2, 0.8, 0.85, 0.9]].map((card) =>
      summarizeCard(card),
    );
    const element = rollUpElement(summaries);
    expectFigure(element.position, (0.75 + 0.625 + 0.9 + 0.5 + 0.5) / 5);
    expectFigure(element.rwgJ, 1 - ((0.0017 + 0.0125 / 3 + 0.00325 + 0.149) / 4) * 12);
    expect(element.polarizedCount).toBe(1);
  });

  it('uses the null variance of the grid', () => {
    const element = summarizeElement([[0, 0.25, 0.5, 0.75, 1]], { points: 5 });
    expectFigure(element.rwgJ, -0.25);
  });

  it('takes unweighted means over elements and skips elements without data', () => {
    const elements = [cards, [[0.2, 0.3]], [[null]]];
    const board = summarizeBoard(elements);
    const rolled = rollUpBoard(elements.map((element) => summarizeElement(element)));
    expect(board).toEqual(rolled);
    expectFigure(board.position, (0.758333 + 0.25) / 2);
    expectFigure(board.rwg, (0.963533 + (1 - 0.005 * 12)) / 2);
    expect(rollUpBoard([])).toEqual({ position: null, rwg: null });
  });
});
