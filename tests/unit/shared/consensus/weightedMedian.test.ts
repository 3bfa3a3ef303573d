import { describe, expect, it } from 'vitest';
import { weightedMedian } from '../../../../shared/consensus/weightedMedian.ts';
import { expectFigure } from './figures.ts';

describe('weightedMedian', () => {
  it.each([
    { values: [0.2, 0.4, 0.6, 0.8], weights: [1, 1, 1, 3], expected: 0.7 },
    { values: [0.2, 0.4, 0.6, 0.8], weights: [1, 1, 1, 4], expected: 0.8 },
    { values: [0.2, 0.4, 0.6, 0.8], weights: [3, 1, 1, 1], expected: 0.3 },
    { values: [0.3, 0.9, 0.5], weights: [2, 1, 0], expected: 0.3 },
  ])('weightedMedian($values, $weights) = $expected', ({ values, weights, expected }) => {
    expectFigure(weightedMedian(values, weights), expected);
  });

  it('skips zero weights at an exact half and is null without weight', () => {
    expectFigure(weightedMedian([0.2, 0.5, 0.8], [1, 0, 1]), 0.5);
    expect(weightedMedian([0.2], [0])).toBeNull();
    expect(weightedMedian([], [])).toBeNull();
  });

  it('rejects bad input', () => {
    expect(() => weightedMedian([0.2], [1, 1])).toThrow(RangeError);
    expect(() => weightedMedian([0.2], [-1])).toThrow(RangeError);
  });
});
