/**
 * Whether a client's document update may be stored and applied: one verdict per update.
 *
 * An update is refused when it breaks the write rules (shared/writeRules.ts, which also refuses
 * empty structs on clocks the room lacks), when it carries structs under a Yjs client id that
 * belongs to another participant (clientIdOwnership.ts), when its writer brings new client ids
 * faster than its limit, or when it would take the board's stored log past its budget.
 *
 * Only what the room does not have yet is accepted: a reconnecting client's sync repeats a lot.
 * Structs the room has are cut, and so are deletes of what is deleted already
 * (every sync step 2 repeats the document's whole delete set): an update with nothing left is
 * dropped, neither stored nor sent.
 */
import * as Y from 'yjs';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_MALFORMED, CLOSES } from '../../shared/closeCodes.ts';
import { filterUpdate, structlessDeletes } from '../../shared/updateFilter.ts';
import { type ClockRange, mergeClockRanges } from '../../shared/updateResolver.ts';
import { checkUpdate, WRITE_REJECTIONS, type Writer } from '../../shared/writeRules.ts';
import type { Limits } from '../config.ts';
import { type ClientIdOwnership, NewClientIds, ownerKey } from './clientIdOwnership.ts';

/** An empty update: no structs, no deletes. */
const EMPTY_UPDATE_LENGTH = 2;

/**
 * A writer whose socket layer limits the new client ids it brings (connection.ts); a writer
 * without a limit (a test's) brings any number.
 */
export interface GateWriter extends Writer {
  readonly newClientIdLimit?: Limits['newClientIds'];
}

export type UpdateVerdict =
  /** Store and apply `update` (what the room lacks), then `admit` it. */
  | {
      kind: 'accept';
      update: Uint8Array;
      writtenUnder: number[];
      owner: string;
      participantId: string;
      /** The client ids it writes under for the first time on this board. */
      newClientIds: number[];
    }
  /** Nothing to do: nothing new, or a write the client's coming sync step 2 carries too. */
  | { kind: 'skip' }
  /** The stored log has no room for it: compact and judge again, or refuse (board full). */
  | { kind: 'over-budget' }
  /** Close the writer's socket with this code and reason. */
  | { kind: 'refuse'; code: number; reason: string };

const SKIP: UpdateVerdict = { kind: 'skip' };
const OVER_BUDGET: UpdateVerdict = { kind: 'over-budget' };

export class WriteGate {
  private readonly newClientIds = new NewClientIds();

  constructor(
    private readonly doc: Y.Doc,
    private readonly clientIds: ClientIdOwnership,
    /** Whether the stored log may grow by this many bytes as it is. */
    private readonly fitsBudget: (bytes: number) => boolean,
  ) {}

  /** `caughtUp`: the writer's sync step 2 has arrived. */
  judge(writer: GateWriter, update: Uint8Array, caughtUp: boolean): UpdateVerdict {
    if (this.deletesNothingNew(update)) return SKIP;
    const owner = ownerKey(writer.participantId, writer.role);
    const checked = checkUpdate(this.doc, update, writer);
    if (!checked.ok) {
      // Empty structs under someone else's id: that they are not theirs says more.
      if (
        checked.reason === WRITE_REJECTIONS.contentless &&
        this.clientIds.foreignAmong(this.extendedClients(update), owner) !== null
      ) {
        return { kind: 'refuse', ...CLOSES.foreignClientId };
      }
      // A client that reconnects may send a new write before its step 2, which carries the
      // writes the room lost (a crash, a dropped socket): the step 2 will carry this one too.
      if (checked.reason === WRITE_REJECTIONS.missing && !caughtUp) return SKIP;
      const code = checked.malformed ? CLOSE_MALFORMED : CLOSE_FORBIDDEN_WRITE;
      return { kind: 'refuse', code, reason: checked.reason };
    }
    const fresh = filterUpdate(update, {
      from: (client) => Y.getState(this.doc.store, client),
      deleteRange: (client, clock, len) => undeletedParts(this.doc, client, clock, len),
    });
    if (fresh.length <= EMPTY_UPDATE_LENGTH) return SKIP;
    const writtenUnder = [...Y.parseUpdateMeta(fresh).to.keys()];
    if (this.clientIds.foreignAmong(writtenUnder, owner) !== null) {
      return { kind: 'refuse', ...CLOSES.foreignClientId };
    }
    // Every page load is a new client id, and each one stays in the document for good.
    const newClientIds = writtenUnder.filter((id) => Y.getState(this.doc.store, id) === 0);
    const limit = writer.newClientIdLimit;
    if (limit && !this.newClientIds.allows(writer.participantId, newClientIds.length, limit)) {
      return { kind: 'refuse', ...CLOSES.tooManyClientIds };
    }
    if (!this.fitsBudget(fresh.length)) return OVER_BUDGET;
    const { participantId } = writer;
    return { kind: 'accept', update: fresh, writtenUnder, owner, participantId, newClientIds };
  }

  /**
   * Whether an update holds only deletes of what the room has deleted already: most of a
   * reconnecting client's step 2s, and a cheap flood. Read without Yjs, so it costs little more
   * than its bytes; anything else (structs, deletes of clocks the room lacks) goes the long way.
   */
  private deletesNothingNew(update: Uint8Array): boolean {
    let deletes: Map<number, ClockRange[]> | null;
    try {
      deletes = structlessDeletes(update);
    } catch {
      return false; // the write rules call it unreadable
    }
    if (deletes === null) return false;
    for (const [client, ranges] of deletes) {
      const state = Y.getState(this.doc.store, client);
      for (const { clock, len } of mergeClockRanges(ranges)) {
        if (clock + len > state) return false;
        if (undeletedParts(this.doc, client, clock, len).length > 0) return false;
      }
    }
    return true;
  }

  /** The client ids an update has structs of beyond the room's state; none if unreadable. */
  private extendedClients(update: Uint8Array): number[] {
    try {
      const { to } = Y.parseUpdateMeta(update);
      return [...to]
        .filter(([client, end]) => end > Y.getState(this.doc.store, client))
        .map(([client]) => client);
    } catch {
      return []; // the write rules call it unreadable
    }
  }

  /** Records who wrote an accepted update, once it is stored. */
  admit(verdict: Extract<UpdateVerdict, { kind: 'accept' }>): void {
    this.clientIds.claim(verdict.writtenUnder, verdict.owner);
    this.newClientIds.record(verdict.participantId, verdict.newClientIds.length);
  }
}

/**
 * The parts of a delete range that delete something the document still shows: items it holds
 * undeleted, and clocks past its state (the update's own new structs; the write rules refused
 * deletes of clocks neither has). Already-deleted items and GC are no-ops.
 */
function undeletedParts(doc: Y.Doc, client: number, clock: number, len: number): ClockRange[] {
  const end = clock + len;
  const state = Y.getState(doc.store, client);
  const parts: ClockRange[] = [];
  const structs = doc.store.clients.get(client);
  if (structs !== undefined && clock < state) {
    const stop = Math.min(end, state);
    for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
      const struct = structs[i];
      if (struct === undefined || struct.id.clock >= stop) break;
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      const from = Math.max(clock, struct.id.clock);
      parts.push({ clock: from, len: Math.min(stop, struct.id.clock + struct.length) - from });
    }
  }
  if (end > state) parts.push({ clock: Math.max(clock, state), len: end - Math.max(clock, state) });
  return parts;
}
