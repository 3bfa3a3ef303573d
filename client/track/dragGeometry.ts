/**
 * Geometry of a card's track: where along the axis a chip's centre is, and where the keyboard
 * moves it. Every card has a tray ("not placed" well) left of its axis; a chip whose centre is
 * left of the axis start is in the tray.
 */
import type { KeyboardCoordinateGetter, Modifier } from '@dnd-kit/core';
import { roundPosition } from '../../shared/boardDoc.ts';

/** A chip dropped this close left of the axis start still counts as position 0. */
const TRAY_MARGIN_PX = 8;
/** Keyboard steps as shares of the axis, whatever the screen size. */
export const STEP = 0.01;
export const BIG_STEP = 0.1;

export interface TrackElements {
  axis: HTMLElement;
  tray: HTMLElement;
}

interface Span {
  left: number;
  width: number;
}

/** The position (0–1) of a chip centred at `centerX`, or null when it is in the tray. */
export function positionAt(centerX: number, axis: Span): number | null {
  if (centerX < axis.left - TRAY_MARGIN_PX) return null;
  return roundPosition((centerX - axis.left) / axis.width);
}

export function centerOf(rect: Span): number {
  return rect.left + rect.width / 2;
}

/** The next keyboard position from `current` (null = tray), or undefined for other keys. */
export function nextKeyboardPosition(
  key: string,
  shift: boolean,
  current: number | null,
): number | null | undefined {
  const step = shift ? BIG_STEP : STEP;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return current === null ? 0 : roundPosition(current + step);
    case 'ArrowLeft':
    case 'ArrowDown':
      if (current === null) return null;
      return current <= 0 ? null : roundPosition(current - step);
    case 'Home':
      return 0;
    case 'End':
      return 1;
    default:
      return undefined;
  }
}

/**
 * Moves the dragged chip by shares of its own card's axis (dnd-kit keyboard sensor). The exact
 * position is kept in `exact` (card id → position, null for the tray) rather than read back
 * from the chip's pixels, which on a narrow screen would round 37 % to 36.99 %.
 */
export function keyboardCoordinates(
  trackOf: (cardId: string) => TrackElements | undefined,
  exact: Map<string, number | null>,
): KeyboardCoordinateGetter {
  return (event, { active, currentCoordinates, context }) => {
    const cardId = String(active);
    const track = trackOf(cardId);
    const rect = context.collisionRect;
    if (!track || !rect) return undefined;
    const axis = track.axis.getBoundingClientRect();
    const current = exact.has(cardId)
      ? (exact.get(cardId) ?? null)
      : storedPosition(context.activeNode);
    const next = nextKeyboardPosition(event.code, event.shiftKey, current);
    if (next === undefined) return undefined;
    event.preventDefault();
    exact.set(cardId, next);
    const target =
      next === null ? centerOf(track.tray.getBoundingClientRect()) : axis.left + next * axis.width;
    return { x: currentCoordinates.x + (target - centerOf(rect)), y: currentCoordinates.y };
  };
}

/** Where a chip was placed (its `data-position`), or null while it is in the tray. */
function storedPosition(chip: HTMLElement | null): number | null {
  const value = chip?.dataset.position;
  return value ? Number(value) : null;
}

/** Chips move along their track only. */
export const horizontalOnly: Modifier = ({ transform }) => ({ ...transform, y: 0 });

/**
 * A chip picked up by a finger or the mouse centres on the pointer, so it lands where the
 * pointer lets go, wherever on the chip it was grabbed. Keyboard drags are left alone.
 */
export const centreOnPointer: Modifier = ({ activatorEvent, draggingNodeRect, transform }) => {
  const pointerX = activatorEvent ? clientXOf(activatorEvent) : null;
  if (pointerX === null || !draggingNodeRect) return transform;
  return { ...transform, x: transform.x + pointerX - centerOf(draggingNodeRect) };
};

function clientXOf(event: Event): number | null {
  if ('touches' in event) {
    const touches = event as TouchEvent;
    return (touches.touches[0] ?? touches.changedTouches[0])?.clientX ?? null;
  }
  return 'clientX' in event ? (event as MouseEvent).clientX : null;
}

/** An exact CSS offset along the axis (format.ts percent() rounds for reading). */
export function cssLeft(position: number): string {
  return `${position * 100}%`;
}
