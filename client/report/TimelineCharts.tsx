/**
 * The report's "Over the day": one small chart per element of how its position (line) and
 * agreement (dashed) moved through the day, as the server recorded them (shared/timeline.ts),
 * with a dotted mark at each phase and round change. Plain SVG; each chart also says in words
 * where it started and ended, for screen readers and for print.
 */
import { elementName } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { elementCardsEver, type Rubric } from '../../shared/rubric.ts';
import { type ElementPoint, elementSeries, type TimelineMoment } from '../../shared/timeline.ts';
import { agreementWords, phaseText, shareOrDash } from '../format.ts';

const WIDTH = 320;
const HEIGHT = 96;
const PAD = 6;

export function TimelineCharts({
  tr,
  rubric,
  moments,
}: {
  tr: Translator;
  rubric: Rubric;
  moments: readonly TimelineMoment[];
}) {
  const { t } = tr;
  return (
    <section className="report-timeline" data-testid="report-timeline">
      <h2>{t('timeline.chart.heading')}</h2>
      {moments.length === 0 ? (
        <p>{t('timeline.chart.none')}</p>
      ) : (
        <>
          <p className="hint">{t('timeline.chart.intro')}</p>
          <div className="report-timeline-charts">
            {rubric.elements.map((element) => {
              const name = elementName(rubric, element, tr);
              // Retired cards too: at the moments they were on the board, they counted.
              const series = elementSeries(
                moments,
                elementCardsEver(rubric, element).map((card) => card.id),
              );
              const recorded = series.some((point) => point.position !== null);
              return (
                <figure key={element.id} className="report-timeline-chart">
                  <figcaption lang={name.lang}>{name.text}</figcaption>
                  {recorded ? (
                    <>
                      <ElementChart
                        tr={tr}
                        label={chartLabel(tr, name.text, series)}
                        series={series}
                        moments={moments}
                      />
                      <p className="report-timeline-times" aria-hidden="true">
                        <span>
                          {t('timeline.chart.from', { time: clock(tr, moments[0]?.at ?? 0) })}
                        </span>
                        <span>
                          {t('timeline.chart.to', { time: clock(tr, moments.at(-1)?.at ?? 0) })}
                        </span>
                      </p>
                    </>
                  ) : (
                    <p className="hint">{t('timeline.chart.empty')}</p>
                  )}
                </figure>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}

function clock(tr: Translator, at: number): string {
  return tr.dateTime(at, { hour: '2-digit', minute: '2-digit' });
}

function chartLabel(tr: Translator, element: string, series: readonly ElementPoint[]): string {
  const known = series.filter((point) => point.position !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return `${element}: ${tr.t('timeline.chart.empty')}`;
  return tr.t('timeline.chart.label', {
    element,
    first: shareOrDash(tr, first.position),
    last: shareOrDash(tr, last.position),
    firstAgreement: agreementWords(tr, first.agreement),
    lastAgreement: agreementWords(tr, last.agreement),
    from: clock(tr, first.at),
    to: clock(tr, last.at),
  });
}

/** A polyline's points, broken where the element had no figures (one path per stretch). */
function paths(
  series: readonly ElementPoint[],
  x: (at: number) => number,
  value: (point: ElementPoint) => number | null,
): string[] {
  const stretches: string[] = [];
  let current: string[] = [];
  for (const point of series) {
    const v = value(point);
    if (v === null) {
      if (current.length > 0) stretches.push(current.join(' '));
      current = [];
      continue;
    }
    const y = PAD + (1 - Math.max(0, Math.min(1, v))) * (HEIGHT - 2 * PAD);
    current.push(`${current.length === 0 ? 'M' : 'L'}${x(point.at).toFixed(1)},${y.toFixed(1)}`);
  }
  if (current.length > 0) stretches.push(current.join(' '));
  return stretches;
}

function ElementChart({
  tr,
  label,
  series,
  moments,
}: {
  tr: Translator;
  label: string;
  series: readonly ElementPoint[];
  moments: readonly TimelineMoment[];
}) {
  const start = moments[0]?.at ?? 0;
  const end = moments.at(-1)?.at ?? start;
  const span = Math.max(1, end - start);
  const x = (at: number) => PAD + ((at - start) / span) * (WIDTH - 2 * PAD);
  const marks = moments.filter((moment, index) => {
    const before = moments[index - 1];
    return before !== undefined && (before.phase !== moment.phase || before.round !== moment.round);
  });
  return (
    <svg
      className="report-timeline-svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid="report-timeline-chart"
    >
      <rect x={0} y={0} width={WIDTH} height={HEIGHT} className="chart-frame" />
      <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT / 2} y2={HEIGHT / 2} className="chart-middle" />
      {marks.map((moment) => (
        <line
          key={moment.at}
          x1={x(moment.at)}
          x2={x(moment.at)}
          y1={0}
          y2={HEIGHT}
          className="chart-mark"
        >
          <title>{`${clock(tr, moment.at)} ${phaseText(tr, moment.phase)}`}</title>
        </line>
      ))}
      {paths(series, x, (point) => point.agreement).map((d) => (
        <path key={d} d={d} className="chart-agreement" />
      ))}
      {paths(series, x, (point) => point.position).map((d) => (
        <path key={d} d={d} className="chart-position" />
      ))}
    </svg>
  );
}
