/**
 * Then and now against the baseline (the last retreat): a mark on a card's axis where the group
 * stood then, and the words "Last retreat 42% → now 61%", with a note when the move is larger
 * than half the current IQR. Cards, elements and the board say it the same way.
 */
import type { SinceBaseline, SinceRollUp } from '../../shared/consensus/sinceBaseline.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { cssLeft } from './dragGeometry.ts';

export function BaselineMarker({ since }: { since: SinceBaseline }) {
  const tr = useTranslator();
  return (
    <span
      className="baseline-marker"
      data-testid="baseline-marker"
      style={{ left: cssLeft(since.earlier) }}
      title={tr.t('track.since.marker', { position: tr.percent(since.earlier) })}
      aria-hidden="true"
    />
  );
}

export function SinceText({
  since,
  tr: given,
}: {
  since: SinceBaseline | SinceRollUp;
  /** The language to write in (a shared screen's own); else this person's. */
  tr?: Translator;
}) {
  const own = useTranslator();
  const tr = given ?? own;
  const earlier = tr.percent(since.earlier);
  const large = since.large;
  return (
    <span className={`since-baseline${large ? ' large' : ''}`} data-testid="since-baseline">
      {since.now === null
        ? tr.t('track.since.thenOnly', { before: earlier })
        : tr.t('track.since.thenNow', { before: earlier, now: tr.percent(since.now) })}
      {large && <strong className="since-large">{` ${tr.t('track.since.large')}`}</strong>}
    </span>
  );
}
