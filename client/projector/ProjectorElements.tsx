/**
 * Before the reveal the wall has no positions to show: each element as a tile with its cards'
 * count and how much of it the room has placed, so the projector still shows the whole board.
 */
import { useBoard } from '../state/BoardContext.tsx';

export function ProjectorElements() {
  const elements = useBoard((state) => state.meta?.rubric.elements ?? []);
  const stats = useBoard((state) => state.stats);
  const total = useBoard((state) => state.progress.total);
  const phase = useBoard((state) => state.control.phase);
  const columns =
    elements.length <= 4 ? Math.max(1, elements.length) : elements.length <= 6 ? 3 : 4;
  return (
    <div
      className="projector-elements"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
    >
      {elements.map((element) => {
        const placed = element.cards.reduce(
          (sum, card) => sum + (stats[card.id]?.placedCount ?? 0),
          0,
        );
        const possible = element.cards.length * total;
        const share = possible > 0 ? Math.min(1, placed / possible) : 0;
        return (
          <section
            key={element.id}
            className="projector-element"
            data-testid="projector-element"
            data-element-id={element.id}
            aria-label={element.name}
          >
            <h3>{element.name}</h3>
            <p className="projector-element-meta">
              {element.cards.length} cards
              {phase !== 'setup' && ` · ${Math.round(share * 100)}% placed`}
            </p>
            {phase !== 'setup' && (
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
