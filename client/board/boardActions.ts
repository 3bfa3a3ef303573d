/**
 * What a person can do on the board, as writes to the Y.Doc (committed positions) or to the
 * awareness (live dragging). Components call these; they never write the store.
 */
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { AwarenessState } from '../../shared/awarenessState.ts';
import {
  clearPlacement,
  readControl,
  readPlacement,
  roundPosition,
  setPlacement,
} from '../../shared/boardDoc.ts';

/** Live drag positions travel at most this often (DESIGN.md: ≤ 30 updates a second). */
const DRAG_INTERVAL_MS = 1000 / 30;

export interface BoardActions {
  place(cardId: string, x: number): void;
  unplace(cardId: string): void;
  /** Shows others where this card is while it moves; null x while placing is silent. */
  dragging(cardId: string, x: number | null): void;
  dragEnded(): void;
}

export function createBoardActions(
  doc: Y.Doc,
  provider: WebsocketProvider,
  participantId: string,
): BoardActions {
  let lastSent = 0;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  let latest: AwarenessState['drag'] = null;

  const publish = () => {
    trailing = null;
    lastSent = performance.now();
    provider.awareness.setLocalStateField('drag', latest);
  };

  return {
    place(cardId, x) {
      const previous = readPlacement(doc, participantId, cardId);
      setPlacement(
        doc,
        participantId,
        cardId,
        {
          x: roundPosition(x),
          round: readControl(doc).round,
          at: Date.now(),
          ...(previous?.reason ? { reason: previous.reason } : {}),
        },
        'local',
      );
    },
    unplace(cardId) {
      clearPlacement(doc, participantId, cardId, 'local');
    },
    dragging(cardId, x) {
      latest = x === null ? { cardId } : { cardId, x: roundPosition(x) };
      const wait = DRAG_INTERVAL_MS - (performance.now() - lastSent);
      if (wait <= 0) publish();
      else trailing ??= setTimeout(publish, wait);
    },
    dragEnded() {
      if (trailing) clearTimeout(trailing);
      trailing = null;
      latest = null;
      provider.awareness.setLocalStateField('drag', null);
    },
  };
}
