/**
 * Where a card's dots sit when many people placed it close together: dots that would touch stack
 * downward from the line in levels (a one-sided beeswarm), so 60 placements stay 60 visible dots.
 * Pure: positions (0–1) and the axis width in pixels in, a level per dot out.
 *
 * Each dot, in order of position, takes the lowest level where it keeps a dot's width from the
 * dot before it on that level. When even the last level allowed is taken, the dots shrink (down
 * to a minimum) before any is folded away; a dot folded away is counted, never drawn on top.
 */

export interface DotStackOptions {
  /** The axis width in pixels. */
  axisWidth: number;
  /** The dots' preferred diameter in pixels. */
  diameter: number;
  /** The smallest diameter dots may shrink to before levels are capped. */
  minDiameter: number;
  /** The most levels (rows) a card's track may grow to. */
  maxLevels: number;
}

export interface DotStack {
  /** Per input dot, in input order: its level (0 on the line), or null when folded away. */
  levels: (number | null)[];
  /** The diameter in pixels the dots are drawn at. */
  diameter: number;
  /** Levels in use (0 without dots). */
  levelCount: number;
  /** Dots not drawn for want of room (said in words beside the track). */
  folded: number;
}

export function stackDots(positions: readonly number[], options: DotStackOptions): DotStack {
  const { axisWidth, minDiameter, maxLevels } = options;
  let diameter = options.diameter;
  for (;;) {
    const stack = firstFit(positions, axisWidth, diameter, maxLevels);
    if (stack.folded === 0 || diameter <= minDiameter) return stack;
    diameter = Math.max(minDiameter, diameter - 2);
  }
}

function firstFit(
  positions: readonly number[],
  axisWidth: number,
  diameter: number,
  maxLevels: number,
): DotStack {
  const order = positions
    .map((x, index) => ({ px: x * axisWidth, index }))
    .sort((a, b) => a.px - b.px || a.index - b.index);
  /** The right edge (centre, px) of the last dot on each level. */
  const lastOnLevel: number[] = [];
  const levels: (number | null)[] = positions.map(() => null);
  let folded = 0;
  for (const { px, index } of order) {
    let level = lastOnLevel.findIndex((last) => px - last >= diameter);
    if (level === -1 && lastOnLevel.length < maxLevels) level = lastOnLevel.length;
    if (level === -1) {
      folded += 1;
      continue;
    }
    lastOnLevel[level] = px;
    levels[index] = level;
  }
  return { levels, diameter, levelCount: lastOnLevel.length, folded };
}
