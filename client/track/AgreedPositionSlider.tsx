/**
 * The agreed position being recorded, as a slider on the card's own track: arrows move it 1 point
 * (Shift 10), Home and End go to the ends, Enter saves with the note beside the track, Escape
 * cancels. A native range input laid over the line, so a mouse or finger drags it too.
 */
import { useEffect, useRef } from 'react';
import { useTranslator } from '../i18n/useTranslator.ts';
import {
  agreementFormId,
  closeDraft,
  draftStep,
  setDraftValue,
  useAgreementDraft,
} from './agreementDraft.ts';
import { type CardWords, endNames } from './cardWords.ts';
import { positionWords } from './positionWords.ts';

export function agreementKeysId(cardId: string): string {
  return `agreement-keys-${cardId}`;
}

export function AgreedPositionSlider({
  cardId,
  words,
  summaryId,
}: {
  cardId: string;
  words: CardWords;
  summaryId: string | undefined;
}) {
  const tr = useTranslator();
  const value = useAgreementDraft((state) => state.value);
  const input = useRef<HTMLInputElement | null>(null);
  // Keyboard users land on the slider they just opened.
  useEffect(() => {
    input.current?.focus();
  }, []);
  return (
    <input
      ref={input}
      className="agreement-slider"
      data-testid="agreement-slider"
      type="range"
      min={0}
      max={100}
      step={1}
      value={value}
      form={agreementFormId(cardId)}
      aria-label={tr.t('track.agreement.sliderName', { card: words.text.text })}
      aria-valuetext={positionWords(tr, endNames(words), value / 100)}
      aria-describedby={[agreementKeysId(cardId), summaryId].filter(Boolean).join(' ')}
      onChange={(event) => setDraftValue(Number(event.target.value))}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          const form = document.getElementById(agreementFormId(cardId));
          if (form instanceof HTMLFormElement) form.requestSubmit();
          return;
        }
        if (event.key === 'Escape') {
          event.preventDefault();
          closeDraft();
          return;
        }
        // Shift+arrows take big steps, which a native range does not.
        if (!event.shiftKey) return;
        const next = draftStep(event.key, true, value);
        if (next === undefined) return;
        event.preventDefault();
        setDraftValue(next);
      }}
    />
  );
}
