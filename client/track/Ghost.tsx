/** Someone else's live drag on a card: where their chip is, or in a silent round only that. */
import type { Participant } from '../../shared/boardDoc.ts';
import type { RemoteDrag } from '../state/boardStore.ts';
import { cssLeft } from './dragGeometry.ts';

export function Ghost({
  drag,
  participant,
  named,
}: {
  drag: RemoteDrag;
  participant: Participant | undefined;
  named: boolean;
}) {
  const who = named ? (participant?.name ?? 'Someone') : 'Someone';
  if (drag.x === undefined) {
    // A silent round: only that the card is being moved, never where.
    return (
      <span className="ghost-silent" data-testid="drag-ghost" title={`${who} is placing this card`}>
        {who} is placing…
      </span>
    );
  }
  return (
    <span
      className="ghost"
      data-testid="drag-ghost"
      style={{ left: cssLeft(drag.x), borderColor: named ? participant?.color : undefined }}
      title={`${who} is moving this card`}
    >
      {named ? (participant?.name.slice(0, 1).toUpperCase() ?? '?') : ''}
    </span>
  );
}
