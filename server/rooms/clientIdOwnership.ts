/**
 * Who may write structs under a Yjs client id on one board. Yjs trusts ids: a struct written
 * under someone else's client id at a clock they have not reached yet (a tiny GC struct will
 * do) makes every replica skip their real write at that id later. So each client id belongs to
 * the participant who first used it (in the document or in awareness), and an update carrying
 * structs under another owner's id is refused.
 *
 * Owners are participants, except that all facilitators of a board are one owner (they share
 * `control`, `final`, `rounds` and the proxies' roots), and the server's own ids belong to the
 * server. The map is derived from the stored document when a room loads, so it survives a crash
 * without a table of its own: every stored item's root says who wrote it.
 */
import * as Y from 'yjs';
import { type Role, readParticipant, rootKind } from '../../shared/boardDoc.ts';
import { rootWriter } from '../../shared/rootWriters.ts';
import { unreachable } from '../../shared/unreachable.ts';

/** Owner keys contain '#', which participant ids never do. */
export const SERVER_OWNER = '#server';
const FACILITATORS_OWNER = '#facilitators';
/** An id found under two owners in the stored document: nobody may extend it. */
const CONTESTED = '#contested';

/** The owner a connection writes as. */
export function ownerKey(participantId: string, role: Role): string {
  return role === 'facilitator' ? FACILITATORS_OWNER : participantId;
}

export class ClientIdOwnership {
  private readonly owners = new Map<number, string>();

  /** The owners of every client id that wrote the stored document. */
  static fromDoc(doc: Y.Doc): ClientIdOwnership {
    const ownership = new ClientIdOwnership();
    const rootNames = new Map<unknown, string>();
    for (const [name, type] of doc.share) rootNames.set(type, name);
    const ownerOfRoot = new Map<string, string | null>();
    for (const [clientId, structs] of doc.store.clients) {
      let owner: string | null = null;
      for (const struct of structs) {
        if (!(struct instanceof Y.Item)) continue; // collected: no parent left to tell
        const root = rootNameOfItem(struct, rootNames);
        if (root === null) continue;
        let rootOwner = ownerOfRoot.get(root);
        if (rootOwner === undefined) {
          rootOwner = writerOfRoot(doc, root);
          ownerOfRoot.set(root, rootOwner);
        }
        if (rootOwner === null || rootOwner === owner) continue;
        if (rootOwner === SERVER_OWNER) {
          owner = SERVER_OWNER;
          break;
        }
        owner = owner === null ? rootOwner : CONTESTED;
      }
      if (owner !== null) ownership.owners.set(clientId, owner);
    }
    return ownership;
  }

  /** A client id among `clientIds` that belongs to someone other than `owner`, or null. */
  foreignAmong(clientIds: Iterable<number>, owner: string): number | null {
    for (const clientId of clientIds) {
      const current = this.owners.get(clientId);
      if (current !== undefined && current !== owner) return clientId;
    }
    return null;
  }

  /** Who owns `clientId` (ownerKey, SERVER_OWNER), if anyone does yet. */
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /** Gives every unowned id of `clientIds` to `owner` (after foreignAmong found none). */
  claim(clientIds: Iterable<number>, owner: string): void {
    for (const clientId of clientIds) {
      if (!this.owners.has(clientId)) this.owners.set(clientId, owner);
    }
  }
}

/** The root an item lives under, climbing out of nested types. */
function rootNameOfItem(item: Y.Item, rootNames: ReadonlyMap<unknown, string>): string | null {
  let top = item;
  for (;;) {
    const parent: unknown = top.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    const holder = parent._item;
    if (holder === null) return rootNames.get(parent) ?? null;
    top = holder;
  }
}

/** Who writes a root (docs/design.md "Who may write what"); null for a root nobody may write. */
function writerOfRoot(doc: Y.Doc, root: string): string | null {
  const writer = rootWriter(rootKind(root));
  switch (writer.by) {
    case 'server':
      return SERVER_OWNER;
    case 'facilitators':
      return FACILITATORS_OWNER;
    case 'placer': {
      const { participantId } = writer;
      // A proxy has no token: a facilitator places their cards.
      return readParticipant(doc, participantId)?.proxy === true
        ? FACILITATORS_OWNER
        : participantId;
    }
    case 'nobody':
      return null;
    default:
      return unreachable(writer);
  }
}

/**
 * How many client ids each participant wrote under for the first time lately. Every page load
 * is a new id, and each one stays in the document (and its state vector) for good: a client
 * that invents ids without end would grow every sync. Only ids that wrote count; presence
 * alone costs nothing stored.
 */
export class NewClientIds {
  /** Per participant, the times of their new ids, oldest first. */
  private readonly times = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether `participantId` may bring `count` more new ids within `limit`. */
  allows(participantId: string, count: number, limit: { max: number; windowMs: number }): boolean {
    if (count === 0) return true;
    return this.recent(participantId, limit.windowMs).length + count <= limit.max;
  }

  record(participantId: string, count: number): void {
    if (count === 0) return;
    const times = this.times.get(participantId) ?? [];
    for (let i = 0; i < count; i++) times.push(this.now());
    this.times.set(participantId, times);
  }

  private recent(participantId: string, windowMs: number): number[] {
    const cutoff = this.now() - windowMs;
    const recent = (this.times.get(participantId) ?? []).filter((time) => time > cutoff);
    if (recent.length === 0) this.times.delete(participantId);
    else this.times.set(participantId, recent);
    return recent;
  }
}
