/** Dense rows: dots that would touch stack in levels, never on top of each other. */
import { describe, expect, it } from 'vitest';
import { type DotStack, MAX_NUDGE, stackDots } from '../../../shared/dotStacking.ts';

const options = { axisWidth: 300, diameter: 12, minDiameter: 6, maxLevels: 10 };

/** Every pair of drawn dots: their boxes (x by level) do not overlap. */
function overlaps(positions: readonly number[], stack: DotStack, axisWidth: number): number {
  const drawn = positions
    .map((x, index) => ({
      px: x * axisWidth + (stack.nudges[index] ?? 0),
      level: stack.levels[index],
    }))
    .filter((dot): dot is { px: number; level: number } => dot.level != null);
  let count = 0;
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      const a = drawn[i];
      const b = drawn[j];
      if (a && b && a.level === b.level && Math.abs(a.px - b.px) < stack.diameter - 1e-9)
        count += 1;
    }
  }
  return count;
}

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('stackDots', () => {
  it('keeps spread-out dots on the line', () => {
    const stack = stackDots([0.1, 0.5, 0.9], options);
    expect(stack.levels).toEqual([0, 0, 0]);
    expect(stack.levelCount).toBe(1);
    expect(stack.folded).toBe(0);
  });

  it('stacks dots at the same spot one above the other', () => {
    const stack = stackDots([0.5, 0.5, 0.5], options);
    expect([...stack.levels].sort()).toEqual([0, 1, 2]);
  });

  it('never lets two drawn dots overlap, for 30 and 60 clustered placements', () => {
    for (const count of [30, 60]) {
      const random = seeded(count);
      const positions = Array.from({ length: count }, () => 0.4 + random() * 0.3);
      const stack = stackDots(positions, options);
      expect(overlaps(positions, stack, options.axisWidth)).toBe(0);
      expect(stack.folded).toBe(0);
      expect(stack.levelCount).toBeLessThanOrEqual(options.maxLevels);
    }
  });

  it('fills each level from left to right in order of position', () => {
    const random = seeded(7);
    const positions = Array.from({ length: 40 }, () => random());
    const stack = stackDots(positions, options);
    for (let level = 0; level < stack.levelCount; level++) {
      const onLevel = positions.filter((_, index) => stack.levels[index] === level);
      expect(stack.nudges.every((nudge) => nudge === 0)).toBe(true);
      const inInputOrder = positions
        .map((x, index) => ({ x, index }))
        .filter(({ index }) => stack.levels[index] === level)
        .sort((a, b) => a.x - b.x)
        .map(({ x }) => x);
      expect([...onLevel].sort((a, b) => a - b)).toEqual(inInputOrder);
    }
  });

  it('stays within its levels: shrinks the dots, then nudges them a little sideways', () => {
    const positions = Array.from({ length: 60 }, () => 0.5);
    const stack = stackDots(positions, options);
    expect(stack.levelCount).toBe(options.maxLevels);
    expect(stack.diameter).toBe(options.minDiameter);
    expect(stack.folded).toBe(0);
    expect(overlaps(positions, stack, options.axisWidth)).toBe(0);
    for (const nudge of stack.nudges) {
      expect(Math.abs(nudge)).toBeLessThanOrEqual(MAX_NUDGE * stack.diameter);
    }
  });

  it('does not nudge while the levels have room', () => {
    const random = seeded(3);
    const positions = Array.from({ length: 30 }, () => random());
    expect(stackDots(positions, options).nudges.every((nudge) => nudge === 0)).toBe(true);
  });

  it('folds away, and counts, what has no room even nudged', () => {
    const positions = Array.from({ length: 200 }, () => 0.5);
    const stack = stackDots(positions, options);
    const drawn = stack.levels.filter((level) => level !== null).length;
    expect(stack.folded).toBe(200 - drawn);
    expect(stack.folded).toBeGreaterThan(0);
    expect(stack.levelCount).toBe(options.maxLevels);
    expect(overlaps(positions, stack, options.axisWidth)).toBe(0);
  });

  it('shrinks the dots before growing past the last level', () => {
    // 10 dots 8 px apart: 12 px dots need two levels per neighbourhood, 8 px dots fit on one.
    const positions = Array.from({ length: 10 }, (_, i) => (100 + i * 8) / 300);
    const stack = stackDots(positions, { ...options, maxLevels: 1 });
    expect(stack.folded).toBe(0);
    expect(stack.diameter).toBeLessThanOrEqual(8);
    expect(stack.levelCount).toBe(1);
  });

  it('has no levels without dots', () => {
    expect(stackDots([], options)).toEqual({
      levels: [],
      nudges: [],
      diameter: 12,
      levelCount: 0,
      folded: 0,
    });
  });
});
