/** Where each card's axis and tray are on screen, registered by the rows for the drag logic. */
import { createContext } from 'react';
import type { TrackElements } from './dragGeometry.ts';

export const TrackRegistryContext = createContext<Map<string, TrackElements>>(new Map());
