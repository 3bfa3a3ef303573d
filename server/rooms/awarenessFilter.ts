/**
 * Checks a client's awareness update before the room applies it. Wire format (y-protocols):
 *   varUint(count) { varUint(clientID) varUint(clock) varString(JSON state | "null") }*
 * An entry survives only if it speaks for the connection's own participant (its state names
 * that participant, or it is a removal of a client id this connection controls), so nobody can
 * appear as someone else or make someone else vanish. While the phase is `placing`, a drag's
 * position is stripped: a silent round leaks no position even from a client that sends one, and
 * when placing opens, the positions already held in stored drags are dropped too.
 *
 * The stock provider echoes every awareness change it receives back to the server, so most
 * entries are states the room already holds at that clock: those are skipped unread and do not
 * count against the client's message rate (their bytes do, beyond what the client was sent:
 * connection.ts). Only the few entries left are parsed. A count larger than the bytes could
 * hold is refused before any entry is read.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type AwarenessState, parseAwarenessState } from '../../shared/awarenessState.ts';
import type { Phase } from '../../shared/boardDoc.ts';

/** A client speaks for one awareness id; a few more allow for tabs sharing a connection. */
const MAX_PARSED_ENTRIES = 16;
/** A state is an id and a drag: well under this. */
const MAX_STATE_JSON_LENGTH = 1024;
const NULL_STATE = 'null';
/** An entry is at least a client id, a clock and a string length, of a byte each. */
const MIN_ENTRY_BYTES = 3;
const textDecoder = new TextDecoder();

export interface AwarenessContext {
  participantId: string;
  /** The awareness client ids this connection speaks for. */
  controlled: ReadonlySet<number>;
  /** The clock the room holds for a client id, if any. */
  knownClock(clientId: number): number | undefined;
  phase: Phase;
}

export interface FilteredAwareness {
  /** The re-encoded update holding the accepted entries; null when none survived. */
  update: Uint8Array | null;
  /** Client ids whose non-null state was accepted: this connection now controls them. */
  claimed: number[];
  /** Whether the update carried anything besides echoes of what the room holds. */
  news: boolean;
}

export function filterAwarenessUpdate(
  update: Uint8Array,
  context: AwarenessContext,
): FilteredAwareness {
  const { participantId, controlled, phase } = context;
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count * MIN_ENTRY_BYTES > update.length - decoder.pos) {
    throw new Error('more awareness entries than the message could hold');
  }
  const accepted: { clientId: number; clock: number; json: string }[] = [];
  const claimed: number[] = [];
  let parsed = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // A view of the state's bytes: an echo is skipped without decoding its text.
    const bytes = decoding.readVarUint8Array(decoder);
    const own = controlled.has(clientId);
    const isNull = bytes.length === NULL_STATE.length && textDecoder.decode(bytes) === NULL_STATE;
    if (isNull) {
      if (own) accepted.push({ clientId, clock, json: NULL_STATE });
      continue;
    }
    if (!own && clock <= (context.knownClock(clientId) ?? -1)) continue; // an echo
    parsed += 1;
    if (parsed > MAX_PARSED_ENTRIES) throw new Error('too many awareness entries');
    // A UTF-16 unit of the text is at most three bytes of UTF-8.
    if (bytes.length > MAX_STATE_JSON_LENGTH * 4) throw new Error('awareness state too large');
    const json = textDecoder.decode(bytes);
    if (json.length > MAX_STATE_JSON_LENGTH) throw new Error('awareness state too large');
    const raw: unknown = JSON.parse(json);
    if (raw === null) {
      if (own) accepted.push({ clientId, clock, json: NULL_STATE });
      continue;
    }
    const state = parseAwarenessState(raw);
    if (state === null || state.user.participantId !== participantId) continue;
    // Re-serialise the parsed state so only known, validated fields travel on.
    accepted.push({ clientId, clock, json: JSON.stringify(withoutSilentPosition(state, phase)) });
    claimed.push(clientId);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  const news = parsed > 0 || accepted.length > 0;
  if (accepted.length === 0) return { update: null, claimed, news };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, accepted.length);
  for (const entry of accepted) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return { update: encoding.toUint8Array(encoder), claimed, news };
}

/**
 * Drops the positions of the drags a room holds when placing opens, so a newcomer is not sent
 * where someone was dragging a moment ago. The states keep their clocks: the dragging client's
 * next update (clock + 1) must still be accepted, and those who saw the position had seen it
 * while it was allowed.
 */
export function silenceStoredDrags(states: Map<number, Record<string, unknown>>): void {
  for (const [clientId, raw] of states) {
    const state = parseAwarenessState(raw);
    if (state?.drag?.x === undefined) continue;
    states.set(clientId, { ...withoutSilentPosition(state, 'placing') });
  }
}

function withoutSilentPosition(state: AwarenessState, phase: Phase): AwarenessState {
  if (phase !== 'placing' || state.drag === null) return state;
  return { user: state.user, drag: { cardId: state.drag.cardId } };
}
