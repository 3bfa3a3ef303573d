/**
 * Whether a client's document update may be stored and applied: one verdict per update.
 *
 * An update is refused when it breaks the write rules (shared/writeRules.ts), when it carries
 * structs under a Yjs client id that belongs to another participant (clientIdOwnership.ts), or
 * when it would take the board's stored log past its budget. Only what the room does not have
 * yet is accepted: a reconnecting client's sync repeats a lot.
 */
import * as Y from 'yjs';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_MALFORMED, CLOSES } from '../../shared/closeCodes.ts';
import { checkUpdate, WRITE_REJECTIONS, type Writer } from '../../shared/writeRules.ts';
import { type ClientIdOwnership, ownerKey } from './clientIdOwnership.ts';

/** An empty update: no structs, no deletes. */
const EMPTY_UPDATE_LENGTH = 2;

export type UpdateVerdict =
  /** Store and apply `update` (what the room lacks), then `admit` it. */
  | { kind: 'accept'; update: Uint8Array; writtenUnder: number[]; owner: string }
  /** Nothing to do: nothing new, or a write the client's coming sync step 2 carries too. */
  | { kind: 'skip' }
  /** The stored log has no room for it: compact and judge again, or refuse (board full). */
  | { kind: 'over-budget' }
  /** Close the writer's socket with this code and reason. */
  | { kind: 'refuse'; code: number; reason: string };

const SKIP: UpdateVerdict = { kind: 'skip' };
const OVER_BUDGET: UpdateVerdict = { kind: 'over-budget' };

export class WriteGate {
  constructor(
    private readonly doc: Y.Doc,
    private readonly clientIds: ClientIdOwnership,
    /** Whether the stored log may grow by this many bytes as it is. */
    private readonly fitsBudget: (bytes: number) => boolean,
  ) {}

  /** `caughtUp`: the writer's sync step 2 has arrived. */
  judge(writer: Writer, update: Uint8Array, caughtUp: boolean): UpdateVerdict {
    const checked = checkUpdate(this.doc, update, writer);
    if (!checked.ok) {
      // A client that reconnects may send a new write before its step 2, which carries the
      // writes the room lost (a crash, a dropped socket): the step 2 will carry this one too.
      if (checked.reason === WRITE_REJECTIONS.missing && !caughtUp) return SKIP;
      const code = checked.malformed ? CLOSE_MALFORMED : CLOSE_FORBIDDEN_WRITE;
      return { kind: 'refuse', code, reason: checked.reason };
    }
    const fresh = Y.diffUpdate(update, Y.encodeStateVector(this.doc));
    if (fresh.length <= EMPTY_UPDATE_LENGTH) return SKIP;
    const writtenUnder = [...Y.parseUpdateMeta(fresh).to.keys()];
    const owner = ownerKey(writer.participantId, writer.role);
    if (this.clientIds.foreignAmong(writtenUnder, owner) !== null) {
      return { kind: 'refuse', ...CLOSES.foreignClientId };
    }
    if (!this.fitsBudget(fresh.length)) return OVER_BUDGET;
    return { kind: 'accept', update: fresh, writtenUnder, owner };
  }

  /** Records who wrote an accepted update, once it is stored. */
  admit(verdict: Extract<UpdateVerdict, { kind: 'accept' }>): void {
    this.clientIds.claim(verdict.writtenUnder, verdict.owner);
  }
}
