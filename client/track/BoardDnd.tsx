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
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { announce } from '../a11y/announcer.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { cardWords, endNames } from './cardWords.ts';
import {
  centerOf,
  centreOnPointer,
  horizontalOnly,
  keyboardCoordinates,
  positionAt,
  type TrackElements,
} from './dragGeometry.ts';
import { ownDragEnded, ownDragMoved } from './ownDrag.ts';
import { positionWords } from './positionWords.ts';
import { TrackRegistryContext } from './trackRegistry.ts';

export function BoardDnd({ children }: { children: ReactNode }) {
  const { actions, store, me } = useBoardContext();
  const ownerId = () => store.getState().ui.actingFor ?? me.participantId;
  const rubric = useBoard((state) => state.meta?.rubric ?? null) ?? ELEMENTS_OF_PARTNERSHIP;
  const tr = useTranslator();
  const instructions: ScreenReaderInstructions = useMemo(
    () => ({ draggable: tr.t('track.chip.instructions') }),
    [tr],
  );
  const tracks = useRef(new Map<string, TrackElements>());
  // Exact positions of a keyboard drag in progress (see keyboardCoordinates).
  const keyboardPositions = useRef(new Map<string, number | null>());
  const trackOf = useCallback((cardId: string) => tracks.current.get(cardId), []);

  // Announcements are plain strings: the card's text goes in as it is shown to this person.
  const words = useMemo(() => {
    const byCard = new Map<string, ReturnType<typeof cardWords>>();
    for (const card of rubricCards(rubric)) byCard.set(card.id, cardWords(rubric, card, tr));
    return byCard;
  }, [rubric, tr]);
  const cardText = useCallback(
    (id: string | number) => words.get(String(id))?.text.text ?? tr.t('track.drag.thisCard'),
    [words, tr],
  );

  const positionOf = useCallback((active: Active): number | null | undefined => {
    const track = tracks.current.get(String(active.id));
    const rect = active.rect.current.translated;
    if (!track || !rect) return undefined;
    return positionAt(centerOf(rect), track.axis.getBoundingClientRect());
  }, []);

  const whereIs = useCallback(
    (cardId: string, position: number | null) => {
      const found = words.get(cardId);
      return found ? positionWords(tr, endNames(found), position) : '';
    },
    [words, tr],
  );

  // Each step is in the chip's value text (CardChip.tsx); the drop itself goes to the page's
  // live region (announce), whether by mouse, touch or keyboard.
  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => tr.t('track.drag.pickedUp', { card: cardText(active.id) }),
      onDragMove: () => undefined,
      onDragOver: () => undefined,
      onDragEnd: () => undefined,
      onDragCancel: ({ active }) => tr.t('track.drag.cancelled', { card: cardText(active.id) }),
    }),
    [cardText, tr],
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
    ownDragMoved(String(active.id), position);
    actions.dragging(String(active.id), position);
  };

  const onDragEnd = ({ active, delta }: DragEndEvent) => {
    const position = positionOf(active);
    keyboardPositions.current.clear();
    ownDragEnded();
    actions.dragEnded();
    // Picked up and put down where it was: nothing to write (and no rounding to write).
    if (delta.x === 0 && delta.y === 0) return;
    if (position === undefined) return;
    const cardId = String(active.id);
    // Only what was written is announced: a refusal says so itself (assertively).
    if (position === null) {
      if (actions.unplace(ownerId(), cardId)) {
        announce(tr.t('track.drag.backToTray', { card: cardText(cardId) }));
      }
    } else if (actions.place(ownerId(), cardId, position)) {
      announce(
        tr.t('track.drag.placed', { card: cardText(cardId), where: whereIs(cardId, position) }),
      );
    }
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
          ownDragEnded();
          actions.dragEnded();
        }}
        autoScroll={false}
      >
        {children}
      </DndContext>
    </TrackRegistryContext.Provider>
  );
}
