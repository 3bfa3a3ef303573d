/**
 * The board page: finds out who this browser is (useBoardIdentity.ts), owns the board's
 * connection and store, and shows the board, the wall view for observers, or the report.
 */
import { lazy, Suspense, useMemo } from 'react';
import { useStore } from 'zustand';
import { SCHEMA_VERSION } from '../../shared/boardDoc.ts';
import { BoardEnded } from '../board/BoardEnded.tsx';
import { BoardHeader } from '../board/BoardHeader.tsx';
import { BoardSkeleton } from '../board/BoardSkeleton.tsx';
import { ConnectionNote } from '../board/ConnectionNote.tsx';
import { Lanes } from '../board/Lanes.tsx';
import { MiniBar } from '../board/MiniBar.tsx';
import { Notice } from '../board/Notice.tsx';
import { PhaseBanner } from '../board/PhaseBanner.tsx';
import { stopFollowingWhenLocked } from '../board/stopFollowingWhenLocked.ts';
import { useIsPhone } from '../board/useIsPhone.ts';
import { FormError } from '../FormError.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import type { BoardIdentity } from '../identity.ts';
import { BoardContext, type BoardContextValue } from '../state/BoardContext.tsx';
import { createBoardActions } from '../state/boardActions.ts';
import { createBoardStore } from '../state/boardStore.ts';
import { useBoardConnection } from '../state/useBoardConnection.ts';
import { failureText } from '../useAsyncAction.ts';
import { useDocumentTitle } from '../useDocumentTitle.ts';
import { useBoardIdentity } from './useBoardIdentity.ts';
import '../board/board.css';
import '../board/header.css';

const ProjectorView = lazy(() => import('../projector/ProjectorView.tsx'));
const ReportView = lazy(() => import('../report/ReportView.tsx'));
const ReplayView = lazy(() => import('../replay/ReplayView.tsx'));

export function BoardPage({
  boardId,
  tokenFromLink,
  report = false,
}: {
  boardId: string;
  tokenFromLink: string | null;
  /** The printable report of the board instead of the board itself. */
  report?: boolean;
}) {
  const tr = useTranslator();
  const identity = useBoardIdentity(boardId, tokenFromLink);
  if (identity.kind === 'error') {
    return (
      <main className="page">
        <FormError error={failureText(tr, identity.caught, tr.t('pages.board.linkFailed'))} />
        <a href="/">{tr.t('pages.common.backToStart')}</a>
      </main>
    );
  }
  if (identity.kind === 'loading') {
    return (
      <main className="page" aria-busy="true">
        <p>{tr.t('pages.board.opening')}</p>
      </main>
    );
  }
  return <ConnectedBoard boardId={boardId} me={identity.identity} report={report} />;
}

function ConnectedBoard({
  boardId,
  me,
  report,
}: {
  boardId: string;
  me: BoardIdentity;
  report: boolean;
}) {
  const { t } = useTranslator();
  const store = useMemo(() => {
    const created = createBoardStore();
    stopFollowingWhenLocked(created);
    return created;
  }, []);
  const connection = useBoardConnection(boardId, me.participantId, me.role, me.token, store);
  const context = useMemo<BoardContextValue | null>(
    () =>
      connection
        ? {
            boardId,
            store,
            me,
            actions: createBoardActions(connection.doc, connection.provider, store),
          }
        : null,
    [connection, boardId, store, me],
  );
  const schemaVersion = useStore(store, (state) => state.meta?.schemaVersion ?? null);
  const ended = useStore(store, (state) => state.ended);
  const phase = useStore(store, (state) => state.control.phase);
  const phone = useIsPhone();
  const replay = useStore(store, (state) => state.ui.replay && me.role === 'facilitator');
  const title = useStore(store, (state) => state.meta?.title ?? null);
  // The report names itself in the report's language (ReportView.tsx).
  useDocumentTitle(title === null ? t('pages.title.loading') : t('pages.title.board', { title }));
  // The wall says so in its own large type (ProjectorView); the report keeps what it printed.
  if (ended && me.role !== 'observer' && !report) return <BoardEnded why={ended} />;
  if (!context) return <BoardSkeleton />;
  // A newer document is refused whole: no view of it and no tool that could write to it.
  if (schemaVersion !== null && schemaVersion > SCHEMA_VERSION) {
    return (
      <p className="page notice" role="alert">
        {t('pages.board.newerVersion')}
      </p>
    );
  }
  if (report) {
    return (
      <BoardContext.Provider value={context}>
        <Suspense fallback={<p className="page">{t('pages.board.preparingReport')}</p>}>
          {schemaVersion === null ? <BoardSkeleton /> : <ReportView />}
        </Suspense>
      </BoardContext.Provider>
    );
  }
  if (me.role === 'observer') {
    return (
      <BoardContext.Provider value={context}>
        <Suspense fallback={<p className="page">{t('pages.board.openingWall')}</p>}>
          {/* The wall lays out the rubric: nothing to lay out before the first sync. */}
          {schemaVersion === null && !ended ? <BoardSkeleton /> : <ProjectorView />}
        </Suspense>
      </BoardContext.Provider>
    );
  }
  return (
    <BoardContext.Provider value={context}>
      <div className="board-page" data-phase={phase} data-role={me.role}>
        {phone && <MiniBar />}
        {phone && <ConnectionNote />}
        <BoardHeader />
        <section className="board-status" aria-label={t('board.status.label')}>
          <Notice />
          <PhaseBanner />
        </section>
        {schemaVersion === null ? (
          <BoardSkeleton />
        ) : replay ? (
          <Suspense fallback={<BoardSkeleton />}>
            <ReplayView />
          </Suspense>
        ) : (
          <Lanes />
        )}
      </div>
    </BoardContext.Provider>
  );
}
