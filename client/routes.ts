/**
 * The app's pages, from the location. Secrets (tokens, join codes) travel in the fragment,
 * which browsers never send to the server nor put in Referer headers.
 */
export type Route =
  | { page: 'start' }
  | { page: 'join'; boardId: string; code: string }
  | { page: 'board'; boardId: string; token: string | null }
  | { page: 'report'; boardId: string };

export function parseRoute(location: Pick<Location, 'pathname' | 'hash'>): Route {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const join = /^\/join\/([\w-]+)\/?$/.exec(location.pathname);
  if (join?.[1]) return { page: 'join', boardId: join[1], code: fragment.get('code') ?? '' };
  const report = /^\/b\/([\w-]+)\/report\/?$/.exec(location.pathname);
  if (report?.[1]) return { page: 'report', boardId: report[1] };
  const board = /^\/b\/([\w-]+)\/?$/.exec(location.pathname);
  if (board?.[1]) return { page: 'board', boardId: board[1], token: fragment.get('token') };
  return { page: 'start' };
}

export function boardPath(boardId: string): string {
  return `/b/${boardId}`;
}

export function joinPath(boardId: string, code: string): string {
  return `/join/${boardId}#code=${encodeURIComponent(code)}`;
}

/** Client-side navigation without a reload; `replace` leaves no entry for Back to return to. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
