/**
 * Drag and drop of cards along their tracks with @dnd-kit/core: mouse, touch (a short press,
 * so the page still scrolls) and keyboard (space picks up, arrows move 1 % of the axis,
 * Shift+arrows 10 %, space drops, Escape cancels). Screen readers hear the card's text and
 * where it is, never its id.
 */
import {
  type Active,
  type Announcements,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  KeyboardSensor,
  MouseSensor,
  type ScreenReaderInstructions,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { type ReactNode, useCallback, useMemo, useRef } from 'react';
import { AXIS_END_LABEL, rubricCards } from '../../shared/rubric.ts';
import { percent } from '../format.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import {
  centerOf,
  centreOnPointer,
  horizontalOnly,
  keyboardCoordinates,
  positionAt,
  type TrackElements,
} from './dragGeometry.ts';
import { TrackRegistryContext } from './trackRegistry.ts';

const instructions: ScreenReaderInstructions = {
  draggable:
    'To place this card, press space to pick it up, use the arrow keys to move it along the axis ' +
    '(1 % a step, with Shift 10 %), and press space to drop it. Escape cancels.',
};

export function BoardDnd({ children }: { children: ReactNode }) {
  const { actions, store, me } = useBoardContext();
  const ownerId = () => store.getState().ui.actingFor ?? me.participantId;
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const tracks = useRef(new Map<string, TrackElements>());
  // Exact positions of a keyboard drag in progress (see keyboardCoordinates).
  const keyboardPositions = useRef(new Map<string, number | null>());
  const trackOf = useCallback((cardId: string) => tracks.current.get(cardId), []);

  const cardText = useMemo(() => {
    const texts = new Map<string, string>();
    if (rubric) for (const card of rubricCards(rubric)) texts.set(card.id, card.text);
    return (id: string | number) => texts.get(String(id)) ?? 'this card';
  }, [rubric]);

  const positionOf = useCallback((active: Active): number | null | undefined => {
    const track = tracks.current.get(String(active.id));
    const rect = active.rect.current.translated;
    if (!track || !rect) return undefined;
    return positionAt(centerOf(rect), track.axis.getBoundingClientRect());
  }, []);

  const whereIs = useCallback(
    (active: Active) => {
      const position = positionOf(active);
      if (position === null) return 'in the tray, not placed';
      if (position === undefined) return '';
      return `at ${percent(position)} toward ${AXIS_END_LABEL}`;
    },
    [positionOf],
  );

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => `Picked up "${cardText(active.id)}", ${whereIs(active)}.`,
      onDragMove: ({ active }) => `"${cardText(active.id)}" ${whereIs(active)}.`,
      onDragOver: () => undefined,
      onDragEnd: ({ active }) =>
        positionOf(active) === null
          ? `"${cardText(active.id)}" is back in the tray, not placed.`
          : `Placed "${cardText(active.id)}" ${whereIs(active)}.`,
      onDragCancel: ({ active }) => `Cancelled. "${cardText(active.id)}" is where it was.`,
    }),
    [cardText, whereIs, positionOf],
  );

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: keyboardCoordinates(trackOf, keyboardPositions.current),
    }),
  );

  const onDragMove = ({ active }: DragMoveEvent) => {
    const position = positionOf(active);
    if (position === undefined) return;
    actions.dragging(String(active.id), position);
  };

  const onDragEnd = ({ active, delta }: DragEndEvent) => {
    const position = positionOf(active);
    keyboardPositions.current.clear();
    actions.dragEnded();
    // Picked up and put down where it was: nothing to write (and no rounding to write).
    if (delta.x === 0 && delta.y === 0) return;
    if (position === undefined) return;
    if (position === null) actions.unplace(ownerId(), String(active.id));
    else actions.place(ownerId(), String(active.id), position);
  };

  return (
    <TrackRegistryContext.Provider value={tracks.current}>
      <DndContext
        sensors={sensors}
        modifiers={[centreOnPointer, horizontalOnly]}
        accessibility={{ announcements, screenReaderInstructions: instructions }}
        onDragMove={onDragMove}
        onDragEnd={onDragEnd}
        onDragStart={() => keyboardPositions.current.clear()}
        onDragCancel={() => {
          keyboardPositions.current.clear();
          actions.dragEnded();
        }}
        autoScroll={false}
      >
        {children}
      </DndContext>
    </TrackRegistryContext.Provider>
  );
}
