/**
 * One indicator card as a row: its text, its track (CardTrack.tsx), what stands beside it
 * (CardStatus.tsx) and, once revealed, the reasons given. The row is brought into view when it
 * is picked here or focused by the facilitator while following.
 */
import { memo, useEffect, useRef } from 'react';
import type { RubricCard } from '../../shared/rubric.ts';
import { distributionVisible, groupVisible, reasonsVisible } from '../../shared/visibility.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { CardStatus } from './CardStatus.tsx';
import { CardText } from './CardText.tsx';
import { CardTrack } from './CardTrack.tsx';
import { useCardWords } from './cardWords.ts';
import { useOwnChip } from './ownChip.ts';
import { ReasonList } from './ReasonBox.tsx';
import './track.css';

export const CardRow = memo(function CardRow({
  card,
  laneShownOnPhone,
}: {
  card: RubricCard;
  /** Phones show one element at a time: scroll again once this card's lane is shown. */
  laneShownOnPhone: boolean;
}) {
  const { me } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  const peek = useBoard((state) => state.ui.peek);
  const picked = useBoard((state) => state.ui.highlightedCardId === card.id);
  const focused = useBoard((state) => state.control.focusCardId === card.id);
  const following = useBoard((state) => state.ui.following);
  const stats = useBoard((state) => state.stats[card.id]);
  const agreed = useBoard((state) => state.final[card.id]);
  const own = useOwnChip(card.id, stats?.round ?? 1);
  const words = useCardWords(card);
  const rowRef = useRef<HTMLLIElement | null>(null);

  const bringIntoView = picked || (focused && following);
  useEffect(() => {
    if (!bringIntoView) return;
    void laneShownOnPhone;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    rowRef.current?.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
  }, [bringIntoView, laneShownOnPhone]);

  const groupShown = distributionVisible(phase, me.role, peek);
  return (
    <li
      ref={rowRef}
      className={`card-row${picked || focused ? ' highlighted' : ''}${focused ? ' focused' : ''}`}
      data-focused={focused}
      id={`card-${card.id}`}
      data-card-id={card.id}
    >
      <CardText card={card} words={words} />
      <CardTrack
        card={card}
        words={words}
        own={own}
        stats={stats}
        agreed={agreed}
        groupShown={groupShown}
      />
      <CardStatus
        card={card}
        words={words}
        own={own}
        stats={stats}
        agreed={agreed}
        groupShown={groupShown}
        focused={focused}
      />
      {reasonsVisible(phase) && stats && groupVisible(stats.placedCount, me.role) && (
        <ReasonList reasons={stats.reasons} />
      )}
    </li>
  );
});
