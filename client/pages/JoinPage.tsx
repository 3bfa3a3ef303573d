import { type ClipboardEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import type { BoardInfo } from '../../shared/api.ts';
import { NAME_MAX_LENGTH } from '../../shared/nameLimits.ts';
import { ApiError, api } from '../api.ts';
import { FormError } from '../FormError.tsx';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { loadIdentity, saveIdentity } from '../identity.ts';
import { boardPath, navigate } from '../routes.ts';
import { failureText, useAsyncAction } from '../useAsyncAction.ts';
import { useDocumentTitle } from '../useDocumentTitle.ts';

/** A display name (and organisation, when the board has them) and you are on the board. */
export function JoinPage({ boardId, code }: { boardId: string; code: string }) {
  const tr = useTranslator();
  const { t } = tr;
  const [board, setBoard] = useState<BoardInfo | null>(null);
  const [loadError, setLoadError] = useState<{ caught: unknown } | null>(null);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [joinCode, setJoinCode] = useState(code);
  const [nameMissing, setNameMissing] = useState(false);
  const [nameCut, setNameCut] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const { busy, error, field, run } = useAsyncAction(t('pages.join.failed'));
  useDocumentTitle(
    board ? t('pages.title.join', { title: board.title }) : t('pages.title.loading'),
  );
  // A refusal about the name or the code shows under that field, the rest under the form.
  const nameError = nameMissing ? t('pages.join.nameRequired') : field === 'name' ? error : null;
  const codeError = field === 'joinCode' ? error : null;
  const formError = nameError === error || codeError === error ? null : error;

  useEffect(() => {
    // Someone who already joined from this device goes straight back to the board.
    if (loadIdentity(boardId)) {
      navigate(boardPath(boardId));
      return;
    }
    api.boardInfo(boardId).then(setBoard, (caught: unknown) => setLoadError({ caught }));
  }, [boardId]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmedName = name.trim();
    // Checked here first: a name of spaces passes `required` but is no name.
    if (trimmedName === '') {
      setNameMissing(true);
      nameInput.current?.focus();
      return;
    }
    void run(async () => {
      const joined = await api.join(boardId, {
        joinCode,
        name: trimmedName,
        ...(organisation ? { organisation } : {}),
      });
      saveIdentity(boardId, { ...joined, role: 'participant', name: trimmedName });
      navigate(boardPath(boardId));
    });
  }

  if (loadError) {
    return (
      <main className="page page-join">
        <div className="page-topline">
          <LanguagePicker />
        </div>
        <FormError
          error={
            loadError.caught instanceof ApiError
              ? failureText(tr, loadError.caught, t('pages.join.notFound'))
              : t('pages.join.notFound')
          }
        />
        <a href="/">{t('pages.common.backToStart')}</a>
      </main>
    );
  }
  if (!board) {
    return (
      <main className="page page-join" aria-busy="true">
        <p>{t('pages.join.loading')}</p>
      </main>
    );
  }
  return (
    <main className="page page-join">
      <div className="page-topline">
        <LanguagePicker />
      </div>
      <section className="panel">
        <p className="eyebrow">{t('pages.join.eyebrow')}</p>
        <h1>{board.title}</h1>
        <form onSubmit={submit}>
          <label htmlFor="display-name">{t('pages.join.nameLabel')}</label>
          <input
            id="display-name"
            ref={nameInput}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setNameMissing(false);
              if (event.target.value.length < NAME_MAX_LENGTH) setNameCut(false);
            }}
            onPaste={(event) => setNameCut(pastedBeyondLimit(event))}
            maxLength={NAME_MAX_LENGTH}
            autoComplete="name"
            aria-invalid={nameError ? true : undefined}
            aria-describedby="display-name-note"
            required
          />
          <NameNote id="display-name-note" length={name.length} error={nameError} cut={nameCut} />
          {board.organisations.length > 0 && (
            <>
              <label htmlFor="organisation">{t('pages.join.organisationLabel')}</label>
              <select
                id="organisation"
                value={organisation}
                onChange={(event) => setOrganisation(event.target.value)}
                required
              >
                <option value="" disabled>
                  {t('pages.join.organisationChoose')}
                </option>
                {board.organisations.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </>
          )}
          {!code && (
            <>
              <label htmlFor="join-code">{t('pages.join.codeLabel')}</label>
              <input
                id="join-code"
                className="code-input"
                value={joinCode}
                onChange={(event) => setJoinCode(event.target.value)}
                aria-invalid={codeError ? true : undefined}
                aria-describedby={codeError ? 'join-code-error' : undefined}
                required
              />
              <FormError error={codeError} id="join-code-error" />
            </>
          )}
          {/* A code from the link is not on the page: its refusal shows here. */}
          <FormError error={code ? (formError ?? codeError) : formError} />
          <button type="submit" disabled={busy}>
            {t('pages.join.submit')}
          </button>
        </form>
      </section>
    </main>
  );
}

/** Counted from this many characters on, so the limit never comes as a surprise. */
const COUNTER_FROM = NAME_MAX_LENGTH - 15;

/** Under the name: what is wrong with it, that a pasted name was cut, or how much room is left. */
function NameNote({
  id,
  length,
  error,
  cut,
}: {
  id: string;
  length: number;
  error: string | null;
  cut: boolean;
}) {
  const { t } = useTranslator();
  if (error) {
    return (
      <p id={id} className="field-note form-error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p id={id} className="field-note" aria-live="polite">
      {cut && <span>{t('pages.join.nameCut', { max: NAME_MAX_LENGTH })}</span>}
      {length >= COUNTER_FROM && (
        <span data-testid="name-counter">
          {t('pages.join.nameCounter', { length, max: NAME_MAX_LENGTH })}
        </span>
      )}
    </p>
  );
}

/** Whether a paste makes the name longer than the input takes (the browser cuts it silently). */
function pastedBeyondLimit(event: ClipboardEvent<HTMLInputElement>): boolean {
  const input = event.currentTarget;
  const pasted = event.clipboardData.getData('text').length;
  const replaced = (input.selectionEnd ?? 0) - (input.selectionStart ?? 0);
  return input.value.length - replaced + pasted > NAME_MAX_LENGTH;
}
