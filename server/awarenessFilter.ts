/**
 * Checks a client's awareness update before the room applies it. Wire format (y-protocols):
 *   varUint(count) { varUint(clientID) varUint(clock) varString(JSON state | "null") }*
 * An entry survives only if it speaks for the connection's own participant (its state names
 * that participant, or it is a removal of a client id this connection controls), so nobody can
 * appear as someone else or make someone else vanish. While the phase is `placing`, a drag's
 * position is stripped: a silent round leaks no position even from a client that sends one.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type AwarenessState, parseAwarenessState } from '../shared/awarenessState.ts';
import type { Phase } from '../shared/boardDoc.ts';

const MAX_ENTRIES = 16;

export interface FilteredAwareness {
  /** The re-encoded update holding the accepted entries; null when none survived. */
  update: Uint8Array | null;
  /** Client ids whose non-null state was accepted: this connection now controls them. */
  claimed: number[];
  /** Entries dropped for speaking for someone else or for being malformed. */
  dropped: number;
}

export function filterAwarenessUpdate(
  update: Uint8Array,
  participantId: string,
  controlled: ReadonlySet<number>,
  phase: Phase,
): FilteredAwareness {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_ENTRIES) throw new Error('too many awareness entries');
  const encoder = encoding.createEncoder();
  const accepted: { clientId: number; clock: number; json: string }[] = [];
  const claimed: number[] = [];
  let dropped = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    const raw: unknown = JSON.parse(json);
    if (raw === null) {
      if (controlled.has(clientId)) accepted.push({ clientId, clock, json });
      else dropped++;
      continue;
    }
    const state = parseAwarenessState(raw);
    if (state === null || state.user.participantId !== participantId) {
      dropped++;
      continue;
    }
    // Re-serialise the parsed state so only known, validated fields travel on.
    accepted.push({ clientId, clock, json: JSON.stringify(withoutSilentPosition(state, phase)) });
    claimed.push(clientId);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  if (accepted.length === 0) return { update: null, claimed, dropped };
  encoding.writeVarUint(encoder, accepted.length);
  for (const entry of accepted) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return { update: encoding.toUint8Array(encoder), claimed, dropped };
}

function withoutSilentPosition(state: AwarenessState, phase: Phase): AwarenessState {
  if (phase !== 'placing' || state.drag === null) return state;
  return { user: state.user, drag: { cardId: state.drag.cardId } };
}
