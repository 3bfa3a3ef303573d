/**
 * The printable report of a board (print stylesheet; "Save as PDF" gives a clean PDF): the
 * title and date, per element the position, agreement and perception gaps, the cards in
 * discussion order with their figures, agreed positions and notes, and how the group moved
 * between rounds. Loaded lazily from /b/:boardId/report.
 */
import { useMemo } from 'react';
import { boardPictureSvg } from '../../shared/boardPicture.ts';
import { discussionOrder } from '../../shared/consensus/discussionOrder.ts';
import { perceptionGap } from '../../shared/perceptionGap.ts';
import { AXIS_END_LABEL, AXIS_START_LABEL, rubricCards } from '../../shared/rubric.ts';
import { PHASE_LABELS, percent, signedPoints } from '../format.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { boardLatestFigures, boardPictureInput } from '../state/boardPictureInput.ts';
import {
  boardSentence,
  cardFiguresText,
  elementAgreementText,
  elementPositionText,
  medianOrWhy,
  organisationsText,
  plural,
} from './reportWords.ts';
import './report.css';

export default function ReportView() {
  const meta = useBoard((state) => state.meta);
  const control = useBoard((state) => state.control);
  const stats = useBoard((state) => state.stats);
  const rounds = useBoard((state) => state.rounds);
  const participants = useBoard((state) => state.participants);
  const agreed = useBoard((state) => state.final);
  const total = useBoard((state) => state.countedTotal);
  const { store, me } = useBoardContext();

  // Each card's latest figures: a card nobody placed again keeps its earlier round's, marked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when what it reads changes
  const latest = useMemo(
    () => boardLatestFigures(store.getState(), me.role),
    [store, me.role, meta, stats, rounds, participants],
  );

  const ordered = useMemo(() => {
    if (!meta || !latest) return [];
    const cards = rubricCards(meta.rubric);
    const byId = new Map(cards.map((card) => [card.id, card]));
    const ids = discussionOrder(
      cards.flatMap((card) => {
        const figures = latest.cards[card.id];
        return figures ? [{ cardId: card.id, summary: figures.summary }] : [];
      }),
    );
    return ids.flatMap((id) => {
      const card = byId.get(id);
      return card ? [card] : [];
    });
  }, [meta, latest]);

  if (!meta || !latest) return null;
  const pictureInput = boardPictureInput(store.getState(), me.role, latest);
  const picture = pictureInput
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(boardPictureSvg(pictureInput))}`
    : null;
  const elementName = new Map(
    meta.rubric.elements.flatMap((e) => e.cards.map((c) => [c.id, e.name])),
  );
  // Only the cards placed again have two rounds to compare; the others show their latest above.
  const moved = ordered.filter(
    (card) => latest.cards[card.id]?.fromRound === null && stats[card.id]?.change,
  );
  const notPlacedAgain = ordered.filter((card) => latest.cards[card.id]?.fromRound != null);
  const hasOrganisations = meta.organisations.length > 0;

  return (
    <article className="report" data-testid="report">
      <header className="report-header">
        <h1>{meta.title}</h1>
        <p>
          Board of {new Date(meta.createdAt).toLocaleDateString()} · report of{' '}
          {new Date().toLocaleString()} · {PHASE_LABELS[control.phase]}
          {control.round > 1 ? `, round ${control.round}` : ''} · {plural(total, 'participant')}
          {hasOrganisations ? ` from ${meta.organisations.join(', ')}` : ''}
        </p>
        <p>
          Each indicator was placed between <strong>{AXIS_START_LABEL}</strong> (0 %) and{' '}
          <strong>{AXIS_END_LABEL}</strong> (100 %).
          {boardSentence(latest.board.position, latest.board.rwg)}
          {control.round > 1 &&
            ' A card nobody placed again in a later round shows the figures of its latest round, marked with that round.'}
        </p>
        <button type="button" className="no-print" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </header>

      {picture && (
        <figure className="report-picture">
          <img
            src={picture}
            alt="The board: every card at its agreed position or the group's median"
          />
        </figure>
      )}

      <section>
        <h2>The {plural(meta.rubric.elements.length, 'element')}</h2>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">Position</th>
              <th scope="col">Agreement</th>
              <th scope="col">Polarized cards</th>
              {hasOrganisations && <th scope="col">Organisations (perception gap)</th>}
            </tr>
          </thead>
          <tbody>
            {meta.rubric.elements.map((element) => {
              const summary = latest.elements[element.id];
              const cards = element.cards.map((card) => latest.cards[card.id]);
              const earlier = cards.filter(
                (card) => card?.fromRound != null && card.summary.median !== null,
              );
              const rounds = [...new Set(earlier.map((card) => card?.fromRound))].join(' and ');
              const organisations = latest.elementOrganisations[element.id] ?? null;
              const gap = organisations ? perceptionGap(organisations) : null;
              return (
                <tr key={element.id} data-testid="report-element">
                  <th scope="row">
                    {element.name}
                    {earlier.length > 0 && (
                      <span className="report-earlier-note">
                        {plural(earlier.length, 'card')} with figures from round {rounds}
                      </span>
                    )}
                  </th>
                  <td>{elementPositionText(summary, cards)}</td>
                  <td>{elementAgreementText(summary)}</td>
                  <td>{summary?.polarizedCount ?? 0}</td>
                  {hasOrganisations && (
                    <td>
                      {organisations
                        ? organisationsText(organisations)
                        : 'not kept for earlier rounds on this screen'}
                      {gap !== null && ` (gap ${percent(gap)})`}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section>
        <h2>Cards, in the order to discuss them</h2>
        <ol className="report-cards">
          {ordered.map((card) => {
            const figures = latest.cards[card.id];
            if (!figures) return null;
            const agreement = agreed[card.id];
            const gap =
              figures.summary.median === null || !figures.organisations
                ? null
                : perceptionGap(figures.organisations);
            return (
              <li
                key={card.id}
                className="report-card"
                data-card-id={card.id}
                data-testid="report-card"
              >
                <p className="report-card-text">
                  {card.text} <span className="hint">({elementName.get(card.id)})</span>
                </p>
                <p className="report-card-figures">
                  {figures.fromRound !== null && (
                    <span className="report-earlier" data-testid="from-round">
                      from round {figures.fromRound}
                    </span>
                  )}
                  {cardFiguresText(figures, total)}
                  {gap !== null && ` · perception gap ${percent(gap)}`}
                </p>
                {agreement && (
                  <p className="report-agreed">
                    Agreed position: <strong>{percent(agreement.x)}</strong>
                    {agreement.note ? `. ${agreement.note}` : ''}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      <section>
        <h2>How the group moved between rounds</h2>
        {rounds.length === 0 ? (
          <p>There was one round.</p>
        ) : (
          <>
            <p>
              {rounds.length + 1} rounds;{' '}
              {rounds
                .map(
                  (record) =>
                    `round ${record.round} closed on ${plural(record.cardIds.length, 'card')}`,
                )
                .join(', ')}
              .
              {moved.length === 0 && ' No card has figures to compare with its previous round yet.'}
              {notPlacedAgain.length > 0 &&
                ` ${plural(notPlacedAgain.length, 'card was', 'cards were')} not placed again; above, they show the figures of their latest round.`}
            </p>
            {moved.length > 0 && (
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">Card</th>
                    <th scope="col">Median before → now</th>
                    <th scope="col">Agreement change</th>
                    <th scope="col">Distribution</th>
                  </tr>
                </thead>
                <tbody>
                  {moved.map((card) => {
                    const change = stats[card.id]?.change;
                    if (!change) return null;
                    return (
                      <tr key={card.id}>
                        <th scope="row">{card.text}</th>
                        <td>
                          {medianOrWhy(change.before.median)} → {medianOrWhy(change.after.median)}
                        </td>
                        <td>
                          {change.rwgChange === null
                            ? 'not measured'
                            : signedPoints(change.rwgChange)}
                        </td>
                        <td>
                          {change.stable === null
                            ? 'not measured'
                            : change.stable
                              ? 'stable'
                              : 'still moving'}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </article>
  );
}
