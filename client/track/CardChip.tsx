/**
 * What a person drags along a card's track. In the tray it is the card in compact form (its
 * first words); once placed it is a compact handle above the line with a pointer down to its
 * position, so it never covers the group's band, median, dots or the agreed mark on the line.
 * The handle's touch target stays 44 px tall on phones however small it looks. Centred on its
 * position by layout, not by a CSS transform: dnd-kit measures chips without their transforms,
 * so a transform would shift every later drag by half a chip.
 *
 * For screen readers it is a slider: named by the card's text and element, its value the
 * position in words (following each keyboard step while dragged), described by how to move it
 * and, once revealed, the group's figures (CardSummary.tsx).
 */
import { useDraggable } from '@dnd-kit/core';
import type { Placement } from '../../shared/boardDoc.ts';
import type { RubricCard } from '../../shared/rubric.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { type CardWords, endNames } from './cardWords.ts';
import { cssLeft } from './dragGeometry.ts';
import { LockIcon } from './LockIcon.tsx';
import type { ChipClosed } from './ownChip.ts';
import { useOwnDragPosition } from './ownDrag.ts';
import { positionWords } from './positionWords.ts';

function firstWords(text: string, count = 4): string {
  const words = text.split(/\s+/);
  return words.length <= count ? text : `${words.slice(0, count).join(' ')}…`;
}

const CLOSED_SELECT: Record<ChipClosed, string> = {
  'not-yet': 'notYet',
  locked: 'locked',
  closed: 'closed',
};

export function CardChip({
  card,
  words,
  placement,
  movable,
  closed,
  summaryId,
}: {
  card: RubricCard;
  words: CardWords;
  placement: Placement | null;
  movable: boolean;
  closed: ChipClosed | null;
  /** The element describing the group's figures, once they are shown. */
  summaryId: string | undefined;
}) {
  const tr = useTranslator();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    disabled: !movable,
    attributes: { role: 'slider', roleDescription: tr.t('track.chip.roleDescription') },
  });
  const dragged = useOwnDragPosition(card.id);
  const shown = dragged !== undefined ? dragged : (placement?.x ?? null);
  const describedBy = [attributes['aria-describedby'], summaryId].filter(Boolean).join(' ');
  const chip = (
    // A slider, not a button: a button may not carry a value (dnd-kit gives it tabIndex 0).
    <span
      ref={setNodeRef}
      className={`chip${placement ? ' handle' : ''}${isDragging ? ' dragging' : ''}`}
      style={transform ? { transform: `translate3d(${transform.x}px, 0, 0)` } : undefined}
      data-testid="chip"
      data-position={placement?.x ?? ''}
      data-closed={closed ?? undefined}
      {...attributes}
      {...listeners}
      role="slider"
      tabIndex={attributes.tabIndex}
      aria-describedby={describedBy}
      aria-label={tr.t('track.chip.name', {
        card: words.text.text,
        element: words.element.text,
        closed: closed ? CLOSED_SELECT[closed] : 'open',
      })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={shown === null ? 0 : Math.round(shown * 100)}
      aria-valuetext={positionWords(tr, endNames(words), shown)}
      aria-orientation="horizontal"
    >
      {placement === null ? (
        <span className="chip-face" lang={words.text.lang}>
          {closed === 'locked' && <LockIcon />}
          {firstWords(words.text.text)}
        </span>
      ) : (
        <span className="handle-face">
          {closed === 'locked' ? <LockIcon /> : tr.t('track.chip.you')}
        </span>
      )}
    </span>
  );
  if (placement === null) return chip;
  return (
    <span className="chip-anchor" style={{ left: cssLeft(placement.x) }}>
      {chip}
    </span>
  );
}
