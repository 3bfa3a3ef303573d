// A board page's first requests, sent while the app's scripts are still on their way (seconds
// on a phone's 3G): a board link's "/me", and the board's websocket. The app takes their answers
// instead of starting them only once it runs (client/pages/earlyMe.ts,
// client/state/earlySocket.ts). Its own small file, not inline: the Content-Security-Policy
// allows scripts from 'self' only. The path and fragment are read as client/routes.ts reads
// them, the stored identity as client/identity.ts keeps it, the websocket's address as
// client/state/useBoardConnection.ts builds it.
(() => {
  const board = /^\/b\/([\w-]+)\/?$/.exec(location.pathname);
  // Late (this file is revalidated, the bundle may come from the cache): the app asks itself.
  if (!board || window.__continuumAppStarted) return;
  const boardId = board[1];
  const linkToken = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  let stored = null;
  try {
    stored = JSON.parse(localStorage.getItem(`continuum:identity:${boardId}`) ?? 'null');
  } catch {
    // No storage, or not JSON: as if nothing were stored.
  }
  const storedToken = typeof stored?.token === 'string' ? stored.token : null;
  // A link that is not this browser's identity already is asked about (the app would ask).
  if (linkToken && linkToken !== storedToken) {
    const response = fetch(`/api/boards/${encodeURIComponent(boardId)}/me`, {
      headers: { Authorization: `Bearer ${linkToken}` },
    });
    // Not an unhandled rejection when the app never takes it (it asks again then).
    response.catch(() => {});
    const early = { boardId, token: linkToken, response, answer: null };
    window.__continuumEarlyMe = early;
    // A copy of a yes, read here: the app starts with it at once instead of a turn later.
    response
      .then((answer) => (answer.ok ? answer.clone().json() : null))
      .then(
        (body) => {
          early.answer = body;
        },
        () => {},
      );
  }
  const token = linkToken ?? storedToken;
  // Whose local copy to look for: the stored identity's, when it is the one connecting.
  const participantId = token !== null && token === storedToken ? stored.participantId : null;
  openEarlySocket(boardId, token, participantId);

  /**
   * What the app's translator asks of Intl first (shared/i18n/formatter.ts, FormatJS). The first
   * use of Intl loads the browser's locale data: on a slow phone about 0.1 s of the main thread,
   * idle while the scripts download and busy once they have arrived. Called once the socket is
   * opened, so it never holds that up.
   */
  function warmIntl() {
    try {
      const locales = navigator.languages?.length ? [...navigator.languages, 'en'] : ['en'];
      Intl.NumberFormat.supportedLocalesOf(locales);
      Intl.DateTimeFormat.supportedLocalesOf(locales);
      new Intl.NumberFormat(locales, { style: 'percent' }).format(0.5);
      new Intl.PluralRules(locales).select(1);
    } catch {
      // An old browser without some of Intl: the app manages without (FormatJS says so).
    }
  }

  /**
   * The board's websocket, held until the app's provider takes it (earlySocket.ts): what arrives
   * meanwhile is kept, in order. `fresh=1` unless this person's local copy exists (its
   * IndexedDB database, named as useBoardConnection.ts names it). Closed if nobody takes it.
   */
  function openEarlySocket(boardId, token, participantId) {
    if (!token || typeof WebSocket !== 'function') {
      setTimeout(warmIntl, 0);
      return;
    }
    // noBoardCopy: set once the device's databases were listed and none is a copy of this board,
    // anyone's: the app then has no local copy to load before connecting (useBoardConnection.ts).
    const early = { boardId, token, socket: null, noBoardCopy: false, events: [], taken: false };
    window.__continuumEarlySocket = early;
    const copyName =
      typeof participantId === 'string' ? `continuum:${boardId}:${participantId}` : null;
    const databases =
      typeof indexedDB?.databases === 'function'
        ? indexedDB.databases().catch(() => null)
        : Promise.resolve(null);
    databases.then((listed) => {
      early.noBoardCopy =
        listed !== null &&
        !listed.some((database) => database.name?.startsWith(`continuum:${boardId}:`));
    });
    // Without a name to look for (a link not yet asked about), the socket does not wait for the list.
    const holdsCopy = copyName
      ? databases.then((listed) =>
          listed === null ? true : listed.some((database) => database.name === copyName),
        )
      : Promise.resolve(false);
    holdsCopy.then((held) => {
      if (early.taken) return; // the app connected first
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const fresh = held ? '' : '&fresh=1';
      const socket = new WebSocket(
        `${scheme}://${location.host}/ws/${boardId}?token=${encodeURIComponent(token)}${fresh}`,
      );
      socket.binaryType = 'arraybuffer';
      const keep = (event) => early.events.push(event);
      socket.onopen = keep;
      socket.onmessage = keep;
      socket.onclose = keep;
      socket.onerror = keep;
      early.socket = socket;
      setTimeout(warmIntl, 0);
      setTimeout(() => {
        if (early.taken) return;
        early.taken = true; // never handed to a provider once closed here
        if (window.__continuumEarlySocket === early) delete window.__continuumEarlySocket;
        socket.close(1000, 'not used');
      }, 15000);
    });
  }
})();
