/**
 * Reasons: a participant may say in a few words why they placed a card where they did; once
 * revealed, the reasons show beside the card without names.
 */
import { useEffect, useRef, useState } from 'react';
import { MAX_REASON_LENGTH, type Placement } from '../../shared/boardDoc.ts';
import { useTranslator } from '../i18n/useTranslator.ts';

export function ReasonEditor({
  placement,
  onSave,
}: {
  placement: Placement;
  onSave: (reason: string) => void;
}) {
  const tr = useTranslator();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(placement.reason ?? '');
  const input = useRef<HTMLInputElement | null>(null);
  // Keyboard users land in the field they just opened.
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {tr.t(placement.reason ? 'track.reason.edit' : 'track.reason.add')}
      </button>
    );
  }
  return (
    <form
      className="reason-editor"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(draft);
        setOpen(false);
      }}
    >
      <input
        ref={input}
        aria-label={tr.t('track.reason.label')}
        placeholder={tr.t('track.reason.placeholder')}
        value={draft}
        maxLength={MAX_REASON_LENGTH}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit">{tr.t('track.reason.save')}</button>
    </form>
  );
}

export function ReasonList({ reasons: given }: { reasons: readonly string[] }) {
  const tr = useTranslator();
  const reasons = given.filter((reason) => reason.length > 0);
  if (reasons.length === 0) return null;
  return (
    <details className="reasons" data-testid="reasons">
      <summary>{tr.t('track.reason.count', { count: reasons.length })}</summary>
      <ul>
        {reasons.map((reason, index) => (
          // Reasons carry no identity; a view sends them sorted, the board in participant order.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole each time
          <li key={index}>{tr.t('track.reason.quoted', { reason })}</li>
        ))}
      </ul>
    </details>
  );
}
