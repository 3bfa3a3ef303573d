/**
 * The facilitator records where the group agreed a card stands, with a note. The position itself
 * is set on the card's own track (AgreedPositionSlider.tsx); this form beside the track holds the
 * note and the buttons, and says the value in words.
 */
import { useEffect, useRef } from 'react';
import type { FinalPosition } from '../../shared/boardDoc.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { agreementKeysId } from './AgreedPositionSlider.tsx';
import {
  agreementFormId,
  closeDraft,
  openDraft,
  setDraftNote,
  useAgreementDraft,
} from './agreementDraft.ts';
import type { CardWords } from './cardWords.ts';

export function AgreementForm({
  cardId,
  words,
  current,
  suggested,
  onSave,
  onClear,
}: {
  cardId: string;
  words: CardWords;
  current: FinalPosition | undefined;
  suggested: number | null;
  onSave: (x: number, note: string) => void;
  onClear: () => void;
}) {
  const tr = useTranslator();
  const open = useAgreementDraft((state) => state.cardId === cardId);
  const value = useAgreementDraft((state) => state.value);
  const note = useAgreementDraft((state) => state.note);
  const toggle = useRef<HTMLButtonElement | null>(null);
  const wasOpen = useRef(false);
  // Back on the button once the form closes (saved, removed, cancelled), so focus is not lost.
  useEffect(() => {
    if (wasOpen.current && !open) toggle.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open) {
    return (
      <button
        ref={toggle}
        type="button"
        className="link-button"
        onClick={() =>
          openDraft(cardId, Math.round((current?.x ?? suggested ?? 0.5) * 100), current?.note ?? '')
        }
      >
        {tr.t(current ? 'track.agreement.change' : 'track.agreement.record')}
      </button>
    );
  }
  return (
    <form
      id={agreementFormId(cardId)}
      className="agreement-form"
      data-testid="agreement-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(value / 100, note.trim());
        closeDraft();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          closeDraft();
        }
      }}
    >
      <span className="agreement-value">
        {tr.t('track.agreement.label', { card: words.text.text })}{' '}
        <strong>{tr.percent(value / 100)}</strong>
      </span>
      <span id={agreementKeysId(cardId)} className="hint agreement-keys">
        {tr.t('track.agreement.keys')}
      </span>
      <label>
        {tr.t('track.agreement.note')}
        <input
          value={note}
          maxLength={1000}
          onChange={(event) => setDraftNote(event.target.value)}
        />
      </label>
      <div className="form-buttons">
        <button type="submit">{tr.t('track.agreement.save')}</button>
        {current && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              onClear();
              closeDraft();
            }}
          >
            {tr.t('track.agreement.remove')}
          </button>
        )}
        <button type="button" className="secondary" onClick={closeDraft}>
          {tr.t('track.agreement.cancel')}
        </button>
      </div>
    </form>
  );
}
