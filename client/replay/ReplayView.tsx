/**
 * The facilitator's replay of the day (issue 16, "Over the day"): a slider over the moments the
 * server recorded (shared/timeline.ts) shows the board's figures as they were then — each card's
 * median and spread on its track, each element's position and agreement — instead of the live
 * board, marked as a replay with its time, and a way back to live. Only on this screen: the
 * room sees nothing of it. Loaded lazily, for facilitators only.
 */
import { type ReactNode, useState } from 'react';
import { cardText, elementName } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { elementCardsEver, type Rubric, type RubricElement } from '../../shared/rubric.ts';
import {
  elementSeries,
  TIMELINE_SCALE,
  type TimelineFigures,
  type TimelineMoment,
} from '../../shared/timeline.ts';
import { BOARD_LANES_ID } from '../board/SkipLink.tsx';
import { agreementWords, phaseText, shareOrDash } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';
import { failureText } from '../useAsyncAction.ts';
import { useTimeline } from './useTimeline.ts';
import './replay.css';

export default function ReplayView() {
  const { boardId, me, store } = useBoardContext();
  const meta = useBoard((state) => state.meta);
  const tr = useTranslator();
  const { t } = tr;
  const timeline = useTimeline(boardId, me.token);
  /** The moment shown, by index; null: the latest. */
  const [chosen, setChosen] = useState<number | null>(null);
  const back = () => setUi(store, { replay: false });

  let body: ReactNode;
  let moment: TimelineMoment | null = null;
  let count = 0;
  let index = 0;
  if (timeline.status === 'loading') {
    body = <p className="replay-note">{t('timeline.replay.loading')}</p>;
  } else if (timeline.status === 'failed') {
    body = (
      <p className="replay-note" role="alert">
        {t('timeline.replay.failed', {
          reason: failureText(tr, timeline.caught, t('error.generic')),
        })}{' '}
        <button type="button" className="small-button secondary" onClick={timeline.reload}>
          {t('timeline.replay.retry')}
        </button>
      </p>
    );
  } else if (timeline.moments.length === 0) {
    body = <p className="replay-note">{t('timeline.replay.empty')}</p>;
  } else {
    count = timeline.moments.length;
    index = Math.min(chosen ?? count - 1, count - 1);
    moment = timeline.moments[index] ?? null;
  }
  const momentText = moment ? momentWords(tr, moment, index, count) : '';

  return (
    // The page's main landmark while replaying, and the skip link's target, as the lanes are.
    <main
      id={BOARD_LANES_ID}
      tabIndex={-1}
      className="replay"
      aria-labelledby="replay-heading"
      data-testid="replay"
    >
      <div className="replay-bar">
        <h2 id="replay-heading" className="replay-title">
          <span className="replay-marker">{t('timeline.replay.marker')}</span>{' '}
          {t('timeline.replay.title')}
        </h2>
        {moment && (
          <label className="replay-slider">
            <span className="visually-hidden">{t('timeline.replay.slider')}</span>
            <input
              type="range"
              min={0}
              max={count - 1}
              step={1}
              value={index}
              aria-valuetext={momentText}
              onChange={(event) => setChosen(Number(event.target.value))}
              data-testid="replay-slider"
            />
          </label>
        )}
        {moment && (
          <output className="replay-moment" data-testid="replay-moment" aria-live="polite">
            {momentText}
          </output>
        )}
        <button type="button" className="small-button" onClick={back}>
          {t('timeline.replay.back')}
        </button>
      </div>
      {body}
      {moment && meta && (
        <div className="replay-elements">
          {meta.rubric.elements.map((element) => (
            <ReplayElement
              key={element.id}
              rubric={meta.rubric}
              element={element}
              moment={moment}
              tr={tr}
            />
          ))}
        </div>
      )}
    </main>
  );
}

function isRetired(rubric: Rubric, cardId: string): boolean {
  return (rubric.retired ?? []).some((card) => card.id === cardId);
}

function momentWords(tr: Translator, moment: TimelineMoment, index: number, count: number) {
  return tr.t('timeline.replay.moment', {
    time: tr.dateTime(moment.at, { hour: '2-digit', minute: '2-digit' }),
    phase: phaseText(tr, moment.phase),
    round: moment.round,
    index: index + 1,
    count,
  });
}

function ReplayElement({
  rubric,
  element,
  moment,
  tr,
}: {
  rubric: Rubric;
  element: RubricElement;
  moment: TimelineMoment;
  tr: Translator;
}) {
  const name = elementName(rubric, element, tr);
  // A card retired since counts at the moments it was on the board, as it did then.
  const cards = elementCardsEver(rubric, element).filter(
    (card) => !isRetired(rubric, card.id) || moment.cards.has(card.id),
  );
  const [point] = elementSeries(
    [moment],
    cards.map((card) => card.id),
  );
  return (
    <section className="replay-element" data-testid="replay-element">
      <h3>
        <span lang={name.lang}>{name.text}</span>{' '}
        <span className="replay-element-figures" data-testid="replay-element-figures">
          {tr.t('timeline.replay.element', {
            position: shareOrDash(tr, point?.position),
            agreement: agreementWords(tr, point?.agreement ?? null),
          })}
        </span>
      </h3>
      <ul className="replay-cards">
        {cards.map((card) => {
          const text = cardText(rubric, card, tr);
          const figures = moment.cards.get(card.id);
          return (
            <li key={card.id} className="replay-card" data-card-id={card.id}>
              <span className="replay-card-text" lang={text.lang}>
                {text.text}
              </span>
              {isRetired(rubric, card.id) && (
                <span className="hint"> {tr.t('timeline.replay.retired')}</span>
              )}
              <ReplayTrack figures={figures} />
              <span className="replay-card-figures" data-testid="replay-card-figures">
                {figures ? cardWords(tr, figures) : tr.t('timeline.replay.noCard')}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function cardWords(tr: Translator, [median, iqr, rwg, n]: TimelineFigures): string {
  return tr.t('timeline.replay.card', {
    median: tr.percent(median / TIMELINE_SCALE),
    iqr: tr.percent(iqr / TIMELINE_SCALE),
    agreement: agreementWords(tr, rwg / TIMELINE_SCALE),
    n,
  });
}

/** The card's track then: its spread (IQR around the median, clipped to the axis) and median. */
function ReplayTrack({ figures }: { figures: TimelineFigures | undefined }) {
  if (!figures) return <span className="replay-track" aria-hidden="true" />;
  const median = figures[0] / TIMELINE_SCALE;
  const half = figures[1] / TIMELINE_SCALE / 2;
  const from = Math.max(0, median - half);
  const to = Math.min(1, median + half);
  return (
    <span className="replay-track" aria-hidden="true">
      <span
        className="replay-spread"
        style={{ left: `${from * 100}%`, width: `${(to - from) * 100}%` }}
      />
      <span className="replay-median" style={{ left: `${median * 100}%` }} />
    </span>
  );
}
