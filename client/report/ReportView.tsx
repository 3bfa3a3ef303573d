/**
 * The printable report of a board (print stylesheet; "Save as PDF" gives a clean PDF): the
 * title and date, per element the position, agreement and perception gaps, the cards in
 * discussion order with their figures, agreed positions and notes, and how the group moved
 * between rounds, and, on a board with a baseline, "since the last retreat": a picture with an
 * arrow per card from then to now and a table of the moves. Loaded lazily from /b/:boardId/report.
 *
 * It speaks the room's language as the facilitator chose it (control.roomLanguages), else the
 * reader's; a bilingual room gets the report in both, side by side on a wide screen and one
 * after the other on paper, each with its own picture.
 */
import { useMemo } from 'react';
import { boardPictureSvg } from '../../shared/boardPicture.ts';
import { discussionOrder } from '../../shared/consensus/discussionOrder.ts';
import { axisEnds, cardText, elementName } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import type { LatestBoardFigures } from '../../shared/latestFigures.ts';
import { perceptionGap } from '../../shared/perceptionGap.ts';
import { rubricCards } from '../../shared/rubric.ts';
import type { TimelineMoment } from '../../shared/timeline.ts';
import { phaseText, pointsChange } from '../format.ts';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { useRoomTranslators, useTranslator } from '../i18n/useTranslator.ts';
import { useTimeline } from '../replay/useTimeline.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { boardLatestFigures, boardPictureInput } from '../state/boardPictureInput.ts';
import type { BoardState } from '../state/boardStore.ts';
import { useDocumentTitle } from '../useDocumentTitle.ts';
import {
  boardSentence,
  cardFiguresText,
  elementAgreementText,
  elementPositionText,
  medianOrWhy,
  organisationsText,
} from './reportWords.ts';
import { TimelineCharts } from './TimelineCharts.tsx';
import { withParts } from './withParts.tsx';
import './report.css';

export default function ReportView() {
  const meta = useBoard((state) => state.meta);
  const control = useBoard((state) => state.control);
  const stats = useBoard((state) => state.stats);
  const rounds = useBoard((state) => state.rounds);
  const participants = useBoard((state) => state.participants);
  const { store, me, boardId } = useBoardContext();
  const own = useTranslator();
  // The day's figures are the facilitators' alone (figures from before a reveal among them).
  const timeline = useTimeline(boardId, me.token, me.role === 'facilitator');
  const moments = timeline.status === 'ready' ? timeline.moments : null;
  const translators = useRoomTranslators(control.roomLanguages);
  const first = translators[0] ?? own;
  useDocumentTitle(first.t('pages.title.report', { title: meta?.title ?? '' }));

  // Each card's latest figures: a card nobody placed again keeps its earlier round's, marked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when what it reads changes
  const latest = useMemo(
    () => boardLatestFigures(store.getState(), me.role),
    [store, me.role, meta, stats, rounds, participants],
  );

  if (!meta || !latest) return null;
  return (
    <main className="report-page" data-testid="report" data-languages={translators.length}>
      <div className="report-toolbar no-print">
        <LanguagePicker />
        <button type="button" onClick={() => window.print()}>
          {own.t('report.header.print')}
        </button>
      </div>
      <div className="report-languages">
        {translators.map((tr) => (
          <ReportBody key={tr.locale} tr={tr} latest={latest} moments={moments} />
        ))}
      </div>
    </main>
  );
}

function ReportBody({
  tr,
  latest,
  moments,
}: {
  tr: Translator;
  latest: LatestBoardFigures;
  /** The day's recorded figures; null while loading, or when they may not be read. */
  moments: readonly TimelineMoment[] | null;
}) {
  const meta = useBoard((state) => state.meta);
  const control = useBoard((state) => state.control);
  const stats = useBoard((state) => state.stats);
  const rounds = useBoard((state) => state.rounds);
  const agreed = useBoard((state) => state.final);
  const total = useBoard((state) => state.countedTotal);
  const baseline = useBoard((state) => state.baseline);
  const { store, me } = useBoardContext();

  const ordered = useMemo(() => {
    if (!meta) return [];
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

  if (!meta) return null;
  const { t } = tr;
  const rubric = meta.rubric;
  const picture = pictureUrl(store.getState(), me.role, latest, tr);
  const elementOf = new Map(rubric.elements.flatMap((e) => e.cards.map((c) => [c.id, e])));
  // Only the cards placed again have two rounds to compare; the others show their latest above.
  const moved = ordered.filter(
    (card) => latest.cards[card.id]?.fromRound === null && stats[card.id]?.change,
  );
  const notPlacedAgain = ordered.filter((card) => latest.cards[card.id]?.fromRound != null);
  const hasOrganisations = meta.organisations.length > 0;
  const ends = axisEnds(rubric, tr);
  const board = boardSentence(tr, latest.board.position, latest.board.rwg);
  const dateOptions = { dateStyle: 'medium' } as const;
  const pictureAlt = t('report.picture.alt');
  // Then and now, for the cards whose group the report shows now.
  const sinceCards = ordered.flatMap((card) => {
    const since = stats[card.id]?.since;
    const shown = latest.cards[card.id]?.summary.median != null;
    return since && since.now !== null && since.change !== null && shown
      ? [{ card, since, change: since.change }]
      : [];
  });
  sinceCards.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  const sincePicture =
    sinceCards.length > 0 ? pictureUrl(store.getState(), me.role, latest, tr, true) : null;

  return (
    <article className="report" lang={tr.lang} data-testid={`report-${tr.locale}`}>
      <header className="report-header">
        <h1>{meta.title}</h1>
        <p>
          {t('report.header.meta', {
            created: tr.dateTime(meta.createdAt, dateOptions),
            printed: tr.dateTime(Date.now(), { dateStyle: 'medium', timeStyle: 'short' }),
            phase: phaseText(tr, control.phase),
            round: control.round,
            total,
            organisations: hasOrganisations ? tr.list(meta.organisations) : 'none',
          })}
        </p>
        <p>
          {withParts(
            tr,
            'report.header.axis',
            { zero: tr.percent(0), full: tr.percent(1) },
            {
              start: <strong lang={ends.left.lang}>{ends.left.text}</strong>,
              end: <strong lang={ends.right.lang}>{ends.right.text}</strong>,
            },
          )}
          {board && ` ${board}`}
          {control.round > 1 && ` ${t('report.header.earlierNote')}`}
        </p>
      </header>

      {picture && (
        <figure className="report-picture">
          <img src={picture} alt={pictureAlt} />
        </figure>
      )}

      <section>
        <h2>{t('report.elements.heading', { count: rubric.elements.length })}</h2>
        <div className="report-table-scroll">
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.elements.element')}</th>
                <th scope="col">{t('report.elements.position')}</th>
                <th scope="col">{t('report.elements.agreement')}</th>
                <th scope="col">{t('report.elements.polarized')}</th>
                {hasOrganisations && <th scope="col">{t('report.elements.organisations')}</th>}
              </tr>
            </thead>
            <tbody>
              {rubric.elements.map((element) => {
                const summary = latest.elements[element.id];
                const cards = element.cards.map((card) => latest.cards[card.id]);
                const earlier = cards.filter(
                  (card) => card?.fromRound != null && card.summary.median !== null,
                );
                const earlierRounds = [
                  ...new Set(earlier.flatMap((card) => (card ? [card.fromRound ?? 0] : []))),
                ];
                const organisations = latest.elementOrganisations[element.id] ?? null;
                const gap = organisations ? perceptionGap(organisations) : null;
                const name = elementName(rubric, element, tr);
                return (
                  <tr key={element.id} data-testid="report-element">
                    <th scope="row">
                      <span lang={name.lang}>{name.text}</span>
                      {earlier.length > 0 && (
                        <span className="report-earlier-note">
                          {t('report.elements.earlier', {
                            count: earlier.length,
                            rounds: tr.list(earlierRounds.map((round) => tr.number(round))),
                          })}
                        </span>
                      )}
                    </th>
                    <td>{elementPositionText(tr, summary, cards)}</td>
                    <td>{elementAgreementText(tr, summary)}</td>
                    <td>{tr.number(summary?.polarizedCount ?? 0)}</td>
                    {hasOrganisations && (
                      <td>
                        {organisations
                          ? organisationsText(tr, organisations)
                          : t('report.elements.organisationsNotKept')}
                        {gap !== null && ` ${t('report.elements.gap', { gap: tr.percent(gap) })}`}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section>
        <h2>{t('report.cards.heading')}</h2>
        <ol className="report-cards">
          {ordered.map((card) => {
            const figures = latest.cards[card.id];
            if (!figures) return null;
            const agreement = agreed[card.id];
            const gap =
              figures.summary.median === null || !figures.organisations
                ? null
                : perceptionGap(figures.organisations);
            const text = cardText(rubric, card, tr);
            const element = elementOf.get(card.id);
            const name = element ? elementName(rubric, element, tr) : null;
            return (
              <li
                key={card.id}
                className="report-card"
                data-card-id={card.id}
                data-testid="report-card"
              >
                <p className="report-card-text">
                  <span lang={text.lang}>{text.text}</span>{' '}
                  {name && (
                    <span className="hint" lang={name.lang}>
                      ({name.text})
                    </span>
                  )}
                </p>
                <p className="report-card-figures">
                  {figures.fromRound !== null && (
                    <span className="report-earlier" data-testid="from-round">
                      {t('report.cards.fromRound', { round: figures.fromRound })}
                    </span>
                  )}
                  {cardFiguresText(tr, figures, total)}
                  {gap !== null && ` · ${t('report.cards.gap', { gap: tr.percent(gap) })}`}
                </p>
                {agreement && (
                  <p className="report-agreed">
                    {withParts(
                      tr,
                      agreement.note ? 'report.cards.agreedWithNote' : 'report.cards.agreed',
                      {},
                      {
                        position: <strong>{tr.percent(agreement.x)}</strong>,
                        note: agreement.note,
                      },
                    )}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      {sinceCards.length > 0 && (
        <section data-testid="report-since">
          <h2>{t('report.since.heading')}</h2>
          <p>
            {baseline &&
              `${t('report.since.source', {
                title: baseline.title,
                date: tr.dateTime(Date.parse(baseline.exportedAt), dateOptions),
              })} `}
            {t('report.since.intro')}
          </p>
          {sincePicture && (
            <figure className="report-picture">
              <img src={sincePicture} alt={t('report.picture.sinceAlt')} />
            </figure>
          )}
          <div className="report-table-scroll">
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">{t('report.since.card')}</th>
                  <th scope="col">{t('report.since.then')}</th>
                  <th scope="col">{t('report.since.now')}</th>
                  <th scope="col">{t('report.since.change')}</th>
                </tr>
              </thead>
              <tbody>
                {sinceCards.map(({ card, since, change }) => {
                  const text = cardText(rubric, card, tr);
                  return (
                    <tr key={card.id} data-testid="report-since-card">
                      <th scope="row" lang={text.lang}>
                        {text.text}
                      </th>
                      <td>{tr.percent(since.earlier)}</td>
                      <td>{since.now === null ? '' : tr.percent(since.now)}</td>
                      <td>
                        {pointsChange(tr, change)}
                        {since.large && ` (${t('report.since.large')})`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section>
        <h2>{t('report.rounds.heading')}</h2>
        {rounds.length === 0 ? (
          <p>{t('report.rounds.one')}</p>
        ) : (
          <>
            <p>
              {t('report.rounds.summary', {
                count: rounds.length + 1,
                closed: tr.list(
                  rounds.map((record) =>
                    t('report.rounds.closed', {
                      round: record.round,
                      cards: record.cardIds.length,
                    }),
                  ),
                ),
              })}
              {moved.length === 0 && ` ${t('report.rounds.noneToCompare')}`}
              {notPlacedAgain.length > 0 &&
                ` ${t('report.rounds.notPlacedAgain', { count: notPlacedAgain.length })}`}
            </p>
            {moved.length > 0 && (
              <div className="report-table-scroll">
                <table className="report-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('report.rounds.card')}</th>
                      <th scope="col">{t('report.rounds.median')}</th>
                      <th scope="col">{t('report.rounds.agreementChange')}</th>
                      <th scope="col">{t('report.rounds.distribution')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {moved.map((card) => {
                      const change = stats[card.id]?.change;
                      if (!change) return null;
                      const text = cardText(rubric, card, tr);
                      return (
                        <tr key={card.id}>
                          <th scope="row" lang={text.lang}>
                            {text.text}
                          </th>
                          <td>
                            {t('report.rounds.change', {
                              before: medianOrWhy(tr, change.before.median),
                              after: medianOrWhy(tr, change.after.median),
                            })}
                          </td>
                          <td>
                            {change.rwgChange === null
                              ? t('report.figures.notMeasured')
                              : pointsChange(tr, change.rwgChange)}
                          </td>
                          <td>
                            {change.stable === null
                              ? t('report.figures.notMeasured')
                              : change.stable
                                ? t('report.rounds.stable')
                                : t('report.rounds.moving')}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>

      {moments && <TimelineCharts tr={tr} rubric={rubric} moments={moments} />}
    </article>
  );
}

/** The board's picture in the report's language, as an image address. */
function pictureUrl(
  state: BoardState,
  role: BoardState['participants'][string]['role'],
  latest: LatestBoardFigures,
  tr: Translator,
  sinceView = false,
): string | null {
  const input = boardPictureInput(state, role, latest, tr, sinceView);
  return input
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(boardPictureSvg(input))}`
    : null;
}
