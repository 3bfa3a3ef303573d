/** Where each card's axis and tray are on screen, registered by the rows for the drag logic. */
import { createContext, useCallback, useContext, useRef } from 'react';
import type { TrackElements } from './dragGeometry.ts';

export const TrackRegistryContext = createContext<Map<string, TrackElements>>(new Map());

/** Registers a row's axis and tray (as ref callbacks) so the drag logic can measure them. */
export function useTrackRegistration(cardId: string) {
  const registry = useContext(TrackRegistryContext);
  const axis = useRef<HTMLDivElement | null>(null);
  const tray = useRef<HTMLDivElement | null>(null);
  const register = useCallback(() => {
    if (axis.current && tray.current)
      registry.set(cardId, { axis: axis.current, tray: tray.current });
    else registry.delete(cardId);
  }, [registry, cardId]);
  const setAxis = useCallback(
    (element: HTMLDivElement | null) => {
      axis.current = element;
      register();
    },
    [register],
  );
  const setTray = useCallback(
    (element: HTMLDivElement | null) => {
      tray.current = element;
      register();
    },
    [register],
  );
  return { setAxis, setTray };
}
