/**
 * Owns one board's connection: creates the Y.Doc, the y-websocket provider and the awareness in
 * an effect and destroys them in its cleanup (StrictMode-safe), binding them to the store.
 * A write the server refused (4403) leaves a gap in this client's clock sequence, so it drops
 * its local copy and starts over from the server: the refused move is lost, nothing else.
 */
import { useEffect, useState } from 'react';
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
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(websocketBase(), boardId, doc, {
      params: { token },
      // Tabs of one browser sync through the server only, so each tab is checked on its own.
      disableBc: true,
    });
    const me: AwarenessState = { user: { participantId }, drag: null };
    provider.awareness.setLocalState(me);
    const unbind = bindBoard(doc, provider.awareness, store);
    let everSynced = false;

    provider.on('status', ({ status }) => {
      if (status === 'connected') return; // "live" only once the first sync is done
      const current = store.getState().status;
      if (current === 'error') return;
      store.setState({ status: everSynced ? 'offline' : 'connecting' });
    });
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      everSynced = true;
      store.setState({ status: 'synced' });
    });
    provider.on('closed', ({ code, reason }) => {
      if (code === CLOSE_FORBIDDEN_WRITE) {
        store.setState({
          notice:
            reason === WRITE_REJECTIONS.placingClosed
              ? PLACING_CLOSED
              : `${reason || 'That change was refused'} — your last move was not saved.`,
        });
        setGeneration((value) => value + 1);
        return;
      }
      if (code === CLOSE_UNAUTHORIZED) {
        // Removed, revoked or unknown: this device's stored identity is of no more use.
        forgetIdentity(boardId);
        store.setState({
          status: 'error',
          notice: `${reason || 'This link is no longer valid for this board'}.`,
        });
        return;
      }
      store.setState({
        status: 'error',
        notice: reason || 'The connection was closed by the server.',
      });
    });

    // A closed or hidden-for-good tab leaves no ghost behind.
    const leave = () => provider.awareness.setLocalState(null);
    const back = (event: PageTransitionEvent) => {
      if (event.persisted) provider.awareness.setLocalState(me);
    };
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', back);
    setConnection({ doc, provider });

    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', back);
      unbind();
      provider.awareness.setLocalState(null);
      provider.destroy();
      doc.destroy();
      setConnection(null);
    };
  }, [boardId, participantId, token, store, generation]);

  return connection;
}
