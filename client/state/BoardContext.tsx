/** The board's store, actions and the viewer's identity, for the components below the page. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { BoardIdentity } from '../identity.ts';
import type { BoardActions } from './boardActions.ts';
import type { BoardState, BoardStore } from './boardStore.ts';

export interface BoardContextValue {
  boardId: string;
  store: BoardStore;
  actions: BoardActions;
  me: BoardIdentity;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoardContext outside a board');
  return value;
}

/** Selects a narrow slice of the board's read-model. */
export function useBoard<T>(selector: (state: BoardState) => T): T {
  return useStore(useBoardContext().store, selector);
}
