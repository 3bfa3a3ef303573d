/**
 * The printable report of a board (print stylesheet; "Save as PDF" gives a clean PDF): the
 * title and date, per element the position, agreement and perception gaps, the cards in
 * discussion order with their figures, agreed positions and notes, and how the group moved
 * between rounds. Loaded lazily from /b/:boardId/report.
 */
import { useMemo } from 'react';
import { boardPictureSvg } from '../../shared/boardPicture.ts';
import { discussionOrder } from '../../shared/consensus/discussionOrder.ts';
import { AXIS_END_LABEL, AXIS_START_LABEL, rubricCards } from '../../shared/rubric.ts';
import {
  agreementText,
  LABEL_TEXT,
  PHASE_LABELS,
  percent,
  percentOrDash,
  signedPoints,
} from '../format.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { boardPictureInput } from '../state/boardPictureInput.ts';
import './report.css';

export default function ReportView() {
  const meta = useBoard((state) => state.meta);
  const control = useBoard((state) => state.control);
  const stats = useBoard((state) => state.stats);
  const elements = useBoard((state) => state.elements);
  const elementOrganisations = useBoard((state) => state.elementOrganisations);
  const board = useBoard((state) => state.board);
  const agreed = useBoard((state) => state.final);
  const rounds = useBoard((state) => state.rounds);
  const total = useBoard((state) => state.countedTotal);
  const { store } = useBoardContext();

  const ordered = useMemo(() => {
    if (!meta) return [];
    const cards = rubricCards(meta.rubric);
    const byId = new Map(cards.map((card) => [card.id, card]));
    const ids = discussionOrder(
      cards.flatMap((card) => {
        const summary = stats[card.id]?.summary;
        return summary ? [{ cardId: card.id, summary }] : [];
      }),
    );
    return ids.flatMap((id) => {
      const card = byId.get(id);
      return card ? [card] : [];
    });
  }, [meta, stats]);

  if (!meta) return null;
  const pictureInput = boardPictureInput(store.getState());
  const picture = pictureInput
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(boardPictureSvg(pictureInput))}`
    : null;
  const elementName = new Map(
    meta.rubric.elements.flatMap((e) => e.cards.map((c) => [c.id, e.name])),
  );
  const moved = ordered.filter((card) => stats[card.id]?.change);

  return (
    <article className="report" data-testid="report">
      <header className="report-header">
        <h1>{meta.title}</h1>
        <p>
          Board of {new Date(meta.createdAt).toLocaleDateString()} · report of{' '}
          {new Date().toLocaleString()} · {PHASE_LABELS[control.phase]}
          {control.round > 1 ? `, round ${control.round}` : ''} · {total} participants
          {meta.organisations.length > 0 ? ` from ${meta.organisations.join(', ')}` : ''}
        </p>
        <p>
          Each indicator was placed between <strong>{AXIS_START_LABEL}</strong> (0 %) and{' '}
          <strong>{AXIS_END_LABEL}</strong> (100 %).
          {board.position !== null &&
            ` Overall the group placed the partnership at ${percent(board.position)}, with ${agreementText(board.rwg)} agreement.`}
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
        <h2>The six elements</h2>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">Position</th>
              <th scope="col">Agreement</th>
              <th scope="col">Split cards</th>
              {meta.organisations.length > 0 && <th scope="col">Organisations (perception gap)</th>}
            </tr>
          </thead>
          <tbody>
            {meta.rubric.elements.map((element) => {
              const summary = elements[element.id];
              const organisations = elementOrganisations[element.id];
              return (
                <tr key={element.id} data-testid="report-element">
                  <th scope="row">{element.name}</th>
                  <td>{percentOrDash(summary?.position)}</td>
                  <td>{agreementText(summary?.rwgJ ?? null)}</td>
                  <td>{summary?.polarizedCount ?? 0}</td>
                  {meta.organisations.length > 0 && (
                    <td>
                      {organisations?.positions
                        .map(
                          (p) =>
                            `${p.organisation} ${p.median === null ? 'too few' : percent(p.median)}`,
                        )
                        .join(' · ')}
                      {organisations?.perceptionGap != null &&
                        ` (gap ${percent(organisations.perceptionGap)})`}
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
            const cardStats = stats[card.id];
            if (!cardStats) return null;
            const { summary } = cardStats;
            const agreement = agreed[card.id];
            return (
              <li key={card.id} className="report-card" data-card-id={card.id}>
                <p className="report-card-text">
                  {card.text} <span className="hint">— {elementName.get(card.id)}</span>
                </p>
                <p className="report-card-figures">
                  <strong>{LABEL_TEXT[summary.label]}</strong> · {summary.n} of {total} placed
                  {summary.median !== null && ` · median ${percent(summary.median)}`}
                  {summary.q1 !== null &&
                    summary.q3 !== null &&
                    ` · middle half ${percent(summary.q1)}–${percent(summary.q3)}`}
                  {summary.n >= 2 && ` · agreement ${agreementText(summary.rwg)}`}
                  {cardStats.perceptionGap !== null &&
                    ` · perception gap ${percent(cardStats.perceptionGap)}`}
                </p>
                {agreement && (
                  <p className="report-agreed">
                    Agreed position: <strong>{percent(agreement.x)}</strong>
                    {agreement.note ? ` — ${agreement.note}` : ''}
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
                .map((record) => `round ${record.round} closed on ${record.cardIds.length} cards`)
                .join(', ')}
              .
            </p>
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
                        {percentOrDash(change.before.median)} → {percentOrDash(change.after.median)}
                      </td>
                      <td>{signedPoints(change.rwgChange)}</td>
                      <td>
                        {change.stable === null ? '—' : change.stable ? 'stable' : 'still moving'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </section>
    </article>
  );
}
