/** The facilitator records where the group agreed a card stands, with a note. */
import { useEffect, useRef, useState } from 'react';
import type { FinalPosition } from '../../shared/boardDoc.ts';

export function AgreementForm({
  cardText,
  current,
  suggested,
  onSave,
  onClear,
}: {
  cardText: string;
  current: FinalPosition | undefined;
  suggested: number | null;
  onSave: (x: number, note: string) => void;
  onClear: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(Math.round((current?.x ?? suggested ?? 0.5) * 100));
  const [note, setNote] = useState(current?.note ?? '');
  const slider = useRef<HTMLInputElement | null>(null);
  // Keyboard users land on the slider they just opened.
  useEffect(() => {
    if (open) slider.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {current ? 'Change the agreed position' : 'Record the agreed position'}
      </button>
    );
  }
  return (
    <form
      className="agreement-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(value / 100, note.trim());
        setOpen(false);
      }}
    >
      <label>
        Agreed position for “{cardText}”: <strong>{value}%</strong>
        <input
          ref={slider}
          type="range"
          min={0}
          max={100}
          value={value}
          onChange={(event) => setValue(Number(event.target.value))}
          aria-valuetext={`${value}% toward High Performance Partnership`}
        />
      </label>
      <label>
        Note
        <input value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />
      </label>
      <div className="form-buttons">
        <button type="submit">Save agreement</button>
        {current && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              onClear();
              setOpen(false);
            }}
          >
            Remove
          </button>
        )}
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
