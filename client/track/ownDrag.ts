/**
 * Where this screen's own chip is while it is being dragged (null: over the tray), so the chip's
 * value text follows every keyboard step before the drop writes it.
 */
import { create } from 'zustand';

interface OwnDrag {
  cardId: string | null;
  position: number | null;
}

export const useOwnDragStore = create<OwnDrag>(() => ({ cardId: null, position: null }));

export function ownDragMoved(cardId: string, position: number | null): void {
  useOwnDragStore.setState({ cardId, position });
}

export function ownDragEnded(): void {
  useOwnDragStore.setState({ cardId: null, position: null });
}

/** The live position of this card's chip while dragged here, or undefined when it is not. */
export function useOwnDragPosition(cardId: string): number | null | undefined {
  return useOwnDragStore((state) => (state.cardId === cardId ? state.position : undefined));
}
