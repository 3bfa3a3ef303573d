/**
 * The board's read-model: derived from the Y.Doc and the awareness (by bindBoard.ts), never
 * written by components. Slices keep their identity when unchanged so a component selecting one
 * card re-renders only when that card changes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  type BoardMeta,
  type Control,
  type FinalPosition,
  INITIAL_CONTROL,
  type Participant,
  type Placement,
} from '../../shared/boardDoc.ts';

export type ConnectionStatus = 'connecting' | 'synced' | 'offline' | 'error';

export interface RemoteDrag {
  participantId: string;
  /** Absent while placing is silent. */
  x?: number;
}

export interface BoardState {
  status: ConnectionStatus;
  /** Why the connection ended or a write was refused, for the banner. */
  notice: string | null;
  meta: BoardMeta | null;
  control: Control;
  participants: Readonly<Record<string, Participant>>;
  /** cardId → participantId → that participant's placement of the card. */
  placements: Readonly<Record<string, Readonly<Record<string, Placement>>>>;
  final: Readonly<Record<string, FinalPosition>>;
  /** Participant ids with at least one open connection (from awareness), in join order. */
  online: readonly string[];
  /** cardId → others dragging that card right now. */
  drags: Readonly<Record<string, readonly RemoteDrag[]>>;
}

export type BoardStore = StoreApi<BoardState>;

export function createBoardStore(): BoardStore {
  return createStore<BoardState>(() => ({
    status: 'connecting',
    notice: null,
    meta: null,
    control: INITIAL_CONTROL,
    participants: {},
    placements: {},
    final: {},
    online: [],
    drags: {},
  }));
}
