/**
 * Whether the projector shows the join QR code and code: only while joining is open, and not
 * when someone in the room hid it (remembered per board for this tab, so a reload keeps it).
 */
import { useCallback, useState } from 'react';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

function storageKey(boardId: string): string {
  return `continuum:projector-join-hidden:${boardId}`;
}

function readHidden(boardId: string): boolean {
  try {
    return window.sessionStorage.getItem(storageKey(boardId)) === '1';
  } catch {
    return false;
  }
}

export function useJoinPanel(): { joinOpen: boolean; shown: boolean; toggle: () => void } {
  const { boardId } = useBoardContext();
  const joinOpen = useBoard((state) => state.control.joinOpen);
  const [hidden, setHidden] = useState(() => readHidden(boardId));
  const toggle = useCallback(() => {
    setHidden((was) => {
      const next = !was;
      try {
        if (next) window.sessionStorage.setItem(storageKey(boardId), '1');
        else window.sessionStorage.removeItem(storageKey(boardId));
      } catch {
        // Storage refused (private mode): the choice lasts until reload.
      }
      return next;
    });
  }, [boardId]);
  return { joinOpen, shown: joinOpen && !hidden, toggle };
}
