/**
 * "Compare with the last retreat", a section of the facilitator's Export menu (the bar has no
 * room for another button at 1280 px): attach an earlier board's snapshot as the baseline
 * (read here, checked by the server), see what it is and how many cards it matched, match the
 * cards it could not match by hand, or remove it. Participants see then-and-now once revealed.
 */
import { useId, useMemo, useState } from 'react';
import type { BaselineCard, BaselineMatches } from '../../shared/baseline.ts';
import { baselineReport } from '../../shared/baselineMatching.ts';
import { cardText } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { rubricCards } from '../../shared/rubric.ts';
import { api } from '../api.ts';
import { FormError } from '../FormError.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { useAsyncAction, WordedError } from '../useAsyncAction.ts';

/** A baseline card's text in the reader's language where it has one, else its own. */
function baselineCardText(tr: Translator, card: BaselineCard): string {
  return card.texts[tr.language] ?? Object.values(card.texts)[0] ?? card.id;
}

export function BaselineSection() {
  const tr = useTranslator();
  const { t } = tr;
  const { boardId, me } = useBoardContext();
  const baseline = useBoard((state) => state.baseline);
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const { busy, error, run } = useAsyncAction(t('facilitator.baseline.failed'));
  // A new input after each attachment, so the same file can be chosen again.
  const [generation, setGeneration] = useState(0);
  /** Every card's match, the automatic ones too, so a wrong one can be changed. */
  const [everyMatch, setEveryMatch] = useState(false);
  const inputId = useId();
  const report = useMemo(
    () => (rubric && baseline ? baselineReport(rubric, baseline) : null),
    [rubric, baseline],
  );

  const attach = (file: File) =>
    void run(async () => {
      let snapshot: unknown;
      try {
        snapshot = JSON.parse(await file.text());
      } catch {
        throw new WordedError((words) => words.t('facilitator.baseline.notJson'));
      } finally {
        setGeneration((value) => value + 1);
      }
      await api.attachBaseline(boardId, me.token, snapshot);
    });
  const match = (manualMatches: BaselineMatches) =>
    void run(() => api.matchBaseline(boardId, me.token, manualMatches));

  const cards = rubric ? rubricCards(rubric) : [];
  // The cards to match by hand: those left unmatched, and those matched by hand already.
  const toMatch =
    report && baseline
      ? cards.filter(
          (card) =>
            everyMatch ||
            report.unmatchedBoardCards.includes(card.id) ||
            card.id in baseline.manualMatches,
        )
      : [];
  const baselineById = new Map(baseline?.cards.map((card) => [card.id, card]));

  return (
    <section className="baseline-body" aria-labelledby={`${inputId}-heading`}>
      {/* Not a heading: the menu sits in the header, above the board's first heading. */}
      <p id={`${inputId}-heading`} className="baseline-heading">
        {t('facilitator.baseline.title')}
      </p>
      {baseline && report ? (
        <p data-testid="baseline-summary">
          {t('facilitator.baseline.summary', {
            title: baseline.title,
            date: tr.dateTime(Date.parse(baseline.exportedAt), { dateStyle: 'medium' }),
            matched: Object.keys(report.matches).length,
            total: cards.length,
          })}
        </p>
      ) : (
        <p className="hint">{t('facilitator.baseline.intro')}</p>
      )}
      <label htmlFor={inputId}>
        {baseline ? t('facilitator.baseline.replace') : t('facilitator.baseline.choose')}
      </label>
      <input
        key={generation}
        id={inputId}
        type="file"
        accept="application/json,.json"
        disabled={busy}
        data-testid="baseline-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) attach(file);
        }}
      />
      {baseline && report && Object.keys(report.matches).length > 0 && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={everyMatch}
            onChange={(event) => setEveryMatch(event.target.checked)}
          />
          {t('facilitator.baseline.everyMatch')}
        </label>
      )}
      {baseline && rubric && toMatch.length > 0 && (
        <fieldset className="baseline-matches">
          <legend>{t('facilitator.baseline.matchLegend')}</legend>
          {toMatch.map((card) => {
            const current = report?.matches[card.id] ?? '';
            const free = baseline.cards.filter(
              (other) => other.id === current || report?.unmatchedBaselineCards.includes(other.id),
            );
            const text = cardText(rubric, card, tr);
            return (
              <label key={card.id} className="baseline-match">
                <span lang={text.lang}>{text.text}</span>
                <select
                  value={current}
                  disabled={busy}
                  data-testid={`baseline-match-${card.id}`}
                  onChange={(event) => {
                    const chosen = event.target.value;
                    match({
                      ...baseline.manualMatches,
                      [card.id]: chosen === '' ? null : chosen,
                    });
                  }}
                >
                  <option value="">{t('facilitator.baseline.noMatch')}</option>
                  {free.map((other) => (
                    <option key={other.id} value={other.id}>
                      {baselineCardText(tr, baselineById.get(other.id) ?? other)}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </fieldset>
      )}
      {baseline && (
        <button
          type="button"
          className="link-button"
          disabled={busy}
          onClick={() => void run(() => api.removeBaseline(boardId, me.token))}
        >
          {t('facilitator.baseline.remove')}
        </button>
      )}
      <FormError error={error} />
    </section>
  );
}
