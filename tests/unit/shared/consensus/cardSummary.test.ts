import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CardSummary,
  type ConsensusLabel,
  summarizeCard,
} from '../../../../shared/consensus/cardSummary.ts';
import { cleanValues } from '../../../../shared/consensus/cleanValues.ts';
import type { ConsensusOptions } from '../../../../shared/consensus/scale.ts';
import { expectFigure, positions } from './figures.ts';

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
});
