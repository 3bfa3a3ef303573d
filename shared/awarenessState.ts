/**
 * The awareness state a client publishes: who it is (an id only: names, roles and colours are
 * read from `participants`, never from awareness) and the card it is dragging, if any.
 * While the phase is `placing`, a drag carries no `x` so a silent round leaks no position.
 */
import { isPosition } from './boardDoc.ts';

export interface DragState {
  cardId: string;
  x?: number;
}

export interface AwarenessState {
  user: { participantId: string };
  drag: DragState | null;
}

const MAX_ID_LENGTH = 64;

export function parseAwarenessState(value: unknown): AwarenessState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { user, drag } = value as Record<string, unknown>;
  if (typeof user !== 'object' || user === null) return null;
  const participantId = (user as Record<string, unknown>).participantId;
  if (typeof participantId !== 'string' || participantId.length > MAX_ID_LENGTH) return null;
  return { user: { participantId }, drag: parseDrag(drag) };
}

function parseDrag(value: unknown): DragState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { cardId, x } = value as Record<string, unknown>;
  if (typeof cardId !== 'string' || cardId.length > MAX_ID_LENGTH) return null;
  return isPosition(x) ? { cardId, x } : { cardId };
}
