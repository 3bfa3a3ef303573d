/**
 * Owns one board's connection: creates the Y.Doc, its copy on this device (y-indexeddb), the
 * y-websocket provider and the awareness in an effect, and destroys them in its cleanup
 * (StrictMode-safe), binding them to the store. The provider connects only once the local copy
 * has loaded, so what was placed offline (even in a tab since closed) reaches the board.
 *
 * A write the server refused (4403) leaves a gap in this client's clock sequence, so it drops
 * its local copy (in memory and on the device) and starts over from the server: the refused
 * move is lost, nothing else.
 */
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { AwarenessState } from '../../shared/awarenessState.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_UNAUTHORIZED } from '../../shared/closeCodes.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRules.ts';
import { forgetIdentity } from '../identity.ts';
import { bindBoard } from './bindBoard.ts';
import { PLACING_CLOSED } from './boardActions.ts';
import type { BoardStore } from './boardStore.ts';

export interface BoardConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function websocketBase(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws`;
}

/** One local copy per board and person, so "Not you?" on a shared device starts clean. */
export function localCopyName(boardId: string, participantId: string): string {
  return `continuum:${boardId}:${participantId}`;
}

export function useBoardConnection(
  boardId: string,
  participantId: string,
  token: string,
  store: BoardStore,
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  // Bumped to start over with a fresh document after a refused write.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void generation;
    let disposed = false;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(localCopyName(boardId, participantId), doc);
    // Ours, handed to the provider, so the store is bound before the provider exists.
    const awareness = new Awareness(doc);
    const me: AwarenessState = { user: { participantId }, drag: null };
    awareness.setLocalState(me);
    const unbind = bindBoard(doc, awareness, store);
    let provider: WebsocketProvider | null = null;
    // A closed tab leaves no ghost behind.
    const leave = () => awareness.setLocalState(null);
    const back = (event: PageTransitionEvent) => {
      if (event.persisted) awareness.setLocalState(me);
    };

    const startOver = (notice: string) => {
      store.setState({ notice });
      void local.clearData().finally(() => {
        if (!disposed) setGeneration((value) => value + 1);
      });
    };

    const connect = () => {
      if (disposed) return;
      const live = new WebsocketProvider(websocketBase(), boardId, doc, {
        params: { token },
        awareness,
        // Tabs of one browser sync through the server only, so each tab is checked on its own.
        disableBc: true,
      });
      provider = live;
      let everSynced = false;
      live.on('status', ({ status }) => {
        if (status === 'connected') return; // "live" only once the first sync is done
        if (store.getState().status === 'error') return;
        store.setState({ status: everSynced ? 'offline' : 'connecting' });
      });
      live.on('sync', (synced: boolean) => {
        if (!synced) return;
        everSynced = true;
        store.setState({ status: 'synced' });
      });
      live.on('closed', ({ code, reason }) => {
        if (code === CLOSE_FORBIDDEN_WRITE) {
          startOver(
            reason === WRITE_REJECTIONS.placingClosed
              ? PLACING_CLOSED
              : `${reason || 'That change was refused'} — your last move was not saved.`,
          );
          return;
        }
        if (code === CLOSE_UNAUTHORIZED) {
          // Removed, revoked or deleted: this device's identity and copy are of no more use.
          forgetIdentity(boardId);
          void local.clearData();
          store.setState({
            status: 'error',
            notice: `${reason || 'This link is no longer valid for this board'}.`,
          });
          return;
        }
        store.setState({ status: 'error', notice: reason || 'The connection was closed.' });
      });
      setConnection({ doc, provider: live });
    };
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', back);

    void local.whenSynced.then(connect, connect);

    return () => {
      disposed = true;
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', back);
      unbind();
      awareness.setLocalState(null);
      provider?.destroy();
      awareness.destroy();
      local.destroy();
      doc.destroy();
      setConnection(null);
    };
  }, [boardId, participantId, token, store, generation]);

  return connection;
}
