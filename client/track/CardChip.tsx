/**
 * The card in compact form (its first words): what a person drags along the track. Centred on
 * its position by layout, not by a CSS transform: dnd-kit measures chips without their
 * transforms, so a transform would shift every later drag by half a chip.
 */
import { useDraggable } from '@dnd-kit/core';
import type { Placement } from '../../shared/boardDoc.ts';
import { AXIS_END_LABEL, type RubricCard } from '../../shared/rubric.ts';
import { percent } from '../format.ts';
import { cssLeft } from './dragGeometry.ts';

function firstWords(text: string, count = 4): string {
  const words = text.split(/\s+/);
  return words.length <= count ? text : `${words.slice(0, count).join(' ')}…`;
}

export function CardChip({
  card,
  placement,
  movable,
}: {
  card: RubricCard;
  placement: Placement | null;
  movable: boolean;
}) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    disabled: !movable,
  });
  const where =
    placement === null
      ? 'not placed yet'
      : `placed at ${percent(placement.x)} toward ${AXIS_END_LABEL}`;
  const button = (
    <button
      type="button"
      ref={setNodeRef}
      className={`chip${isDragging ? ' dragging' : ''}${movable ? '' : ' locked'}`}
      style={transform ? { transform: `translate3d(${transform.x}px, 0, 0)` } : undefined}
      data-testid="chip"
      data-position={placement?.x ?? ''}
      {...attributes}
      {...listeners}
      aria-label={`${card.text}: ${where}${movable ? '' : ' (placing is closed)'}`}
    >
      {firstWords(card.text)}
    </button>
  );
  if (placement === null) return button;
  return (
    <span className="chip-anchor" style={{ left: cssLeft(placement.x) }}>
      {button}
    </span>
  );
}
