/**
 * Owns one board's connection: creates the Y.Doc, its copy on this device (y-indexeddb), the
 * y-websocket provider and the awareness in an effect, and destroys them in its cleanup
 * (StrictMode-safe), binding them to the store. The provider connects only once the local copy
 * has loaded, so what was placed offline (even in a tab since closed) reaches the board.
 * Facilitators sync with the whole board, everyone else with its view (shared/audience.ts); a
 * copy saved before that view existed is dropped, except the person's own placements
 * (localCopyUpgrade.ts); should that code fail to load, the copy stays untouched until a reload
 * (once) or the network's return brings it.
 *
 * A write the server refused (4403) leaves a gap in this client's clock sequence, so it drops
 * its local copy (in memory and on the device) and starts over from the server: the refused
 * move is lost, nothing else.
 */
import { useEffect, useRef, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { audienceOf } from '../../shared/audience.ts';
import type { AwarenessState } from '../../shared/awarenessState.ts';
import type { Role } from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import { announce } from '../a11y/announcer.ts';
import { reloadOnceForMissingCode } from '../chunkReload.ts';
import { forgetIdentity } from '../identity.ts';
import { bindBoard } from './bindBoard.ts';
import type { BoardStore } from './boardStore.ts';
import { closeResponse } from './closeResponse.ts';
import { currentTranslator } from './currentTranslator.ts';
import { adoptingWebSocket, earlySocketFoundNoCopy } from './earlySocket.ts';
import { isOlderCopy } from './olderCopy.ts';

export interface BoardConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

const LOCAL_COPY_TIMEOUT_MS = 2_000;

function websocketBase(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ws`;
}

/** One local copy per board and person, so "Not you?" on a shared device starts clean. */
export function localCopyName(boardId: string, participantId: string): string {
  return `continuum:${boardId}:${participantId}`;
}

/** The local copy loaded, or given up on where the browser refuses storage. */
function localCopyLoaded(local: IndexeddbPersistence): Promise<unknown> {
  const refused = new Promise((resolve) => setTimeout(resolve, LOCAL_COPY_TIMEOUT_MS));
  return Promise.race([local.whenSynced, refused]);
}

/**
 * Empties this device's copy of the board without deleting its database: another tab of the same
 * person holds the database open, and deleting it would silently stop that tab's saving. A
 * database still opening (the device connected without waiting for it) is emptied once open,
 * after it has saved what the board held by then.
 */
async function emptyLocalCopy(local: IndexeddbPersistence): Promise<void> {
  await localCopyLoaded(local).catch(() => undefined);
  const db = local.db;
  if (!db) return;
  await new Promise<void>((resolve) => {
    try {
      const transaction = db.transaction(['updates'], 'readwrite');
      transaction.objectStore('updates').clear();
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => resolve();
      transaction.onabort = () => resolve();
    } catch {
      resolve(); // closed meanwhile (the page left the board): nothing more to empty here
    }
  });
}

export function useBoardConnection(
  boardId: string,
  participantId: string,
  role: Role,
  token: string,
  store: BoardStore,
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  // Bumped to start over with a fresh document after a refused write.
  const [generation, setGeneration] = useState(0);
  // Own placements carried from an older copy into the fresh one (localCopyUpgrade.ts).
  const carried = useRef<Uint8Array | null>(null);
  const upgraded = useRef(false);
  const audience = audienceOf(role);

  useEffect(() => {
    void generation;
    let disposed = false;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(localCopyName(boardId, participantId), doc);
    // Ours, handed to the provider, so the store is bound before the provider exists.
    const awareness = new Awareness(doc);
    const me: AwarenessState = { user: { participantId }, drag: null };
    awareness.setLocalState(me);
    const unbind = bindBoard(doc, awareness, store, audience);
    let provider: WebsocketProvider | null = null;
    // A closed tab leaves no ghost behind.
    const leave = () => awareness.setLocalState(null);
    const back = (event: PageTransitionEvent) => {
      if (event.persisted) awareness.setLocalState(me);
    };

    const retry = () => {
      if (!disposed) setGeneration((value) => value + 1);
    };

    const startOver = (notice: string) => {
      store.setState({ notice });
      void emptyLocalCopy(local).finally(() => {
        if (!disposed) setGeneration((value) => value + 1);
      });
    };

    const connect = () => {
      if (disposed) return;
      // Once only: where the device's storage cannot be emptied, go on rather than start over
      // for ever. The upgrade is loaded only by a device that holds such a copy.
      if (audience === 'view' && !upgraded.current && isOlderCopy(doc)) {
        upgraded.current = true;
        import('./localCopyUpgrade.ts').then(
          async ({ ownPartOfOlderCopy }) => {
            carried.current = ownPartOfOlderCopy(doc, participantId);
            await emptyLocalCopy(local);
            if (!disposed) setGeneration((value) => value + 1);
          },
          () => {
            // Offline, or this version's code gone after a redeploy: the older copy stays as it
            // is, to be upgraded by the next try: the new version (one reload), or back online.
            upgraded.current = false;
            if (disposed) return;
            if (!navigator.onLine) {
              store.setState({ status: 'offline' });
              window.addEventListener('online', retry, { once: true });
              return;
            }
            if (reloadOnceForMissingCode()) return;
            store.setState({
              status: 'error',
              notice: currentTranslator().t('pages.crash.reload'),
            });
          },
        );
        return;
      }
      if (carried.current !== null) {
        Y.applyUpdate(doc, carried.current, 'local');
        carried.current = null;
      }
      // Read again at each (re)connection: a device holding nothing is sent everything at once.
      const params: Record<string, string> = { token };
      const markFresh = () => {
        if (holdsNothing(doc)) params.fresh = '1';
        else delete params.fresh;
      };
      markFresh();
      const live = new WebsocketProvider(websocketBase(), boardId, doc, {
        params,
        awareness,
        WebSocketPolyfill: adoptingWebSocket(boardId, token),
        // Tabs of one browser sync through the server only, so each tab is checked on its own.
        disableBc: true,
      });
      provider = live;
      let everSynced = false;
      let retryNotice: string | null = null;
      live.on('status', ({ status }) => {
        if (status === 'connected') return; // "live" only once the first sync is done
        markFresh();
        const before = store.getState().status;
        if (before === 'error') return;
        store.setState({ status: everSynced ? 'offline' : 'connecting' });
        // Only this person's own connection is announced, once as it drops.
        if (before === 'synced') {
          announce(currentTranslator().t('server.announce.connectionLost'), 'polite');
        }
      });
      live.on('sync', (synced: boolean) => {
        if (!synced) return;
        const wasOffline = everSynced && store.getState().status !== 'synced';
        everSynced = true;
        // A "reconnecting…" notice has done its job once the board is live again.
        const { notice } = store.getState();
        store.setState({ status: 'synced', notice: notice === retryNotice ? null : notice });
        retryNotice = null;
        if (wasOffline) announce(currentTranslator().t('server.announce.reconnected'), 'polite');
      });
      // The provider reconnects by itself after most closes; 44xx ones end it ('closed').
      live.on('connection-close', (event) => {
        if (!event) return;
        const response = closeResponse(event.code, event.reason, currentTranslator());
        if (response.kind === 'retrying' && response.notice) {
          retryNotice = response.notice;
          store.setState({ notice: response.notice });
        }
      });
      live.on('closed', ({ code, reason }) => {
        const tr = currentTranslator();
        const response = closeResponse(code, reason, tr);
        switch (response.kind) {
          case 'start-over':
            announce(tr.t('server.announce.notSaved', { reason: response.refusal }), 'assertive');
            startOver(response.notice);
            return;
          case 'signed-out':
            if (response.forgetIdentity) {
              forgetIdentity(boardId);
              void emptyLocalCopy(local);
            }
            store.setState({
              status: 'error',
              notice: response.notice,
              ended:
                reason === CLOSES.boardDeleted.reason
                  ? 'deleted'
                  : reason === CLOSES.removed.reason
                    ? 'removed'
                    : null,
            });
            return;
          case 'stopped':
          case 'retrying':
            store.setState({ status: 'error', notice: response.notice });
            return;
          default:
            response satisfies never;
        }
      });
      setConnection({ doc, provider: live });
    };
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', back);

    if (earlySocketFoundNoCopy(boardId, token)) {
      // The early script found no copy on this device: there is nothing to load first, and
      // opening a new database can take a phone 0.1–0.2 s. Should a copy appear meanwhile
      // (another tab), what it holds is applied when it loads and sent like any change.
      connect();
    } else {
      // Where the browser refuses storage, the local copy never loads: go online without it.
      void localCopyLoaded(local).then(connect, connect);
    }

    return () => {
      disposed = true;
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', back);
      window.removeEventListener('online', retry);
      unbind();
      awareness.setLocalState(null);
      provider?.destroy();
      awareness.destroy();
      local.destroy();
      doc.destroy();
      setConnection(null);
    };
  }, [boardId, participantId, audience, token, store, generation]);

  return connection;
}

/** Nothing of the board yet: no local copy, nothing synced (the empty state vector). */
function holdsNothing(doc: Y.Doc): boolean {
  return doc.store.clients.size === 0;
}
