// A board link's "/me" request, sent while the app's scripts are still on their way (seconds on
// a phone's 3G): the app takes its answer instead of asking only once it runs
// (client/pages/earlyMe.ts). Its own small file, not inline: the Content-Security-Policy allows
// scripts from 'self' only. The path and fragment are read as client/routes.ts reads them.
(() => {
  const board = /^\/b\/([\w-]+)\/?$/.exec(location.pathname);
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (!board || !token) return;
  const boardId = board[1];
  // This browser's identity already (client/identity.ts): the app does not ask.
  try {
    const stored = JSON.parse(localStorage.getItem(`continuum:identity:${boardId}`) ?? 'null');
    if (stored?.token === token) return;
  } catch {
    // No storage, or not JSON: ask, as the app would.
  }
  const response = fetch(`/api/boards/${encodeURIComponent(boardId)}/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  // Not an unhandled rejection when the app never takes it (it asks again then).
  response.catch(() => {});
  window.__continuumEarlyMe = { boardId, token, response };
})();
