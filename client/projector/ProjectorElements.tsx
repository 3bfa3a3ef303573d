/**
 * Before the reveal the wall has no positions to show: each element as a tile with its cards'
 * count and how much of it the room has placed, so the projector still shows the whole board.
 */

import { elementName } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { isInOpenRound } from '../../shared/rounds.ts';
import type { RubricElement } from '../../shared/rubric.ts';
import { InLanguages } from '../board/InLanguages.tsx';
import { useBoard } from '../state/BoardContext.tsx';
import { useWallTranslators } from './useWallTranslators.ts';

// Selectors must return stable values: a fresh [] each time would re-render forever.
const NO_ELEMENTS: readonly RubricElement[] = [];

export function ProjectorElements() {
  const translators = useWallTranslators();
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const elements = rubric?.elements ?? NO_ELEMENTS;
  const roundCardIds = useBoard((state) => state.control.roundCardIds);
  const stats = useBoard((state) => state.stats);
  const total = useBoard((state) => state.progress.total);
  const phase = useBoard((state) => state.control.phase);
  const columns =
    elements.length <= 4 ? Math.max(1, elements.length) : elements.length <= 6 ? 3 : 4;
  if (!rubric) return null;
  return (
    <div
      className="projector-elements"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
    >
      {elements.map((element) => {
        // Only the open round's cards: in a round on one element, the others are not placed now.
        const inRound = element.cards.filter((card) => isInOpenRound(card.id, { roundCardIds }));
        const placed = inRound.reduce((sum, card) => sum + (stats[card.id]?.placedCount ?? 0), 0);
        const possible = inRound.length * total;
        const share = possible > 0 ? Math.min(1, placed / possible) : 0;
        const names = translators.map((tr) => elementName(rubric, element, tr));
        const meta = (tr: Translator) =>
          [
            tr.t('projector.elements.cards', { count: element.cards.length }),
            phase === 'setup'
              ? ''
              : inRound.length > 0
                ? tr.t('projector.elements.placed', { share: tr.percent(share) })
                : tr.t('projector.elements.notInRound'),
          ]
            .filter(Boolean)
            .join(' · ');
        return (
          <section
            key={element.id}
            className="projector-element"
            data-testid="projector-element"
            data-element-id={element.id}
            aria-label={names[0]?.text}
          >
            <h2>
              <InLanguages texts={names} />
            </h2>
            {translators.map((tr, index) => (
              <p
                key={tr.locale}
                lang={tr.lang}
                className={`projector-element-meta${index > 0 ? ' second-language' : ''}`}
              >
                {meta(tr)}
              </p>
            ))}
            {phase !== 'setup' && inRound.length > 0 && (
              <div className="projector-progress-bar small" aria-hidden="true">
                <span style={{ width: `${share * 100}%` }} />
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
