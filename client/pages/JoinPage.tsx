import { type ClipboardEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import type { BoardInfo } from '../../shared/api.ts';
import { NAME_MAX_LENGTH } from '../../shared/nameLimits.ts';
import { ApiError, api } from '../api.ts';
import { FormError } from '../FormError.tsx';
import { loadIdentity, saveIdentity } from '../identity.ts';
import { boardPath, navigate } from '../routes.ts';
import { useAsyncAction } from '../useAsyncAction.ts';

/** A display name (and organisation, when the board has them) and you are on the board. */
export function JoinPage({ boardId, code }: { boardId: string; code: string }) {
  const [board, setBoard] = useState<BoardInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [joinCode, setJoinCode] = useState(code);
  const [nameError, setNameError] = useState<string | null>(null);
  const [nameCut, setNameCut] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const { busy, error, run } = useAsyncAction('Could not join the board.');

  useEffect(() => {
    // Someone who already joined from this device goes straight back to the board.
    if (loadIdentity(boardId)) {
      navigate(boardPath(boardId));
      return;
    }
    api
      .boardInfo(boardId)
      .then(setBoard, (caught: unknown) =>
        setLoadError(caught instanceof ApiError ? caught.message : 'This board cannot be found.'),
      );
  }, [boardId]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmedName = name.trim();
    // Checked here first: a name of spaces passes `required` but is no name.
    if (trimmedName === '') {
      setNameError('Please enter your name.');
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
        <FormError error={loadError} />
        <a href="/">Back to the start page</a>
      </main>
    );
  }
  if (!board) {
    return (
      <main className="page page-join" aria-busy="true">
        <p>Loading the board…</p>
      </main>
    );
  }
  return (
    <main className="page page-join">
      <section className="panel">
        <p className="eyebrow">You are joining</p>
        <h1>{board.title}</h1>
        <form onSubmit={submit}>
          <label htmlFor="display-name">Your name</label>
          <input
            id="display-name"
            ref={nameInput}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setNameError(null);
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
              <label htmlFor="organisation">Your organisation</label>
              <select
                id="organisation"
                value={organisation}
                onChange={(event) => setOrganisation(event.target.value)}
                required
              >
                <option value="" disabled>
                  Choose…
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
              <label htmlFor="join-code">Join code</label>
              <input
                id="join-code"
                className="code-input"
                value={joinCode}
                onChange={(event) => setJoinCode(event.target.value)}
                required
              />
            </>
          )}
          <FormError error={error} />
          <button type="submit" disabled={busy}>
            Join the board
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
  if (error) {
    return (
      <p id={id} className="field-note form-error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p id={id} className="field-note" aria-live="polite">
      {cut && (
        <span>A name can be at most {NAME_MAX_LENGTH} characters: the pasted one was cut.</span>
      )}
      {length >= COUNTER_FROM && (
        <span data-testid="name-counter">
          {length} of {NAME_MAX_LENGTH} characters
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
