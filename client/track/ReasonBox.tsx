/**
 * Reasons: a participant may say in a few words why they placed a card where they did; once
 * revealed, the reasons show beside the card without names.
 */
import { useEffect, useRef, useState } from 'react';
import { MAX_REASON_LENGTH, type Placement } from '../../shared/boardDoc.ts';

export function ReasonEditor({
  placement,
  onSave,
}: {
  placement: Placement;
  onSave: (reason: string) => void;
}) {
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
        {placement.reason ? 'Edit your reason' : 'Add a reason'}
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
        aria-label="Why here? (optional, shown without your name)"
        placeholder="Why here? (shown without your name)"
        value={draft}
        maxLength={MAX_REASON_LENGTH}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit">Save</button>
    </form>
  );
}

export function ReasonList({ reasons: given }: { reasons: readonly string[] }) {
  const reasons = given.filter((reason) => reason.length > 0);
  if (reasons.length === 0) return null;
  return (
    <details className="reasons" data-testid="reasons">
      <summary>
        {reasons.length === 1 ? 'One reason given' : `${reasons.length} reasons given`}
      </summary>
      <ul>
        {reasons.map((reason, index) => (
          // Reasons carry no identity; a view sends them sorted, the board in participant order.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole each time
          <li key={index}>“{reason}”</li>
        ))}
      </ul>
    </details>
  );
}
