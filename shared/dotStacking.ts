/**
 * Where a card's dots sit when many people placed it close together: dots that would touch stack
 * downward from the line in levels (a one-sided beeswarm), so 60 placements stay 60 visible dots.
 * Pure: positions (0–1) and the axis width in pixels in, a level (and a sideways nudge) per dot
 * out.
 *
 * Each dot, in order of position, takes the lowest level where it keeps a dot's width from every
 * dot on that level. When the last level allowed is full, the dots first shrink (down to a
 * minimum); then a dot may be nudged sideways by at most MAX_NUDGE diameters to the nearest free
 * place; only a dot with no room even then is folded away (counted, never drawn on top).
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
  /** Per input dot: how far (px) it is drawn from its true place; 0 unless the levels were full. */
  nudges: number[];
  /** The diameter in pixels the dots are drawn at. */
  diameter: number;
  /** Levels in use (0 without dots). */
  levelCount: number;
  /** Dots not drawn for want of room (said in words beside the track). */
  folded: number;
}

/** The farthest a dot is drawn from its true place, in diameters, when its levels are full. */
export const MAX_NUDGE = 3;

export function stackDots(positions: readonly number[], options: DotStackOptions): DotStack {
  const { axisWidth, minDiameter, maxLevels } = options;
  let diameter = options.diameter;
  for (;;) {
    const stack = stackAt(positions, axisWidth, diameter, maxLevels, 0);
    if (stack.folded === 0) return stack;
    if (diameter <= minDiameter) break;
    diameter = Math.max(minDiameter, diameter - 2);
  }
  return stackAt(positions, axisWidth, diameter, maxLevels, MAX_NUDGE * diameter);
}

function stackAt(
  positions: readonly number[],
  axisWidth: number,
  diameter: number,
  maxLevels: number,
  maxNudge: number,
): DotStack {
  const order = positions
    .map((x, index) => ({ px: x * axisWidth, index }))
    .sort((a, b) => a.px - b.px || a.index - b.index);
  // Nudges tried in turn: none, then half a diameter more each way, nearest first.
  const nudgesToTry = [0];
  for (let step = diameter / 2; step <= maxNudge; step += diameter / 2) {
    nudgesToTry.push(step, -step);
  }
  const occupied: number[][] = [];
  const levels: (number | null)[] = positions.map(() => null);
  const nudges: number[] = positions.map(() => 0);
  let folded = 0;
  for (const { px, index } of order) {
    const place = findPlace(px, occupied, nudgesToTry, diameter, maxLevels, axisWidth);
    if (!place) {
      folded += 1;
      continue;
    }
    const onLevel = occupied[place.level] ?? [];
    onLevel.push(px + place.nudge);
    occupied[place.level] = onLevel;
    levels[index] = place.level;
    nudges[index] = place.nudge;
  }
  return { levels, nudges, diameter, levelCount: occupied.length, folded };
}

function findPlace(
  px: number,
  occupied: readonly (readonly number[])[],
  nudgesToTry: readonly number[],
  diameter: number,
  maxLevels: number,
  axisWidth: number,
): { level: number; nudge: number } | null {
  for (const nudge of nudgesToTry) {
    const at = px + nudge;
    if (at < 0 || at > axisWidth) continue;
    for (let level = 0; level < maxLevels; level++) {
      const onLevel = occupied[level] ?? [];
      // A level beyond those in use is free; a dot never skips an empty level.
      if (level > occupied.length) break;
      if (onLevel.every((other) => Math.abs(other - at) >= diameter - 1e-9)) {
        return { level, nudge };
      }
    }
  }
  return null;
}
