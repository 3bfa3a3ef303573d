/**
 * Someone who opens a board that is already locked lands at its top, where the banner says why
 * nothing moves, rather than mid-page at the card the facilitator focused before locking. Set
 * from the store's first content, before the rows render and scroll to the focus.
 */
import type { BoardStore } from '../state/boardStore.ts';
import { setUi } from '../state/boardStore.ts';

export function stopFollowingWhenLocked(store: BoardStore): () => void {
  const unsubscribe = store.subscribe((state) => {
    if (state.meta === null) return;
    unsubscribe();
    if (state.control.phase === 'final') setUi(store, { following: false });
  });
  return unsubscribe;
}
