/**
 * Where each card of an element sits on the wall: its agreed position, else the group's median
 * when the viewer may see it. Cards without one are counted honestly: nobody placed them yet, or
 * too few people did for the room to see where (the three-placement privacy threshold).
 */
import type { CardSummary } from '../../shared/consensus/cardSummary.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import type { RubricCard, RubricElement } from '../../shared/rubric.ts';
import { groupVisible } from '../../shared/visibility.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export interface WallCard {
  card: RubricCard;
  /** Index of the card in its element (its order in the rubric). */
  index: number;
  x: number;
  agreed: boolean;
  summary: CardSummary;
}

export interface WallPositions {
  /** Cards with a position, from the vendor end to the partnership end. */
  placed: WallCard[];
  notPlaced: number;
  tooFew: number;
}

export function useWallPositions(element: RubricElement): WallPositions {
  const { me } = useBoardContext();
  const stats = useBoard((state) => state.stats);
  const agreed = useBoard((state) => state.final);
  const placed: WallCard[] = [];
  let notPlaced = 0;
  let tooFew = 0;
  element.cards.forEach((card, index) => {
    const cardStats = stats[card.id];
    const count = cardStats?.placedCount ?? 0;
    const median = groupVisible(count, me.role) ? (cardStats?.summary.median ?? null) : null;
    const final = agreed[card.id]?.x;
    const x = final ?? median;
    if (x !== null && x !== undefined && cardStats) {
      placed.push({ card, index, x, agreed: final !== undefined, summary: cardStats.summary });
    } else if (count === 0) notPlaced += 1;
    else tooFew += 1;
  });
  placed.sort((a, b) => a.x - b.x || a.index - b.index);
  return { placed, notPlaced, tooFew };
}

/** "2 not placed yet" and "3 cards: too few placements to show", each only when it applies. */
export function WallUnplaced({ positions, tr }: { positions: WallPositions; tr: Translator }) {
  const { notPlaced, tooFew } = positions;
  return (
    <>
      {tooFew > 0 && (
        <span className="hint wall-too-few" data-testid="wall-too-few">
          {tr.t('board.wall.tooFew', { count: tooFew })}
        </span>
      )}
      {notPlaced > 0 && (
        <span className="hint wall-not-placed" data-testid="wall-not-placed">
          {tr.t('board.wall.notPlaced', { count: notPlaced })}
        </span>
      )}
    </>
  );
}
