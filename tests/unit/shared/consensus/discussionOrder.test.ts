import { describe, expect, it } from 'vitest';
import { summarizeCard } from '../../../../shared/consensus/cardSummary.ts';
import { discussionOrder } from '../../../../shared/consensus/discussionOrder.ts';

describe('discussionOrder', () => {
  it('puts polarized cards first, then weak, moderate, strong, then single and no-data', () => {
    const card = (cardId: string, values: unknown[]) => ({
      cardId,
      summary: summarizeCard(values),
    });
    const order = discussionOrder([
      card('empty', []),
      card('strong', [0.7, 0.75, 0.8, 0.72, 0.78]),
      card('single', [0.4]),
      card('weak-high', [0.6, 0.62, 0.65, 0.65, 0.68, 0.7, 0.1]),
      card('moderate', [0.2, 0.6, 0.5, 0.45]),
      card('polarized', [0.1, 0.15, 0.2, 0.8, 0.85, 0.9]),
      card('weak-low', [0.25, 0.75]),
    ]);
    expect(order).toEqual([
      'polarized',
      'weak-low',
      'weak-high',
      'moderate',
      'strong',
      'single',
      'empty',
    ]);
  });
});
