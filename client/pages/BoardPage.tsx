/**
 * The board: finds out who this browser is (facilitator link, or a stored identity from
 * joining), owns the board's connection and store, and lays out the header and the lanes.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { SCHEMA_VERSION } from '../../shared/boardDoc.ts';
import { ApiError, api } from '../api.ts';
import { BoardFigures } from '../board/BoardFigures.tsx';
import { DiscussNext } from '../board/DiscussNext.tsx';
import { ElementLane } from '../board/ElementLane.tsx';
import { FollowToggle } from '../board/FollowToggle.tsx';
import { PhaseStepper } from '../board/PhaseStepper.tsx';
import { PlacedCount } from '../board/PlacedCount.tsx';
import { PresenceBar } from '../board/PresenceBar.tsx';
import { StatusBadge } from '../board/StatusBadge.tsx';
import { TimerDisplay } from '../board/TimerDisplay.tsx';
import { ViewToggle } from '../board/ViewToggle.tsx';
import { WallView } from '../board/WallView.tsx';
import { FormError } from '../FormError.tsx';
import { type BoardIdentity, forgetIdentity, loadIdentity, saveIdentity } from '../identity.ts';
import { navigate } from '../routes.ts';
import {
  BoardContext,
  type BoardContextValue,
  useBoard,
  useBoardContext,
} from '../state/BoardContext.tsx';
import { createBoardActions } from '../state/boardActions.ts';
import { createBoardStore } from '../state/boardStore.ts';
import { useBoardConnection } from '../state/useBoardConnection.ts';
import { distributionVisible } from '../state/visibility.ts';
import { BoardDnd } from '../track/BoardDnd.tsx';

const ProjectorView = lazy(() => import('../projector/ProjectorView.tsx'));
const ReportView = lazy(() => import('../report/ReportView.tsx'));
// Only facilitators download the controls: participants' phones load less.
const FacilitatorTools = lazy(() => import('../facilitator/FacilitatorTools.tsx'));

type IdentityState =
  | { kind: 'loading' }
  | { kind: 'ready'; identity: BoardIdentity }
  | { kind: 'error'; message: string };

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
  const [identity, setIdentity] = useState<IdentityState>({ kind: 'loading' });

  useEffect(() => {
    if (!tokenFromLink) {
      const stored = loadIdentity(boardId);
      if (stored) setIdentity({ kind: 'ready', identity: stored });
      else navigate(`/join/${boardId}`);
      return;
    }
    // A facilitator (or other) link: learn who the token is, keep it, and take it out of the
    // address bar so it is not shown on a projector or copied by accident.
    let cancelled = false;
    api.me(boardId, tokenFromLink).then(
      (me) => {
        const known: BoardIdentity = {
          participantId: me.participantId,
          token: tokenFromLink,
          role: me.role,
          name: me.name,
        };
        saveIdentity(boardId, known);
        window.history.replaceState(null, '', `/b/${boardId}`);
        if (!cancelled) setIdentity({ kind: 'ready', identity: known });
      },
      (caught: unknown) => {
        if (!cancelled) {
          setIdentity({
            kind: 'error',
            message: caught instanceof ApiError ? caught.message : 'This link cannot be opened.',
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [boardId, tokenFromLink]);

  if (identity.kind === 'error') {
    return (
      <main className="page">
        <FormError error={identity.message} />
        <a href="/">Back to the start page</a>
      </main>
    );
  }
  if (identity.kind === 'loading') {
    return (
      <main className="page" aria-busy="true">
        <p>Opening the board…</p>
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
  const store = useMemo(() => createBoardStore(), []);
  const connection = useBoardConnection(boardId, me.participantId, me.token, store);
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
  if (!context) return <BoardSkeleton />;
  if (report) {
    return (
      <BoardContext.Provider value={context}>
        <Suspense fallback={<p className="page">Preparing the report…</p>}>
          {schemaVersion === null ? <BoardSkeleton /> : <ReportView />}
        </Suspense>
      </BoardContext.Provider>
    );
  }
  if (me.role === 'observer') {
    return (
      <BoardContext.Provider value={context}>
        <Suspense fallback={<p className="page">Opening the wall view…</p>}>
          <ProjectorView />
        </Suspense>
      </BoardContext.Provider>
    );
  }
  return (
    <BoardContext.Provider value={context}>
      <div className="board-page">
        <BoardHeader />
        {me.role === 'facilitator' && (
          <Suspense fallback={null}>
            <FacilitatorTools />
          </Suspense>
        )}
        <Notice />
        <DiscussNext />
        {schemaVersion === null ? (
          <BoardSkeleton />
        ) : schemaVersion > SCHEMA_VERSION ? (
          <p className="notice" role="alert">
            This board was made by a newer version of Continuum. Reload the page to update.
          </p>
        ) : (
          <Lanes />
        )}
      </div>
    </BoardContext.Provider>
  );
}

function BoardHeader() {
  const title = useBoard((state) => state.meta?.title ?? '');
  const { me, boardId } = useBoardContext();
  return (
    <header className="board-header">
      <div className="board-title-row">
        <h1 className="board-title">{title || 'Continuum'}</h1>
        <TimerDisplay />
        <StatusBadge />
      </div>
      <div className="board-meta-row">
        <PhaseStepper />
        <BoardFigures />
        <ViewToggle />
        <FollowToggle />
      </div>
      <div className="board-meta-row">
        <PlacedCount />
        <PresenceBar />
        <span className="whoami">
          {me.role === 'facilitator'
            ? 'You are the facilitator'
            : me.role === 'observer'
              ? 'You are watching'
              : `You are ${me.name}`}
          {me.role !== 'facilitator' && (
            <>
              {' · '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  forgetIdentity(boardId);
                  navigate(`/join/${boardId}`);
                }}
              >
                Not you?
              </button>
            </>
          )}
        </span>
      </div>
    </header>
  );
}

function Notice() {
  const { store } = useBoardContext();
  const notice = useBoard((state) => state.notice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span>{notice}</span>
      <button
        type="button"
        className="link-button"
        onClick={() => store.setState({ notice: null })}
      >
        Dismiss
      </button>
    </div>
  );
}

function Lanes() {
  const { me } = useBoardContext();
  const elements = useBoard((state) => state.meta?.rubric.elements ?? null);
  // The wall shows the group, so only while the group is visible (a new round hides it again).
  const wall = useBoard(
    (state) =>
      state.ui.view === 'wall' && distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  // On phones one element shows at a time; the tabs pick which (hidden on wide screens).
  const [activeId, setActiveId] = useState<string | null>(null);
  // The card to bring into view: picked here, or focused by the facilitator while following.
  const wanted = useBoard(
    (state) =>
      state.ui.highlightedCardId ?? (state.ui.following ? state.control.focusCardId : null),
  );
  useEffect(() => {
    const element = elements?.find((e) => e.cards.some((card) => card.id === wanted));
    if (element) setActiveId(element.id);
  }, [wanted, elements]);
  if (!elements) return null;
  if (wall) {
    return (
      <main className="lanes">
        <WallView />
      </main>
    );
  }
  const active = activeId ?? elements[0]?.id;
  return (
    <BoardDnd>
      <nav className="element-tabs" aria-label="Elements">
        {elements.map((element, index) => (
          <button
            key={element.id}
            type="button"
            aria-pressed={element.id === active}
            onClick={() => setActiveId(element.id)}
          >
            {index + 1}. {element.name}
          </button>
        ))}
      </nav>
      <main className="lanes">
        {elements.map((element, index) => (
          <ElementLane
            key={element.id}
            element={element}
            index={index}
            activeOnPhone={element.id === active}
          />
        ))}
      </main>
    </BoardDnd>
  );
}

function BoardSkeleton() {
  return (
    <main className="lanes" aria-busy="true">
      {[0, 1, 2].map((index) => (
        <div key={index} className="element-lane skeleton" />
      ))}
    </main>
  );
}
