/**
 * The board's websocket that public/early-me.js opened while the app's scripts downloaded: the
 * provider takes it instead of opening its own (its `WebSocketPolyfill`), and what arrived
 * meanwhile (the open, the server's first messages, a close) reaches the provider's handlers in
 * order, before anything that arrives after. On a phone this overlaps the socket's handshake and
 * the board's first bytes with the scripts' download and evaluation.
 */

interface EarlySocket {
  boardId: string;
  token: string;
  /** Null until the early script has looked for a local copy and opened it. */
  socket: WebSocket | null;
  /**
   * The early script listed this device's databases and none is a copy of this board, anyone's
   * (false until it knows, or where the list cannot be had).
   */
  noBoardCopy: boolean;
  /** What the socket reported before anyone took it, in order. */
  events: Event[];
  /** Taken (or passed over) by the app: the early script opens nothing after that. */
  taken: boolean;
}

declare global {
  interface Window {
    __continuumEarlySocket?: EarlySocket;
    /** Set as the app starts: an early script that runs later starts nothing (early-me.js). */
    __continuumAppStarted?: boolean;
  }
}

/** The app has started: from now on it makes its own requests. */
export function markAppStarted(): void {
  window.__continuumAppStarted = true;
}

/** The early socket if it was opened for this board and token; closes one that was not. */
function takeEarlySocket(boardId: string, token: string): EarlySocket | null {
  const early = window.__continuumEarlySocket;
  if (!early || early.taken) return null;
  delete window.__continuumEarlySocket;
  early.taken = true;
  if (early.socket === null) return null;
  if (early.boardId !== boardId || early.token !== token) {
    // i18n-exempt: a close reason for the server, never shown
    early.socket.close(1000, 'not used');
    return null;
  }
  return early;
}

/**
 * Whether the early script opened this board's socket for `token` and found no copy of the board
 * on this device, anyone's: there is then no local copy to load before connecting. A copy kept
 * for someone else of this board (after "Not you?") counts: the person may be them again.
 */
export function earlySocketFoundNoCopy(boardId: string, token: string): boolean {
  const early = window.__continuumEarlySocket;
  return (
    early !== undefined &&
    !early.taken &&
    early.socket !== null &&
    early.noBoardCopy &&
    early.boardId === boardId &&
    early.token === token
  );
}

/** Hands a taken socket's kept events to the handlers the provider has set by now. */
function replay(early: EarlySocket, socket: WebSocket): void {
  const kept = early.events;
  early.events = [];
  for (const event of kept) {
    if (event.type === 'open') socket.onopen?.(event);
    else if (event.type === 'message') socket.onmessage?.(event as MessageEvent);
    else if (event.type === 'close') socket.onclose?.(event as CloseEvent);
    else socket.onerror?.(event);
  }
}

/**
 * A WebSocket class for the provider of `boardId` under `token`: its first socket is the early
 * one when there is one, every later one (reconnections) a new socket.
 */
export function adoptingWebSocket(boardId: string, token: string): typeof WebSocket {
  function AdoptingWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
    const early = takeEarlySocket(boardId, token);
    if (early === null || early.socket === null) return new WebSocket(url, protocols);
    const socket = early.socket;
    // The provider sets its handlers right after this returns, in the same task: the events
    // kept so far reach them first, before any new event's task.
    queueMicrotask(() => replay(early, socket));
    return socket;
  }
  return AdoptingWebSocket as unknown as typeof WebSocket;
}
