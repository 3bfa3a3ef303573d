import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardSummary, ConsensusLabel, ConsensusOptions } from '../../../shared/consensus.ts';
import {
  cleanValues,
  compareRounds,
  discussionOrder,
  rollUpBoard,
  rollUpElement,
  summarizeBoard,
  summarizeCard,
  summarizeElement,
  weightedMedian,
} from '../../../shared/consensus.ts';

const TOLERANCE = 1e-6;

function expectFigure(actual: number | null, expected: number | null, tolerance = TOLERANCE): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(tolerance);
}

/** Deterministic pseudo-random positions (a linear congruential generator). */
function positions(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  });
}

interface CardRow {
  name: string;
  input: number[];
  opts: ConsensusOptions;
  median: number;
  mean: number;
  iqr: number;
  rwg: number;
  adMd: number;
  cns: number;
  gvf: number | null;
  polarized: boolean | null;
  outliers: number[];
  label: ConsensusLabel;
}

const CARD_TABLE: CardRow[] = [
  {
    name: '.70,.75,.80,.72,.78',
    input: [0.7, 0.75, 0.8, 0.72, 0.78],
    opts: {},
    median: 0.75,
    mean: 0.75,
    iqr: 0.06,
    rwg: 0.9796,
    adMd: 0.032,
    cns: 0.952822,
    gvf: 0.784314,
    polarized: false,
    outliers: [],
    label: 'strong',
  },
  {
    name: '.10,.15,.20,.80,.85,.90',
    input: [0.1, 0.15, 0.2, 0.8, 0.85, 0.9],
    opts: {},
    median: 0.5,
    mean: 0.5,
    iqr: 0.675,
    rwg: -0.788,
    adMd: 0.35,
    cns: 0.375658,
    gvf: 0.986577,
    polarized: true,
    outliers: [],
    label: 'polarized',
  },
  {
    name: '0,.25,.5,.75,1 (A=5)',
    input: [0, 0.25, 0.5, 0.75, 1],
    opts: { points: 5 },
    median: 0.5,
    mean: 0.5,
    iqr: 0.5,
    rwg: -0.25,
    adMd: 0.3,
    cns: 0.433985,
    gvf: 0.75,
    polarized: false,
    outliers: [],
    label: 'weak',
  },
  {
    name: '.60,.62,.65,.65,.68,.70,.10',
    input: [0.6, 0.62, 0.65, 0.65, 0.68, 0.7, 0.1],
    opts: {},
    median: 0.65,
    mean: 0.571429,
    iqr: 0.055,
    rwg: 0.467829,
    adMd: 0.101429,
    cns: 0.766579,
    gvf: 0.974444,
    polarized: false,
    outliers: [6],
    label: 'weak',
  },
  {
    name: '0,0,1,1 (A=5)',
    input: [0, 0, 1, 1],
    opts: { points: 5 },
    median: 0.5,
    mean: 0.5,
    iqr: 1,
    rwg: -1.666667,
    adMd: 0.5,
    cns: 0,
    gvf: 1,
    polarized: true,
    outliers: [],
    label: 'polarized',
  },
  {
    name: '.5,.5,.5',
    input: [0.5, 0.5, 0.5],
    opts: {},
    median: 0.5,
    mean: 0.5,
    iqr: 0,
    rwg: 1,
    adMd: 0,
    cns: 1,
    gvf: null,
    polarized: null,
    outliers: [],
    label: 'strong',
  },
  {
    name: '.25,.75',
    input: [0.25, 0.75],
    opts: {},
    median: 0.5,
    mean: 0.5,
    iqr: 0.25,
    rwg: -0.5,
    adMd: 0.25,
    cns: 0.584963,
    gvf: null,
    polarized: null,
    outliers: [],
    label: 'weak',
  },
  {
    name: '0,0,0,0,0,0,0,1 (A=5)',
    input: [0, 0, 0, 0, 0, 0, 0, 1],
    opts: { points: 5 },
    median: 0,
    mean: 0.125,
    iqr: 0,
    rwg: 0,
    adMd: 0.125,
    cns: 0.456436,
    gvf: 1,
    polarized: false,
    outliers: [7],
    label: 'weak',
  },
];

describe('summarizeCard reference table', () => {
  it.each(CARD_TABLE)('$name', (row) => {
    const summary = summarizeCard(row.input, row.opts);
    expect(summary.n).toBe(row.input.length);
    expectFigure(summary.median, row.median);
    expectFigure(summary.mean, row.mean);
    expectFigure(summary.iqr, row.iqr);
    expectFigure(summary.rwg, row.rwg);
    expectFigure(summary.rwgDisplay, Math.max(0, row.rwg));
    expectFigure(summary.adMd, row.adMd);
    expectFigure(summary.cns, row.cns);
    expectFigure(summary.gvf, row.gvf);
    expect(summary.polarized).toBe(row.polarized);
    expect(summary.outliers).toEqual(row.outliers);
    expect(summary.label).toBe(row.label);
  });

  it.each([
    { name: '.70,.75,.80,.72,.78', input: [0.7, 0.75, 0.8, 0.72, 0.78], opts: {}, bc: 0.163739 },
    {
      name: '.10,.15,.20,.80,.85,.90',
      input: [0.1, 0.15, 0.2, 0.8, 0.85, 0.9],
      opts: {},
      bc: 0.325582,
    },
    {
      name: '0,0,0,0,0,0,0,1 (A=5)',
      input: [0, 0, 0, 0, 0, 0, 0, 1],
      opts: { points: 5 },
      bc: 0.697674,
    },
  ])('bimodality coefficient of $name', ({ input, opts, bc }) => {
    const summary = summarizeCard(input, opts);
    expectFigure(summary.bimodality, bc);
    expect(summary.bimodalityShown).toBe(false);
  });

  it('gives the 20% trimmed mean and withinBand of .60,.62,.65,.65,.68,.70,.10', () => {
    const summary = summarizeCard([0.6, 0.62, 0.65, 0.65, 0.68, 0.7, 0.1]);
    expectFigure(summary.trimmedMean, 0.64);
    expectFigure(summary.withinBand, 0.857143);
  });
});

describe('summarizeCard details', () => {
  it('gives type 7 quartiles, the sample variance and the camps', () => {
    const summary = summarizeCard([0.1, 0.15, 0.2, 0.8, 0.85, 0.9]);
    expectFigure(summary.q1, 0.1625);
    expectFigure(summary.q3, 0.8375);
    expectFigure(summary.variance, 0.149);
    expect(summary.camps?.low.count).toBe(3);
    expect(summary.camps?.high.count).toBe(3);
    expectFigure(summary.camps?.low.mean ?? null, 0.15);
    expectFigure(summary.camps?.high.mean ?? null, 0.85);
  });

  it('breaks ties between equally good splits towards the smallest low group', () => {
    expect(summarizeCard([0, 0.25, 0.5, 0.75, 1], { points: 5 }).camps?.low.count).toBe(2);
  });

  it('has all figures null with no data', () => {
    const summary = summarizeCard([null, undefined, Number.NaN]);
    expect(summary).toMatchObject({ n: 0, missing: 2, invalid: 1, label: 'no-data', outliers: [] });
    for (const figure of [summary.median, summary.mean, summary.iqr, summary.rwg, summary.gvf]) {
      expect(figure).toBeNull();
    }
  });

  it('gives location only for a single value', () => {
    const summary = summarizeCard([0.4, null]);
    expect(summary).toMatchObject({ n: 1, median: 0.4, mean: 0.4, trimmedMean: 0.4 });
    expect(summary).toMatchObject({ iqr: null, rwg: null, adMd: null, cns: null, gvf: null });
    expect(summary.label).toBe('single');
  });

  it('treats all identical values as full agreement with undefined shape (n ≥ 4)', () => {
    const summary = summarizeCard([0.3, 0.3, 0.3, 0.3, 0.3]);
    expect(summary).toMatchObject({ rwg: 1, adMd: 0, cns: 1, gvf: null, bimodality: null });
    expect(summary).toMatchObject({ polarized: false, camps: null, outliers: [], label: 'strong' });
  });

  it('treats values within EPS of each other as identical for the shape figures', () => {
    const summary = summarizeCard([0, 0, 2e-162, 0]);
    expect(summary).toMatchObject({ gvf: null, bimodality: null, polarized: false });
  });

  it('snaps values to the grid before computing', () => {
    const summary = summarizeCard([0.1, 0.3, 0.9], { points: 3 });
    expect(summary.median).toBe(0.5);
    expect(summary.mean).toBe(0.5);
  });

  it('reports outliers as indexes into the input array', () => {
    const summary = summarizeCard([null, 0.6, 0.62, 'x', 0.65, 0.65, 0.68, 0.7, 0.1]);
    expect(summary.outliers).toEqual([8]);
  });

  it('flags Delphi consensus from the iqr and the share within one step', () => {
    expect(summarizeCard([0.7, 0.75, 0.8, 0.72, 0.78]).delphiConsensus).toBe(true);
    expect(summarizeCard([0.1, 0.15, 0.2, 0.8, 0.85, 0.9]).delphiConsensus).toBe(false);
  });

  it('shows the bimodality coefficient from n = 10', () => {
    expect(summarizeCard(positions(10, 7)).bimodalityShown).toBe(true);
    expect(summarizeCard(positions(9, 7)).bimodalityShown).toBe(false);
  });

  it('labels by raw rwg', () => {
    expect(summarizeCard([0.4, 0.6, 0.5, 0.45]).label).toBe('strong');
    expect(summarizeCard([0.2, 0.6, 0.5, 0.45]).label).toBe('moderate');
  });

  it('rejects a grid of fewer than 2 points', () => {
    expect(() => summarizeCard([0.5], { points: 1 })).toThrow(RangeError);
    expect(() => cleanValues([0.5], { points: 2.5 })).toThrow(RangeError);
  });
});

describe('cleanValues', () => {
  it('skips missing and invalid values and clamps values just outside [0,1]', () => {
    const cleaned = cleanValues([
      0.3,
      null,
      Number.NaN,
      1.0000001,
      -0.2,
      0.5,
      Infinity,
      0.6,
      -4e-7,
    ]);
    expect(cleaned).toMatchObject({ values: [0.3, 1, 0.5, 0.6, 0], missing: 1, invalid: 3 });
    expect(cleaned.clamped).toBe(2);
    expect(cleaned.indexes).toEqual([0, 3, 5, 7, 8]);
  });

  it('counts non-numbers as invalid and snaps on a grid', () => {
    const cleaned = cleanValues(['0.5', true, undefined, 0.12, 0.13], { points: 5 });
    expect(cleaned).toMatchObject({ values: [0, 0.25], missing: 1, invalid: 2, clamped: 0 });
  });
});

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

describe('compareRounds', () => {
  const round1 = [0.3, 0.45, 0.5, 0.62, 0.7, 0.2, 0.56, 0.4];
  const round2 = [0.42, 0.5, 0.52, 0.7, 0.69, 0.35, 0.6, 0.58];

  it('compares the reference rounds', () => {
    const comparison = compareRounds(round1, round2, { points: 7 });
    expectFigure(comparison.before.median, 0.475);
    expectFigure(comparison.after.median, 0.55);
    expectFigure(comparison.before.iqr, 0.2);
    expectFigure(comparison.after.iqr, 0.1425);
    expectFigure(comparison.before.rwg, 0.671907);
    expectFigure(comparison.after.rwg, 0.818971);
    expectFigure(comparison.medianChange, 0.075);
    expectFigure(comparison.iqrChange, 0.1425 - 0.2);
    expectFigure(comparison.rwgChange, 0.818971 - 0.671907);
    expect(comparison.wilcoxon).toMatchObject({ n: 8, wPlus: 35, wMinus: 1, exact: true });
    expectFigure(comparison.wilcoxon?.p ?? null, 0.015625);
  });

  it('gives the distribution change on the comparison grid and the moved share', () => {
    const comparison = compareRounds(round1, round2, { points: 7 });
    // Snapped to 7 points, two of the eight values change grid point.
    expectFigure(comparison.distributionChange, 0.25);
    expect(comparison.stable).toBe(false);
    expectFigure(comparison.movedShare, 1 / 8);
    expect(compareRounds(round1, round2)).toEqual(comparison);
  });

  it('pairs by participant and skips pairs with a missing or invalid value', () => {
    const comparison = compareRounds([0.3, null, 0.5, 0.6, 0.9], [0.4, 0.5, Number.NaN, 0.6]);
    expect(comparison.before.n).toBe(4);
    expect(comparison.after.n).toBe(3);
    expect(comparison.wilcoxon).toMatchObject({ n: 1, wPlus: 1, wMinus: 0, p: 1 });
    expectFigure(comparison.movedShare, 0);
  });

  it('summarizes on the board grid and compares on the comparison grid', () => {
    const comparison = compareRounds([0.1, 0.4], [0.9, 0.4], { points: 3, boardPoints: 5 });
    expect(comparison.before.median).toBe(0.25);
    expect(comparison.after.median).toBe(0.75);
    expectFigure(comparison.distributionChange, 0.5);
    expectFigure(comparison.movedShare, 1 / 2);
  });

  it('uses the normal approximation with tie correction when |differences| tie', () => {
    const comparison = compareRounds(
      [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.5, 0.4],
      [0.3, 0.4, 0.4, 0.7, 0.5, 0.9, 0.8, 0.45],
    );
    // Reference: scipy.stats.wilcoxon(..., zero_method='wilcox', correction=True) = R's wilcox.test.
    expect(comparison.wilcoxon).toMatchObject({ n: 7, wPlus: 25, wMinus: 3, exact: false });
    expectFigure(comparison.wilcoxon?.p ?? null, 0.073312);
  });

  it('has no Wilcoxon test when nobody moved and no change without data', () => {
    const unchanged = compareRounds([0.2, 0.5], [0.2, 0.5]);
    expect(unchanged.wilcoxon).toBeNull();
    expect(unchanged.stable).toBe(true);
    const empty = compareRounds([], []);
    expect(empty).toMatchObject({ medianChange: null, distributionChange: null, stable: null });
    expect(empty).toMatchObject({ movedShare: null, wilcoxon: null });
  });
});

const unitValue = fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000);
const rawEntry = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 6, arbitrary: unitValue },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, Number.NaN, '0.5', -1e-7, 1 + 1e-7) },
  { weight: 1, arbitrary: fc.double({ min: -0.5, max: 1.5, noNaN: true }) },
);
/** A grid of A points and values on it. */
const gridCard = fc.integer({ min: 2, max: 11 }).chain((points) =>
  fc.tuple(
    fc.constant(points),
    fc.array(
      fc.integer({ min: 0, max: points - 1 }).map((k) => k / (points - 1)),
      { maxLength: 40 },
    ),
  ),
);

function withoutOutliers(summary: CardSummary): Omit<CardSummary, 'outliers'> {
  const { outliers: _outliers, ...rest } = summary;
  return rest;
}

function flaggedValues(raw: readonly unknown[], summary: CardSummary): unknown[] {
  return summary.outliers.map((i) => raw[i]).sort();
}

function expectInRange(figure: number | null, low: number, high: number): void {
  if (figure === null) return;
  expect(figure).toBeGreaterThanOrEqual(low - 1e-12);
  expect(figure).toBeLessThanOrEqual(high + 1e-12);
}

function bruteForceGvf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const ss = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return xs.reduce((a, x) => a + (x - m) ** 2, 0);
  };
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i++) {
    best = Math.min(best, ss(sorted.slice(0, i)) + ss(sorted.slice(i)));
  }
  return 1 - best / ss(sorted);
}

describe('properties', () => {
  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(
        fc
          .array(rawEntry, { maxLength: 40 })
          .chain((raw) =>
            fc.tuple(
              fc.constant(raw),
              fc.shuffledSubarray(raw, { minLength: raw.length, maxLength: raw.length }),
            ),
          ),
        ([raw, shuffled]) => {
          const a = summarizeCard(raw);
          const b = summarizeCard(shuffled);
          expect(withoutOutliers(b)).toEqual(withoutOutliers(a));
          expect(flaggedValues(shuffled, b)).toEqual(flaggedValues(raw, a));
        },
      ),
    );
  });

  it('keeps every figure in range', () => {
    fc.assert(
      fc.property(fc.array(rawEntry, { maxLength: 40 }), (raw) => {
        const s = summarizeCard(raw);
        expect(s.n + s.missing + s.invalid).toBe(raw.length);
        expect(s.clamped).toBeLessThanOrEqual(s.n);
        for (const figure of [s.median, s.mean, s.trimmedMean, s.q1, s.q3, s.iqr]) {
          expectInRange(figure, 0, 1);
        }
        expectInRange(s.q1, 0, s.median ?? 1);
        expectInRange(s.q3, s.median ?? 0, 1);
        // s² ≤ n/(4(n − 1)) on [0,1], so rwg ≥ 1 − 3n/(n − 1) ≥ −5.
        expectInRange(s.rwg, -5, 1);
        for (const figure of [s.rwgDisplay, s.cns, s.withinBand, s.gvf])
          expectInRange(figure, 0, 1);
        expectInRange(s.adMd, 0, 0.5);
        if (s.bimodality !== null) expect(s.bimodality).toBeGreaterThan(0);
        for (const i of s.outliers) expect(typeof raw[i]).toBe('number');
      }),
    );
  });

  it('mirrors location and keeps agreement when every x becomes 1 − x', () => {
    const continuous = fc.tuple(fc.constant(undefined), fc.array(unitValue, { maxLength: 40 }));
    fc.assert(
      fc.property(fc.oneof(continuous, gridCard), ([points, values]) => {
        const opts = points === undefined ? {} : { points };
        const s = summarizeCard(values, opts);
        const m = summarizeCard(
          values.map((x) => 1 - x),
          opts,
        );
        const mirrored = (x: number | null) => (x === null ? null : 1 - x);
        expectFigure(m.median, mirrored(s.median), 1e-9);
        expectFigure(m.mean, mirrored(s.mean), 1e-9);
        for (const key of ['rwg', 'adMd', 'cns', 'gvf'] as const) {
          expectFigure(m[key], s[key], 1e-9);
        }
        expect(m.label).toBe(s.label);
      }),
    );
  });

  it('gives rwg = 1 whenever all values are equal', () => {
    fc.assert(
      fc.property(
        fc.oneof(unitValue, fc.double({ min: 0, max: 1, noNaN: true })),
        fc.integer({ min: 2, max: 60 }),
        fc.option(fc.integer({ min: 2, max: 11 }), { nil: undefined }),
        (x, n, points) => {
          const values = Array.from({ length: n }, () => x);
          const s = summarizeCard(values, points === undefined ? {} : { points });
          expect(s).toMatchObject({ rwg: 1, adMd: 0, cns: 1, outliers: [] });
          if (n >= 4) expect(s).toMatchObject({ gvf: null, bimodality: null, polarized: false });
        },
      ),
    );
  });

  it('finds the same best split as a brute-force search over all splits', () => {
    fc.assert(
      fc.property(fc.array(unitValue, { minLength: 4, maxLength: 30 }), (values) => {
        const s = summarizeCard(values);
        if (s.gvf !== null) expectFigure(s.gvf, bruteForceGvf(values), 1e-9);
      }),
    );
  });

  it('matches the exact Wilcoxon p of a full enumeration of sign assignments', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (signs) => {
        const before = signs.map(() => 0.5);
        const after = signs.map((up, i) => 0.5 + ((up ? 1 : -1) * (i + 1)) / 100);
        const result = compareRounds(before, after).wilcoxon;
        const n = signs.length;
        const centre = (n * (n + 1)) / 4;
        const observed = signs.reduce((w, up, i) => w + (up ? i + 1 : 0), 0);
        let extreme = 0;
        for (let mask = 0; mask < 2 ** n; mask++) {
          let w = 0;
          for (let rank = 1; rank <= n; rank++) if (mask & (1 << (rank - 1))) w += rank;
          if (Math.abs(w - centre) >= Math.abs(observed - centre)) extreme++;
        }
        expect(result).toMatchObject({ n, wPlus: observed, exact: true });
        expectFigure(result?.p ?? null, extreme / 2 ** n, 1e-12);
      }),
    );
  });
});
