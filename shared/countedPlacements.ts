/**
 * Which placements count: participants (proxies included) who are not removed, with a placement
 * written in the card's current round. The facilitator and observers never count. Pure.
 */
import type { Participant, Placement } from './boardDoc.ts';

export function isCounted(participant: Participant | undefined): boolean {
  return participant !== undefined && participant.role === 'participant' && !participant.removed;
}

export interface CountedPlacement {
  participantId: string;
  placement: Placement;
}

/** The placements of one card that count now, in a stable order (by participant id). */
export function countedPlacements(
  byParticipant: Readonly<Record<string, Placement>> | undefined,
  participants: Readonly<Record<string, Participant>>,
  round: number,
): CountedPlacement[] {
  if (!byParticipant) return [];
  return Object.entries(byParticipant)
    .filter(([id, placement]) => isCounted(participants[id]) && placement.round === round)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([participantId, placement]) => ({ participantId, placement }));
}

/** The participants who count on the board now (for "9 of 12"). */
export function countedParticipantIds(
  participants: Readonly<Record<string, Participant>>,
): string[] {
  return Object.keys(participants).filter((id) => isCounted(participants[id]));
}
