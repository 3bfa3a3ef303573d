import { type FormEvent, useEffect, useState } from 'react';
import type { BoardInfo } from '../../shared/api.ts';
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
    void run(async () => {
      const trimmedName = name.trim();
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
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={60}
            autoComplete="name"
            required
          />
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
