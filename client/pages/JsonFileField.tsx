/**
 * A field on the start page that takes a JSON file (a rubric file, an earlier board's snapshot):
 * its label and hint, the file input, and once a file is chosen, what it is with a way to clear
 * it. A cleared field is a new input, so the same file can be chosen again.
 */
import { type ReactNode, useState } from 'react';
import { useTranslator } from '../i18n/useTranslator.ts';

export function JsonFileField({
  id,
  label,
  hint,
  chosen,
  busy,
  onChoose,
  onClear,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  /** What the chosen file is, in words; null while none is. */
  chosen: string | null;
  busy: boolean;
  onChoose: (file: File) => void;
  onClear: () => void;
  /** Anything below the field (a template to download). */
  children?: ReactNode;
}) {
  const { t } = useTranslator();
  const [generation, setGeneration] = useState(0);
  return (
    <div className="rubric-file">
      <label htmlFor={id}>
        {label} <span className="hint">{hint}</span>
      </label>
      <input
        key={generation}
        id={id}
        type="file"
        accept="application/json,.json"
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onChoose(file);
        }}
      />
      {chosen !== null && (
        <p className="rubric-chosen" role="status">
          {chosen}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setGeneration((value) => value + 1);
              onClear();
            }}
          >
            {t('pages.start.create.rubricClear')}
          </button>
        </p>
      )}
      {children}
    </div>
  );
}
