/**
 * Which root, and which key under it, each struct of a Yjs update lands in: the resolution the
 * write check (writeRules.ts) judges. Pure: a Y.Doc and bytes in, the writes out; it reads the
 * document and never writes to it.
 *
 * Besides reading, it refuses updates that Yjs could not apply at once. Yjs keeps such parts
 * "pending" and integrates them later, when the missing pieces arrive: they would then land in a
 * later phase, or delete someone else's future writes, without ever being checked.
 */
import { createDecoder, readVarUint } from 'lib0/decoding';
import * as Y from 'yjs';
import { rootNameOf } from './boardDoc.ts';

/** What a write touches, after resolution: the root, and the key directly under the root. */
export interface WriteTarget {
  root: string;
  /** The map key under the root (for writes inside nested types, the key that holds them). */
  key: string | null;
  kind: 'insert' | 'delete';
}

type UpdateStruct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

interface Location {
  root: string;
  key: string | null;
  nested: boolean;
}

/** Yjs integrates an item whose neighbour or parent was garbage-collected as a GC struct. */
const COLLECTED = 'collected';
type Resolution = Location | typeof COLLECTED;

/** A struct an update refers to, in the room's document or in the update itself. */
interface Ref {
  struct: Y.Item | Y.GC;
  inUpdate: boolean;
}

export interface ResolvedWrite {
  target: WriteTarget;
  nested: boolean;
  /** The inserted item (null for deletes), for value checks. */
  item: Y.Item | null;
}

/**
 * Why an update cannot be judged: `unreadable` (malformed: it could not be read at all),
 * `missing` (it depends on changes the document does not have yet) or `contentless` (it takes
 * clocks the document does not have with structs that hold nothing: GC, Skip, or an item Yjs
 * would integrate as GC). No honest client sends those: they would only occupy clocks, stored
 * and sent to everyone, past every write rule.
 */
export type ResolutionFailure = 'unreadable' | 'missing' | 'contentless';

export type Resolved = { writes: ResolvedWrite[] } | { failure: ResolutionFailure };

class Rejection extends Error {
  constructor(readonly failure: ResolutionFailure) {
    super(failure);
  }
}

const unreadable = (): Rejection => new Rejection('unreadable');
const missing = (): Rejection => new Rejection('missing');
const contentless = (): Rejection => new Rejection('contentless');

/** A run of clocks of one client: a delete range. */
export interface ClockRange {
  clock: number;
  len: number;
}

/**
 * Ranges sorted by clock, overlapping and touching ones merged, empty ones dropped: an update
 * may repeat a range any number of times, and each clock should be looked at once.
 */
export function mergeClockRanges(ranges: readonly ClockRange[]): ClockRange[] {
  const sorted = ranges.filter((range) => range.len > 0).sort((a, b) => a.clock - b.clock);
  const merged: ClockRange[] = [];
  for (const { clock, len } of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && clock <= last.clock + last.len) {
      last.len = Math.max(last.len, clock + len - last.clock);
    } else {
      merged.push({ clock, len });
    }
  }
  return merged;
}

/** Root and top-level key of an item that is already in the document. */
function locateDocItem(doc: Y.Doc, item: Y.Item): Location {
  let top = item;
  let nested = false;
  for (;;) {
    const parent = top.parent;
    if (!(parent instanceof Y.AbstractType)) throw unreadable();
    const holder = parent._item;
    if (holder === null) {
      const root = rootNameOf(doc, parent);
      if (root === null) throw unreadable();
      return { root, key: top.parentSub, nested };
    }
    top = holder;
    nested = true;
  }
}

/** Index of the struct covering `clock` in a clock-sorted, contiguous list, or -1. */
function indexCovering(structs: readonly UpdateStruct[], clock: number): number {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = structs[mid];
    if (struct === undefined) return -1;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return mid;
  }
  return -1;
}

class UpdateResolver {
  /** The update's structs per client, in clock order (checked to be one contiguous run each). */
  private readonly byClient = new Map<number, UpdateStruct[]>();
  /** Per client, the first clock neither the document nor the update has. */
  private readonly coveredEnd = new Map<number, number>();
  private readonly resolutions = new Map<Y.Item, Resolution>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly UpdateStruct[],
    groupCount: number,
  ) {
    let previous: number | null = null;
    for (const struct of structs) {
      const client = struct.id.client;
      let run = this.byClient.get(client);
      if (client !== previous) {
        // Yjs keeps only the last group of a client and would drop the others unchecked.
        if (run !== undefined) throw unreadable();
        run = [];
        this.byClient.set(client, run);
        previous = client;
      }
      run?.push(struct);
    }
    // Two adjacent groups of one client decode as one run; counting groups catches them.
    if (this.byClient.size !== groupCount) throw unreadable();
    for (const [client, run] of this.byClient) {
      let known = Y.getState(this.doc.store, client);
      const state = known;
      for (const struct of run) {
        // A gap before this struct would leave it (and the rest of the run) pending.
        if (struct.id.clock > known) throw missing();
        const end = struct.id.clock + struct.length;
        if (struct instanceof Y.GC && end > state) throw contentless();
        // A Skip leaves a gap, which the next struct finds; only a trailing one is left.
        if (!(struct instanceof Y.Skip)) known = Math.max(known, end);
      }
      const last = run[run.length - 1];
      if (last instanceof Y.Skip && last.id.clock + last.length > state) throw contentless();
      this.coveredEnd.set(client, known);
    }
  }

  writes(deletes: DeleteSet): ResolvedWrite[] {
    const writes: ResolvedWrite[] = [];
    for (const struct of this.structs) {
      if (!(struct instanceof Y.Item)) continue; // GC and Skip carry no content
      const fresh = struct.id.clock + struct.length > Y.getState(this.doc.store, struct.id.client);
      if (!fresh) {
        // Yjs ignores structs it already has, but still waits for what they refer to.
        this.refsOf(struct);
        continue;
      }
      const resolution = this.resolve(struct);
      // Yjs would integrate it as a GC struct: new clocks holding nothing.
      if (resolution === COLLECTED) throw contentless();
      const { root, key, nested } = resolution;
      writes.push({ target: { root, key, kind: 'insert' }, nested, item: struct });
    }
    for (const [client, ranges] of deletes.clients) {
      // Merged first: a range repeated many times would otherwise walk the document each time.
      for (const { clock, len } of mergeClockRanges(ranges)) {
        this.deleteRange(client, clock, clock + len, writes);
      }
    }
    return writes;
  }

  private deleteRange(client: number, clock: number, end: number, writes: ResolvedWrite[]): void {
    const state = Y.getState(this.doc.store, client);
    // Yjs would keep deletes of ids it does not have and apply them to whatever later arrives
    // under those ids; ids the update itself inserts are checked as inserts.
    if (end > (this.coveredEnd.get(client) ?? state)) throw missing();
    const structs = this.doc.store.clients.get(client);
    if (clock >= state || structs === undefined) return;
    const stop = Math.min(end, state);
    for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
      const struct = structs[i];
      if (struct === undefined || struct.id.clock >= stop) break;
      // Already-deleted items and GC are no-ops: reconnecting clients repeat old deletes.
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      const { root, key, nested } = locateDocItem(this.doc, struct);
      writes.push({ target: { root, key, kind: 'delete' }, nested, item: null });
    }
  }

  /** The struct covering `id`; throws when neither the document nor the update has it. */
  private find(id: Y.ID, from: Y.Item): Ref {
    const structs = this.doc.store.clients.get(id.client);
    if (structs !== undefined && id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = structs[Y.findIndexSS(structs, id.clock)];
      if (struct === undefined) throw unreadable();
      return { struct, inUpdate: false };
    }
    // Yjs integrates a client's structs in clock order, so it never waits for a later one.
    if (id.client === from.id.client && id.clock >= from.id.clock) throw unreadable();
    const run = this.byClient.get(id.client) ?? [];
    const struct = run[indexCovering(run, id.clock)];
    if (struct === undefined || struct instanceof Y.Skip) throw missing();
    return { struct, inUpdate: true };
  }

  private refsOf(item: Y.Item): { left: Ref | null; right: Ref | null; holder: Ref | null } {
    const parent: unknown = item.parent;
    return {
      left: item.origin === null ? null : this.find(item.origin, item),
      right: item.rightOrigin === null ? null : this.find(item.rightOrigin, item),
      holder: parent instanceof Y.ID ? this.find(parent, item) : null,
    };
  }

  /**
   * Where an update's item lands, following Yjs's `Item.getMissing`: a decoded parent is a root
   * name or the id of the item holding a nested type; without one, the parent and key are
   * copied from the left neighbour (`origin`), else from the right (`rightOrigin`). Iterative,
   * because an offline client's update can chain thousands of items through their origins.
   */
  private resolve(start: Y.Item): Resolution {
    const stack: Y.Item[] = [start];
    const onStack = new Set<Y.Item>([start]);
    while (stack.length > 0) {
      const item = stack[stack.length - 1];
      if (item === undefined) break;
      const refs = this.refsOf(item);
      const next = [refs.left, refs.right, refs.holder].find(
        (ref) =>
          ref?.inUpdate === true &&
          ref.struct instanceof Y.Item &&
          !this.resolutions.has(ref.struct),
      )?.struct;
      if (next instanceof Y.Item) {
        // One at a time, so the stack is exactly the current path and a repeat is a cycle.
        if (onStack.has(next)) throw unreadable();
        stack.push(next);
        onStack.add(next);
        continue;
      }
      this.resolutions.set(item, this.resolveWith(item, refs));
      stack.pop();
      onStack.delete(item);
    }
    const resolution = this.resolutions.get(start);
    if (resolution === undefined) throw unreadable();
    return resolution;
  }

  /** Resolves one item whose update-internal references are already resolved. */
  private resolveWith(
    item: Y.Item,
    refs: { left: Ref | null; right: Ref | null; holder: Ref | null },
  ): Resolution {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return { root: parent, key: item.parentSub, nested: false };
    const left = refs.left === null ? null : this.locate(refs.left);
    const right = refs.right === null ? null : this.locate(refs.right);
    if (left === COLLECTED || right === COLLECTED) return COLLECTED;
    if (refs.holder !== null) {
      const holder = this.locate(refs.holder);
      if (holder === COLLECTED) return COLLECTED;
      const { struct } = refs.holder;
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) {
        throw unreadable();
      }
      return { root: holder.root, key: holder.key, nested: true };
    }
    const location = left ?? right;
    if (location === null) throw unreadable();
    return location;
  }

  private locate(ref: Ref): Resolution {
    if (ref.struct instanceof Y.GC) return COLLECTED;
    if (!ref.inUpdate) return locateDocItem(this.doc, ref.struct);
    const resolution = this.resolutions.get(ref.struct);
    if (resolution === undefined) throw unreadable();
    return resolution;
  }
}

/** A group of structs is at least its struct count, client and first clock: a byte each. */
const MIN_GROUP_BYTES = 3;

/** Every write an update makes, or why it cannot be judged. */
export function resolveWrites(doc: Y.Doc, update: Uint8Array): Resolved {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  let groupCount: number;
  try {
    // A v1 update starts with its number of client groups. Each declared group, struct or
    // delete range takes bytes, and reading past the end throws, so decoding costs at most the
    // update's size; the group count is checked before anything is built.
    groupCount = readVarUint(createDecoder(update));
    if (groupCount * MIN_GROUP_BYTES > update.length) return { failure: 'unreadable' };
    decoded = Y.decodeUpdate(update);
  } catch {
    return { failure: 'unreadable' };
  }
  try {
    const resolver = new UpdateResolver(doc, decoded.structs, groupCount);
    return { writes: resolver.writes(decoded.ds) };
  } catch (error) {
    if (error instanceof Rejection) return { failure: error.failure };
    // Anything else Yjs throws on an update it cannot make sense of.
    return { failure: 'unreadable' };
  }
}
