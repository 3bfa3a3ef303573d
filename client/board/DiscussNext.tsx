/**
 * "Discuss next": the cards in the order the group should talk about them (split first, then
 * the weakest agreement; or by the perception gap, or by the change since the last retreat when
 * the board has a baseline), in a compact panel opened from the header. Picking one closes it,
 * scrolls to the card and highlights it; for the facilitator it also focuses the card for
 * everyone.
 */
import { useMemo } from 'react';
import { discussionOrder } from '../../shared/consensus/discussionOrder.ts';
import { orderByChange } from '../../shared/consensus/sinceBaseline.ts';
import { cardText } from '../../shared/i18n/rubricText.ts';
import { CONSENSUS_LABEL_COLORS } from '../../shared/palette.ts';
import { perceptionGapOrder } from '../../shared/perceptionGap.ts';
import { rubricCards } from '../../shared/rubric.ts';
import { distributionVisible } from '../../shared/visibility.ts';
import { labelText, pointsChange, shareOrDash } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';
import { Popover } from './Popover.tsx';

const SHOWN = 8;

export function DiscussNext() {
  const tr = useTranslator();
  const { t } = tr;
  const { me, store, actions } = useBoardContext();
  const visible = useBoard((state) =>
    distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const stats = useBoard((state) => state.stats);
  const agreed = useBoard((state) => state.final);
  const hasOrganisations = useBoard((state) => (state.meta?.organisations.length ?? 0) >= 2);
  const hasBaseline = useBoard((state) =>
    Object.values(state.stats).some((card) => card.since?.change != null),
  );
  const chosen = useBoard((state) => state.ui.discussOrder);
  // An order whose figures the board does not have falls back to agreement.
  const by =
    (chosen === 'gap' && !hasOrganisations) || (chosen === 'change' && !hasBaseline)
      ? 'agreement'
      : chosen;
  const locked = useBoard((state) => state.control.phase === 'final');
  const order = useMemo(() => {
    if (!rubric) return [];
    const cards = rubricCards(rubric);
    const byId = new Map(cards.map((card) => [card.id, card]));
    const candidates = cards.flatMap((card) => {
      const summary = stats[card.id]?.summary;
      return summary && summary.n >= 2 ? [{ cardId: card.id, summary }] : [];
    });
    const ids =
      by === 'gap'
        ? perceptionGapOrder(
            candidates.map((c) => ({
              cardId: c.cardId,
              gap: stats[c.cardId]?.perceptionGap ?? null,
            })),
          )
        : by === 'change'
          ? orderByChange(
              candidates.map((c) => ({ cardId: c.cardId, since: stats[c.cardId]?.since ?? null })),
            )
          : discussionOrder(candidates);
    return ids.flatMap((id) => {
      const card = byId.get(id);
      const summary = stats[id]?.summary;
      return card && summary ? [{ card, summary }] : [];
    });
  }, [rubric, stats, by]);
  if (!visible || order.length === 0 || !rubric) return null;
  return (
    <Popover
      className="discuss-next"
      panelClassName="discuss-panel"
      label={t('board.discuss.button')}
      testId="discuss-next-menu"
    >
      {(close) => (
        <>
          {(hasOrganisations || hasBaseline) && (
            <fieldset className="discuss-order">
              <legend className="visually-hidden">{t('board.discuss.order')}</legend>
              <label>
                <input
                  type="radio"
                  name="discuss-order"
                  checked={by === 'agreement'}
                  onChange={() => setUi(store, { discussOrder: 'agreement' })}
                />
                {t('board.discuss.byAgreement')}
              </label>
              {hasOrganisations && (
                <label>
                  <input
                    type="radio"
                    name="discuss-order"
                    checked={by === 'gap'}
                    onChange={() => setUi(store, { discussOrder: 'gap' })}
                  />
                  {t('board.discuss.byGap')}
                </label>
              )}
              {hasBaseline && (
                <label>
                  <input
                    type="radio"
                    name="discuss-order"
                    checked={by === 'change'}
                    onChange={() => setUi(store, { discussOrder: 'change' })}
                  />
                  {t('board.discuss.byChange')}
                </label>
              )}
            </fieldset>
          )}
          <ol data-testid="discuss-next">
            {order.slice(0, SHOWN).map(({ card, summary }) => {
              const text = cardText(rubric, card, tr);
              const what =
                by === 'gap'
                  ? t('board.discuss.gap', {
                      gap: shareOrDash(tr, stats[card.id]?.perceptionGap ?? null),
                    })
                  : by === 'change'
                    ? t('board.discuss.change', {
                        change: pointsChange(tr, stats[card.id]?.since?.change ?? null),
                      })
                    : labelText(tr, summary.label);
              return (
                <li key={card.id}>
                  <button
                    type="button"
                    className="discuss-item"
                    onClick={() => {
                      close();
                      setUi(store, { highlightedCardId: card.id });
                      // A locked board takes no control changes but its reopening.
                      if (me.role === 'facilitator' && !locked) actions.setFocus(card.id);
                    }}
                  >
                    <span
                      className="label-swatch"
                      style={{ background: CONSENSUS_LABEL_COLORS[summary.label] }}
                    />
                    <span className="discuss-text" lang={text.lang}>
                      {text.text}
                    </span>
                    <span className="discuss-label">
                      {t('board.discuss.detail', { what, agreed: agreed[card.id] ? 'yes' : 'no' })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </Popover>
  );
}
