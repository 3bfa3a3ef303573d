import { useEffect, useState } from 'react';
import { BoardPage } from './pages/BoardPage.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { StartPage } from './pages/StartPage.tsx';
import { parseRoute, type Route } from './routes.ts';
import './pages/pages.css';

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location));
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  switch (route.page) {
    case 'start':
      return <StartPage />;
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
