import { type FormEvent, useState } from 'react';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { normalizeJoinCode } from '../../shared/joinCode.ts';
import { isLoopbackHost } from '../../shared/loopbackHost.ts';
import { ApiError, api } from '../api.ts';
import { FormError } from '../FormError.tsx';
import { saveIdentity } from '../identity.ts';
import { boardPath, joinPath, navigate } from '../routes.ts';
import { useAsyncAction } from '../useAsyncAction.ts';

/** Create a board, or join one with the short code from the screen. One page, no sign-up. */
export function StartPage() {
  return (
    <main className="page page-start">
      <header className="start-header">
        <h1>Continuum</h1>
        <p className="lede">Where does our partnership stand today? Find out together, live.</p>
      </header>
      <div className="start-grid">
        <JoinWithCode />
        <CreateBoard />
        <ImportSnapshot />
      </div>
    </main>
  );
}

function JoinWithCode() {
  const [code, setCode] = useState('');
  const { busy, error, run } = useAsyncAction('Could not find that board.');

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const normalized = normalizeJoinCode(code);
      const board = await api.boardByJoinCode(normalized);
      navigate(joinPath(board.boardId, normalized));
    });
  }

  return (
    <section className="panel" aria-labelledby="join-heading">
      <h2 id="join-heading">Join a board</h2>
      <form onSubmit={submit}>
        <label htmlFor="join-code">Code on the screen</label>
        <input
          id="join-code"
          className="code-input"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="e.g. K7QM2P"
          required
        />
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          Continue
        </button>
      </form>
    </section>
  );
}

/**
 * Opens the facilitator's new board (the token from creating or importing it). When the server
 * answered with links on another address (the room's, not this `localhost`), the facilitator
 * goes there with the token in the link: identities are kept per address.
 */
async function openAsFacilitator(created: CreateBoardResponse) {
  const { boardId, facilitatorToken } = created;
  const target = new URL(created.facilitatorUrl);
  if (isLoopbackHost(window.location.hostname) && target.origin !== window.location.origin) {
    window.location.assign(created.facilitatorUrl);
    return;
  }
  const me = await api.me(boardId, facilitatorToken);
  saveIdentity(boardId, {
    participantId: me.participantId,
    token: facilitatorToken,
    role: 'facilitator',
    name: me.name,
  });
  navigate(boardPath(boardId));
}

function ImportSnapshot() {
  const { busy, error, run } = useAsyncAction('Could not import the snapshot.');

  function load(file: File) {
    void run(async () => {
      let snapshot: unknown;
      try {
        snapshot = JSON.parse(await file.text());
      } catch {
        throw new ApiError(400, 'That file is not a JSON snapshot.');
      }
      // The server checks it too; checking here first names the problem without a round trip.
      const { parseSnapshot } = await import('../../shared/snapshot/parse.ts'); // zod: only here
      const parsed = parseSnapshot(snapshot);
      if (!parsed.ok) throw new ApiError(400, `Not a valid snapshot: ${parsed.error}`);
      const created = await api.importSnapshot(snapshot);
      await openAsFacilitator(created);
    });
  }

  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Bring back a board</h2>
      <p className="hint">Import a snapshot (.json) exported from Continuum as a new board.</p>
      <label htmlFor="import-file">Snapshot file</label>
      <input
        id="import-file"
        type="file"
        accept="application/json,.json"
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void load(file);
        }}
      />
      <FormError error={error} />
    </section>
  );
}

function CreateBoard() {
  const [title, setTitle] = useState('');
  const [organisations, setOrganisations] = useState('');
  const { busy, error, run } = useAsyncAction('Could not create the board.');

  function submit(event: FormEvent) {
    event.preventDefault();
    const list = organisations
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    void run(async () => {
      if (title.trim() === '') throw new ApiError(400, 'Please give the board a title.');
      const created = await api.createBoard({
        title: title.trim(),
        ...(list.length > 0 ? { organisations: list } : {}),
      });
      await openAsFacilitator(created);
    });
  }

  return (
    <section className="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">Facilitate a new board</h2>
      <form onSubmit={submit}>
        <label htmlFor="board-title">Title</label>
        <input
          id="board-title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          placeholder="Spring partnership retreat"
          maxLength={200}
          required
        />
        <label htmlFor="board-organisations">
          Partner organisations <span className="hint">(optional, one per line)</span>
        </label>
        <textarea
          id="board-organisations"
          value={organisations}
          onChange={(event) => setOrganisations(event.target.value)}
          rows={3}
        />
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          Create board
        </button>
      </form>
    </section>
  );
}
