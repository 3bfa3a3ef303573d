import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { isLoopbackHost } from '../shared/loopbackHost.ts';
import { useTranslator } from './i18n/useTranslator.ts';
import { BoardPage } from './pages/BoardPage.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { roomAddressMove } from './publicOrigin.ts';
import { parseRoute } from './routes.ts';
import './pages/pages.css';

// A facilitator's page: a participant's phone, opening a join link or a board, never needs it.
const StartPage = lazy(() => import('./pages/StartPage.tsx'));

function subscribeToLocation(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
  };
}

// The address as a string: a navigation a page makes while it mounts (before any effect of
// this component could listen) is still seen, since React compares it again after subscribing.
const currentLocation = () => `${window.location.pathname}${window.location.hash}`;

export function App() {
  const { t } = useTranslator();
  useSyncExternalStore(subscribeToLocation, currentLocation);
  const route = parseRoute(window.location);
  const moving = useRoomAddress();
  if (moving) {
    return (
      <main className="page" aria-busy="true">
        <p>{t('pages.app.movingAddress')}</p>
      </main>
    );
  }
  switch (route.page) {
    case 'start':
      return (
        <Suspense fallback={null}>
          <StartPage />
        </Suspense>
      );
    case 'join':
      return <JoinPage key={route.boardId} boardId={route.boardId} code={route.code} />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} tokenFromLink={route.token} />;
    case 'report':
      return <BoardPage key={route.boardId} boardId={route.boardId} tokenFromLink={null} report />;
    default:
      return route satisfies never;
  }
}

/**
 * A page opened on `localhost` while the room reaches the server elsewhere moves there before
 * anything renders (and so before an identity is stored on the wrong origin). True meanwhile.
 */
function useRoomAddress(): boolean {
  const [moving, setMoving] = useState(() => isLoopbackHost(window.location.hostname));
  useEffect(() => {
    if (!moving) return;
    let cancelled = false;
    void roomAddressMove().then((target) => {
      if (cancelled) return;
      if (target) window.location.replace(target);
      else setMoving(false);
    });
    return () => {
      cancelled = true;
    };
  }, [moving]);
  return moving;
}
