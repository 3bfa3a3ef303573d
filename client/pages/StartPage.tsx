import { type FormEvent, useState } from 'react';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { normalizeJoinCode } from '../../shared/joinCode.ts';
import { isLoopbackHost } from '../../shared/loopbackHost.ts';
import { ApiError, api } from '../api.ts';
import { FormError } from '../FormError.tsx';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { saveIdentity } from '../identity.ts';
import { boardPath, joinPath, navigate } from '../routes.ts';
import { useAsyncAction, WordedError } from '../useAsyncAction.ts';
import { useDocumentTitle } from '../useDocumentTitle.ts';
import { loadZodWithoutEval } from '../zodWithoutEval.ts';
import {
  BaselineFilePicker,
  type ChosenBaseline,
  readBaselineFile,
} from './BaselineFilePicker.tsx';
import { type ChosenRubric, RubricFilePicker, readRubricFile } from './RubricFilePicker.tsx';

/** Create a board, or join one with the short code from the screen. One page, no sign-up. */
export default function StartPage() {
  const { t } = useTranslator();
  useDocumentTitle(t('pages.title.start'));
  return (
    <main className="page page-start">
      <header className="start-header">
        <div className="page-topline">
          {/* i18n-exempt: the product's name */}
          <h1>Continuum</h1>
          <LanguagePicker />
        </div>
        <p className="lede">{t('pages.start.lede')}</p>
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
  const { t } = useTranslator();
  const [code, setCode] = useState('');
  const { busy, error, run } = useAsyncAction(t('pages.start.join.failed'));
  const codeExample = t('pages.start.join.codePlaceholder');

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
      <h2 id="join-heading">{t('pages.start.join.heading')}</h2>
      <form onSubmit={submit}>
        <label htmlFor="join-code">{t('pages.start.join.codeLabel')}</label>
        <input
          id="join-code"
          className="code-input"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder={codeExample}
          required
        />
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          {t('pages.start.join.submit')}
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
  const { t } = useTranslator();
  const { busy, error, run } = useAsyncAction(t('pages.start.import.failed'));

  function load(file: File) {
    void run(async () => {
      let snapshot: unknown;
      try {
        snapshot = JSON.parse(await file.text());
      } catch {
        throw new WordedError((tr) => tr.t('pages.start.import.notJson'));
      }
      // The server checks it too; checking here first names the problem without a round trip.
      await loadZodWithoutEval();
      const { parseSnapshot } = await import('../../shared/snapshot/parse.ts'); // zod: only here
      const parsed = parseSnapshot(snapshot);
      // The detail names the field at fault, as the snapshot's format spells it.
      const detail = parsed.ok ? '' : parsed.error;
      if (!parsed.ok) {
        throw new WordedError((tr) => tr.t('pages.start.import.invalid', { detail }));
      }
      const created = await api.importSnapshot(snapshot);
      await openAsFacilitator(created);
    });
  }

  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('pages.start.import.heading')}</h2>
      <p className="hint">{t('pages.start.import.hint')}</p>
      <label htmlFor="import-file">{t('pages.start.import.fileLabel')}</label>
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
  const { t } = useTranslator();
  const [title, setTitle] = useState('');
  const [organisations, setOrganisations] = useState('');
  const [rubric, setRubric] = useState<ChosenRubric | null>(null);
  const [baseline, setBaseline] = useState<ChosenBaseline | null>(null);
  const { busy, error, field, run } = useAsyncAction(t('pages.start.create.failed'));
  const titleAtFault = field === 'title';
  const titleExample = t('pages.start.create.titlePlaceholder');

  function submit(event: FormEvent) {
    event.preventDefault();
    const list = organisations
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    void run(async () => {
      if (title.trim() === '') {
        // i18n-exempt: the Error's message is for logs; the code words it (apiErrorText.ts)
        throw new ApiError(400, 'title required', 'titleRequired', 'title');
      }
      const created = await api.createBoard({
        title: title.trim(),
        ...(list.length > 0 ? { organisations: list } : {}),
        ...(rubric ? { rubric: rubric.input } : {}),
        ...(baseline ? { baseline: baseline.snapshot } : {}),
      });
      await openAsFacilitator(created);
    });
  }

  return (
    <section className="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('pages.start.create.heading')}</h2>
      <form onSubmit={submit}>
        <label htmlFor="board-title">{t('pages.start.create.titleLabel')}</label>
        <input
          id="board-title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          placeholder={titleExample}
          maxLength={200}
          aria-invalid={titleAtFault ? true : undefined}
          aria-describedby={titleAtFault ? 'board-title-error' : undefined}
          required
        />
        {titleAtFault && <FormError error={error} id="board-title-error" />}
        <label htmlFor="board-organisations">
          {t('pages.start.create.organisationsLabel')}{' '}
          <span className="hint">{t('pages.start.create.organisationsHint')}</span>
        </label>
        <textarea
          id="board-organisations"
          value={organisations}
          onChange={(event) => setOrganisations(event.target.value)}
          rows={3}
        />
        <RubricFilePicker
          chosen={rubric}
          busy={busy}
          onChoose={(file) =>
            void run(async () => {
              setRubric(null);
              setRubric(await readRubricFile(file));
            })
          }
          onClear={() => setRubric(null)}
        />
        <BaselineFilePicker
          chosen={baseline}
          busy={busy}
          onChoose={(file) =>
            void run(async () => {
              setBaseline(null);
              setBaseline(await readBaselineFile(file));
            })
          }
          onClear={() => setBaseline(null)}
        />
        {!titleAtFault && <FormError error={error} />}
        <button type="submit" disabled={busy}>
          {t('pages.start.create.submit')}
        </button>
      </form>
    </section>
  );
}
