/**
 * Where the room is in the open round, in counts rather than faces: "27 here · 21 finished ·
 * 6 placing". Pure, so the facilitator's screen, the participants' and the wall count alike.
 *
 * - *here*: a live connection, or one closed less than two minutes ago (phones lock); proxies
 *   (people the facilitator places for) are never here.
 * - *finished*: every card of the open round's list (`control.roundCardIds`, or every card)
 *   placed in this round, whether here or not; proxies count.
 * - *placing*: here and not finished.
 */
import type { Participant } from './boardDoc.ts';
import { isCounted } from './countedPlacements.ts';

/** A connection closed this recently still counts as here: a phone whose screen locked. */
export const RECENTLY_HERE_MS = 2 * 60_000;

export interface NotFinished {
  participantId: string;
  /** Cards of the round placed so far. */
  placed: number;
  here: boolean;
}

export interface RoomProgress {
  /** People who count: participants and proxies, not facilitators, observers or removed people. */
  total: number;
  /** Cards in the open round. */
  roundSize: number;
  here: number;
  finished: number;
  placing: number;
  /** Counted people who have not finished, most cards placed first, then in join order. */
  notFinished: readonly NotFinished[];
}

export function roomProgress(input: {
  /** participantId → entry, in join order. */
  participants: Readonly<Record<string, Participant>>;
  /** Participants with a live or recently closed connection. */
  here: ReadonlySet<string>;
  /** participantId → cards of the open round placed in this round. */
  roundPlaced: Readonly<Record<string, number>>;
  roundSize: number;
}): RoomProgress {
  const { participants, roundPlaced, roundSize } = input;
  let total = 0;
  let here = 0;
  let finished = 0;
  let placing = 0;
  const notFinished: NotFinished[] = [];
  for (const [participantId, participant] of Object.entries(participants)) {
    if (!isCounted(participant)) continue;
    total += 1;
    const present = !participant.proxy && input.here.has(participantId);
    const placed = roundPlaced[participantId] ?? 0;
    const done = roundSize > 0 && placed >= roundSize;
    if (present) here += 1;
    if (done) finished += 1;
    else {
      if (present) placing += 1;
      notFinished.push({ participantId, placed, here: present });
    }
  }
  notFinished.sort((a, b) => b.placed - a.placed);
  return { total, roundSize, here, finished, placing, notFinished };
}
