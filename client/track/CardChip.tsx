/**
 * What a person drags along a card's track. In the tray it is the card in compact form (its
 * first words); once placed it is a compact handle above the line with a pointer down to its
 * position, so it never covers the group's band, median, dots or the agreed mark on the line.
 * The handle's touch target stays 44 px tall on phones however small it looks. Centred on its
 * position by layout, not by a CSS transform: dnd-kit measures chips without their transforms,
 * so a transform would shift every later drag by half a chip.
 */
import { useDraggable } from '@dnd-kit/core';
import type { Placement } from '../../shared/boardDoc.ts';
import { AXIS_END_LABEL, type RubricCard } from '../../shared/rubric.ts';
import { percent } from '../format.ts';
import { cssLeft } from './dragGeometry.ts';
import { LockIcon } from './LockIcon.tsx';
import type { ChipClosed } from './ownChip.ts';

function firstWords(text: string, count = 4): string {
  const words = text.split(/\s+/);
  return words.length <= count ? text : `${words.slice(0, count).join(' ')}…`;
}

const CLOSED_WORDS: Record<ChipClosed, string> = {
  'not-yet': 'placing opens soon',
  locked: 'locked, the board is final',
  closed: 'placing is closed',
};

export function CardChip({
  card,
  placement,
  movable,
  closed,
}: {
  card: RubricCard;
  placement: Placement | null;
  movable: boolean;
  closed: ChipClosed | null;
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
      className={`chip${placement ? ' handle' : ''}${isDragging ? ' dragging' : ''}`}
      style={transform ? { transform: `translate3d(${transform.x}px, 0, 0)` } : undefined}
      data-testid="chip"
      data-position={placement?.x ?? ''}
      data-closed={closed ?? undefined}
      {...attributes}
      {...listeners}
      aria-label={`${card.text}: ${where}${closed ? ` (${CLOSED_WORDS[closed]})` : ''}`}
    >
      {placement === null ? (
        <span className="chip-face">
          {closed === 'locked' && <LockIcon />}
          {firstWords(card.text)}
        </span>
      ) : (
        <span className="handle-face">{closed === 'locked' ? <LockIcon /> : 'you'}</span>
      )}
    </button>
  );
  if (placement === null) return button;
  return (
    <span className="chip-anchor" style={{ left: cssLeft(placement.x) }}>
      {button}
    </span>
  );
}
