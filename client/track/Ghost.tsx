/** Someone else's live drag on a card: where their chip is, or in a silent round only that. */
import type { Participant } from '../../shared/boardDoc.ts';
import { shownName } from '../../shared/i18n/serverNames.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
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
  const tr = useTranslator();
  const name = named && participant ? shownName(tr, participant) : null;
  const who = name ?? tr.t('track.ghost.someone');
  if (drag.x === undefined) {
    // A silent round: only that the card is being moved, never where.
    return (
      <span
        className="ghost-silent"
        data-testid="drag-ghost"
        title={tr.t('track.ghost.placingTitle', { who })}
      >
        {tr.t('track.ghost.placing', { who })}
      </span>
    );
  }
  return (
    <span
      className="ghost"
      data-testid="drag-ghost"
      style={{ left: cssLeft(drag.x), borderColor: named ? participant?.color : undefined }}
      title={tr.t('track.ghost.movingTitle', { who })}
    >
      {name ? name.slice(0, 1).toUpperCase() : ''}
    </span>
  );
}
