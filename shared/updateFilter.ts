/**
 * Rewrites a Yjs update (v1), keeping only some of its structs and delete ranges. Pure: the write gate
 * drops the deletes a client repeats (every sync step 2 carries the document's whole delete
 * set), and a caller may keep only the structs and deletes of some client ids.
 *
 * Wire format (yjs `writeClientsStructs` and `writeDeleteSet`):
 *   update    = varUint(groups) group* deleteSet
 *   group     = varUint(structs) varUint(client) varUint(firstClock) struct*
 *   deleteSet = varUint(clients) { varUint(client) varUint(ranges) { varUint(clock) varUint(len) }* }*
 * Structs are written back with Yjs's own `struct.write`, so their content is copied unchanged.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { type ClockRange, mergeClockRanges } from './updateResolver.ts';

export type { ClockRange };

export interface UpdateKeep {
  /**
   * Per client, the first clock to keep (a state vector's): structs before it are dropped and
   * one that straddles it is cut, as Y.diffUpdate does. Default: from clock 0.
   */
  from?: (client: number) => number;
  /**
   * Whether to keep a struct, whole (default: every one). Dropping one in the middle of a
   * client's run leaves a gap, written as a Skip, so the structs after it keep their clocks.
   */
  struct?: (client: number, clock: number, length: number) => boolean;
  /**
   * Which part of a delete range to keep: true all of it, false none, or the sub-ranges to keep
   * (default: all). Ranges are sorted and merged per client first, so each deleted clock is
   * asked about once, however often the update repeats it.
   */
  deleteRange?: (client: number, clock: number, len: number) => readonly ClockRange[] | boolean;
}

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Only the structs and delete ranges written under client ids `keep` accepts: a participant's
 * own `place:` root cut out of the board, or the view's ids cut out of what they send back
 * (server/rooms/room.ts), and a device's own placements out of an older copy.
 */
export function keepClients(update: Uint8Array, keep: (client: number) => boolean): Uint8Array {
  return filterUpdate(update, { struct: keep, deleteRange: keep });
}

/** The update with only what `keep` keeps. Throws on an unreadable update. */
export function filterUpdate(update: Uint8Array, keep: UpdateKeep): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update);
  const encoder = new Y.UpdateEncoderV1();
  writeStructs(encoder, keptStructs(structs, keep));
  writeDeletes(encoder, keptDeletes(ds, keep));
  return encoder.toUint8Array();
}

/** A struct to write from `offset` on (its first `offset` clocks cut). */
interface Slice {
  struct: Struct;
  offset: number;
  /** Its first written clock. */
  clock: number;
}

/** Per client, the kept slices in clock order; Skips are gaps and are dropped (re-derived). */
function keptStructs(structs: readonly Struct[], keep: UpdateKeep): Map<number, Slice[]> {
  const byClient = new Map<number, Slice[]>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const from = keep.from ? keep.from(client) : 0;
    if (clock + struct.length <= from) continue;
    if (keep.struct && !keep.struct(client, clock, struct.length)) continue;
    let run = byClient.get(client);
    if (run === undefined) {
      run = [];
      byClient.set(client, run);
    }
    const offset = Math.max(0, from - clock);
    run.push({ struct, offset, clock: clock + offset });
  }
  for (const run of byClient.values()) run.sort((a, b) => a.clock - b.clock);
  return byClient;
}

function writeStructs(encoder: Y.UpdateEncoderV1, byClient: Map<number, Slice[]>): void {
  const clients = [...byClient.keys()].sort((a, b) => b - a); // Yjs's order
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const client of clients) {
    const run = byClient.get(client) ?? [];
    const first = run[0];
    if (first === undefined) continue;
    const written: Slice[] = [];
    let next = first.clock;
    for (const slice of run) {
      if (slice.clock < next) throw new Error(`overlapping structs of client ${client}`);
      if (slice.clock > next) {
        const gap = new Y.Skip(Y.createID(client, next), slice.clock - next);
        written.push({ struct: gap, offset: 0, clock: next });
      }
      written.push(slice);
      next = slice.struct.id.clock + slice.struct.length;
    }
    encoding.writeVarUint(encoder.restEncoder, written.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, first.clock);
    for (const { struct, offset } of written) struct.write(encoder, offset);
  }
}

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

function keptDeletes(ds: DeleteSet, keep: UpdateKeep): Map<number, ClockRange[]> {
  const kept = new Map<number, ClockRange[]>();
  for (const [client, ranges] of ds.clients) {
    const parts: ClockRange[] = [];
    for (const { clock, len } of mergeClockRanges(ranges)) {
      const answer = keep.deleteRange ? keep.deleteRange(client, clock, len) : true;
      if (answer === true) parts.push({ clock, len });
      else if (answer !== false) parts.push(...answer);
    }
    const merged = mergeClockRanges(parts);
    if (merged.length > 0) kept.set(client, merged);
  }
  return kept;
}

function writeDeletes(encoder: Y.UpdateEncoderV1, kept: Map<number, ClockRange[]>): void {
  const clients = [...kept.keys()].sort((a, b) => b - a);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const client of clients) {
    const ranges = kept.get(client) ?? [];
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
}

/**
 * The delete ranges of an update without structs (what a reconnecting client's sync step 2 is
 * when it brings nothing new), read as plain numbers without building Yjs objects, touching
 * ranges joined; null when it has structs or bytes after its delete set. Throws when it is cut
 * short.
 */
export function structlessDeletes(update: Uint8Array): Map<number, ClockRange[]> | null {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) !== 0) return null;
  const byClient = new Map<number, ClockRange[]>();
  const clients = decoding.readVarUint(decoder);
  for (let i = 0; i < clients; i++) {
    const client = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    // A range is at least two bytes: refuse a count the rest could not hold before looping.
    if (count * 2 > update.length - decoder.pos) throw new Error('delete set cut short');
    let ranges = byClient.get(client);
    if (ranges === undefined) {
      ranges = [];
      byClient.set(client, ranges);
    }
    for (let j = 0; j < count; j++) {
      const clock = decoding.readVarUint(decoder);
      const len = decoding.readVarUint(decoder);
      // Ranges in order (as Yjs writes them), or repeated, join the last one as they come.
      const last = ranges[ranges.length - 1];
      if (last !== undefined && clock >= last.clock && clock <= last.clock + last.len) {
        last.len = Math.max(last.len, clock + len - last.clock);
      } else {
        ranges.push({ clock, len });
      }
    }
  }
  return decoding.hasContent(decoder) ? null : byClient;
}
