/** The snapshot schema states exactly what an export writes. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CardSummary } from '../../../../shared/consensus/cardSummary.ts';
import type { ElementSummary } from '../../../../shared/consensus/rollUp.ts';
import type { RoundComparison } from '../../../../shared/consensus/roundComparison.ts';
import {
  exportedSnapshotSchema,
  type SnapshotCardSummary,
  type SnapshotRoundChange,
  type SnapshotSummaries,
} from '../../../../shared/snapshot/schema.ts';
import { boardWithHistory } from '../../../support/boardHistory.ts';
import { asFile, snapshotOf } from './exportedBoard.ts';

describe('exportedSnapshotSchema', () => {
  it('accepts every snapshot an export writes, plain or anonymised', () => {
    for (const anonymous of [false, true]) {
      const file = asFile(snapshotOf(boardWithHistory(), anonymous));
      expect(exportedSnapshotSchema.safeParse(file).error).toBeUndefined();
    }
  });

  it('names every figure the consensus math computes', () => {
    expectTypeOf<keyof SnapshotCardSummary>().toEqualTypeOf<keyof CardSummary>();
    expectTypeOf<keyof SnapshotRoundChange>().toEqualTypeOf<
      Exclude<keyof RoundComparison, 'before' | 'after'>
    >();
    expectTypeOf<keyof SnapshotSummaries['elements'][number]['summary']>().toEqualTypeOf<
      keyof ElementSummary
    >();
  });
});
