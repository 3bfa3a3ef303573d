/**
 * One live board in memory: its Y.Doc, its awareness and its connections.
 *
 * Every accepted client update is appended to the store *before* it is applied and broadcast,
 * so nothing the server ever sends (a broadcast or the sync reply to a newcomer) is missing
 * from the store: after a crash, clients only need to re-send their own work. Server-written
 * changes are stored from the doc's update event, synchronously, before any frame can leave.
 *
 * Besides the write rules, an update is refused (4403) when it carries structs under a Yjs
 * client id that belongs to another participant (clientIdOwnership.ts), or when it would take
 * the stored log past the board's budget. The log's size is counted as it grows, never by
 * encoding the document.
 *
 * Fan-out is batched: the document updates that arrive while the event loop is busy go out as
 * one merged frame per receiver at the end of the tick, and awareness changes at most once per
 * 16 ms per room, all changed states in one frame.
 */
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type Phase, type Role, readControl, type TransactionOrigin } from '../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_MALFORMED, CLOSE_REASONS } from '../shared/closeCodes.ts';
import { checkUpdate, WRITE_REJECTIONS } from '../shared/writeRules.ts';
import { filterAwarenessUpdate, silenceStoredDrags } from './awarenessFilter.ts';
import { ClientIdOwnership, ownerKey, SERVER_OWNER } from './clientIdOwnership.ts';
import { compactedState } from './persistence/storedUpdate.ts';
import type { UpdateLog } from './persistence/updateLog.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './protocol.ts';
import { loadStoredDoc } from './roomLoad.ts';

/** What a room needs of a client connection; the socket layer implements it. */
export interface RoomConnection {
  readonly participantId: string;
  readonly role: Role;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Counts an awareness message that carried news; false (and closed) when over its rate. */
  allowAwareness(): boolean;
}

interface ConnectionState {
  /** The awareness client ids it speaks for. */
  presences: Set<number>;
  /** Its sync step 2 has arrived: from then on, its updates follow the room's without gaps. */
  caughtUp: boolean;
}

/** An empty update: no structs, no deletes. */
const EMPTY_UPDATE_LENGTH = 2;
/** Compact the stored log once this many updates have been appended since the last time. */
const COMPACT_AFTER_APPENDS = 500;
/** At most ~60 awareness frames a second per room (see scheduleAwarenessFlush). */
const AWARENESS_INTERVAL_MS = 16;
/** A tab is one presence; a client that reloads its doc may briefly hold a couple. */
const MAX_PRESENCES_PER_CONNECTION = 4;

/** The room's own refusals (the write rules have theirs), shared with the client. */
export const ROOM_REJECTIONS = {
  boardFull: CLOSE_REASONS.boardFull,
  foreignClientId: CLOSE_REASONS.foreignClientId,
  foreignPresence: CLOSE_REASONS.foreignPresence,
  tooManyPresences: 'One connection speaks for one presence',
} as const;

interface PendingUpdate {
  update: Uint8Array;
  from: RoomConnection | null;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  private readonly connections = new Map<RoomConnection, ConnectionState>();
  private readonly clientIds: ClientIdOwnership;
  private pendingUpdates: PendingUpdate[] = [];
  private readonly pendingAwareness = new Set<number>();
  private flushScheduled = false;
  private awarenessTimer: NodeJS.Timeout | null = null;
  private lastAwarenessFlush = 0;
  private appendsSinceCompaction = 0;
  /** Bytes in the stored log: as loaded or last compacted, plus every append since. */
  private storedBytes: number;
  private phase: Phase;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    private readonly log: UpdateLog,
    private readonly budgetBytes: number,
  ) {
    this.storedBytes = loadStoredDoc(this.doc, boardId, log);
    this.clientIds = ClientIdOwnership.fromDoc(this.doc);
    this.clientIds.claim([this.doc.clientID], SERVER_OWNER);
    this.phase = readControl(this.doc).phase;
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null); // the server itself is not present on the board
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** A newcomer: ask for what it has that we lack, and show it who is here. */
  addConnection(connection: RoomConnection): void {
    this.connections.set(connection, { presences: new Set(), caughtUp: false });
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) {
      connection.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, states)));
    }
  }

  /** Forgets a connection and its presence at once, so a closed tab leaves no ghost. */
  removeConnection(connection: RoomConnection): void {
    const state = this.connections.get(connection);
    if (!state) return;
    this.connections.delete(connection);
    if (state.presences.size > 0) {
      removeAwarenessStates(this.awareness, [...state.presences], null);
    }
  }

  handleMessage(connection: RoomConnection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        return;
      case 'sync-step2':
        this.receiveUpdate(connection, message.update);
        this.caughtUp(connection);
        return;
      case 'sync-update':
        this.receiveUpdate(connection, message.update);
        return;
      case 'awareness':
        this.receiveAwareness(connection, message.update);
        return;
      case 'query-awareness':
        if (!connection.allowAwareness()) return;
        connection.send(
          encodeAwareness(
            encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
          ),
        );
        return;
      default:
        message satisfies never;
    }
  }

  /** Writes done by the server itself (participants on join, and so on). */
  serverWrite(write: (doc: Y.Doc) => void): void {
    write(this.doc);
  }

  /** The full state for compaction and unloading. */
  compact(): void {
    const state = compactedState(this.doc);
    if (this.log.compact(this.boardId, state)) {
      this.appendsSinceCompaction = 0;
      this.storedBytes = state.data.length;
    }
  }

  /** Flushes what is pending and stores the room's state; the room is unusable afterwards. */
  destroy(): void {
    if (this.destroyed) return;
    this.flush();
    this.compact();
    this.discard();
  }

  /** Drops the room without storing it (its board was deleted); unusable afterwards. */
  discard(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.pendingUpdates = [];
    this.pendingAwareness.clear();
    this.awareness.destroy();
    this.doc.destroy();
  }

  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections.keys()]) connection.close(code, reason);
  }

  /** Closes every socket of one participant (removed, or their access revoked). */
  closeParticipant(participantId: string, code: number, reason: string): void {
    for (const connection of [...this.connections.keys()]) {
      if (connection.participantId === participantId) connection.close(code, reason);
    }
  }

  private caughtUp(connection: RoomConnection): void {
    const state = this.connections.get(connection);
    if (state) state.caughtUp = true;
  }

  private receiveUpdate(connection: RoomConnection, update: Uint8Array): void {
    const verdict = checkUpdate(this.doc, update, connection);
    if (!verdict.ok) {
      // A client that reconnects may send a new write before its step 2, which carries the
      // writes the room lost (a crash, a dropped socket): the step 2 will carry this one too.
      const beforeStep2 = this.connections.get(connection)?.caughtUp === false;
      if (verdict.reason === WRITE_REJECTIONS.missing && beforeStep2) return;
      connection.close(verdict.malformed ? CLOSE_MALFORMED : CLOSE_FORBIDDEN_WRITE, verdict.reason);
      return;
    }
    // Only what the room does not have yet is stored: a reconnecting client's sync repeats a lot.
    const fresh = Y.diffUpdate(update, Y.encodeStateVector(this.doc));
    if (fresh.length <= EMPTY_UPDATE_LENGTH) return;
    const writtenUnder = [...Y.parseUpdateMeta(fresh).to.keys()];
    const owner = ownerKey(connection.participantId, connection.role);
    if (this.clientIds.foreignAmong(writtenUnder, owner) !== null) {
      connection.close(CLOSE_FORBIDDEN_WRITE, ROOM_REJECTIONS.foreignClientId);
      return;
    }
    if (!this.fitsBudget(fresh.length)) {
      connection.close(CLOSE_FORBIDDEN_WRITE, ROOM_REJECTIONS.boardFull);
      return;
    }
    this.append(fresh); // store before apply
    this.clientIds.claim(writtenUnder, owner);
    Y.applyUpdate(this.doc, fresh, connection);
    this.compactWhenDue();
  }

  /** Whether the stored log may grow by `bytes`; compacts first when that could make room. */
  private fitsBudget(bytes: number): boolean {
    if (this.storedBytes + bytes <= this.budgetBytes) return true;
    if (this.appendsSinceCompaction > 0) this.compact();
    return this.storedBytes + bytes <= this.budgetBytes;
  }

  private receiveAwareness(connection: RoomConnection, update: Uint8Array): void {
    const state = this.connections.get(connection);
    if (!state) return;
    const filtered = filterAwarenessUpdate(update, {
      participantId: connection.participantId,
      controlled: state.presences,
      knownClock: (clientId) => this.awareness.meta.get(clientId)?.clock,
      phase: this.phase,
    });
    if (!filtered.news || !connection.allowAwareness()) return;
    const owner = ownerKey(connection.participantId, connection.role);
    if (
      this.clientIds.foreignAmong(filtered.claimed, owner) !== null ||
      !this.takeOver(connection, filtered.claimed)
    ) {
      connection.close(CLOSE_FORBIDDEN_WRITE, ROOM_REJECTIONS.foreignPresence);
      return;
    }
    const presences = new Set([...state.presences, ...filtered.claimed]);
    if (presences.size > MAX_PRESENCES_PER_CONNECTION) {
      // A browser tab is one presence; inventing more would grow every room's state for all.
      connection.close(CLOSE_FORBIDDEN_WRITE, ROOM_REJECTIONS.tooManyPresences);
      return;
    }
    this.clientIds.claim(filtered.claimed, owner);
    for (const clientId of filtered.claimed) state.presences.add(clientId);
    if (filtered.update) applyAwarenessUpdate(this.awareness, filtered.update, connection);
  }

  /**
   * Lets a connection speak for awareness client ids. An id another connection of the same
   * participant speaks for moves over (a reconnect that arrived before the old socket closed,
   * whose close must then not remove the new presence); another participant's is refused.
   */
  private takeOver(connection: RoomConnection, clientIds: readonly number[]): boolean {
    const others = [...this.connections].filter(([other]) => other !== connection);
    for (const [other, { presences }] of others) {
      const shared = clientIds.some((clientId) => presences.has(clientId));
      if (shared && other.participantId !== connection.participantId) return false;
    }
    for (const [, { presences }] of others) {
      for (const clientId of clientIds) presences.delete(clientId);
    }
    return true;
  }

  private append(update: Uint8Array): void {
    this.log.append(this.boardId, update);
    this.storedBytes += update.length;
    this.appendsSinceCompaction += 1;
  }

  /**
   * Compacts once enough has been appended. Only once the document holds every appended update:
   * between an append and its apply, the document's state would replace a row it lacks.
   */
  private compactWhenDue(): void {
    if (this.appendsSinceCompaction >= COMPACT_AFTER_APPENDS) this.compact();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === ('persistence' satisfies TransactionOrigin)) return;
    if (origin === ('server' satisfies TransactionOrigin)) {
      this.append(update); // the document already holds it: the update event comes after
      this.compactWhenDue();
    }
    this.noticePhase();
    const from = this.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : null;
    this.pendingUpdates.push({ update, from });
    this.scheduleFlush();
  };

  /** When placing opens, positions held in stored drags go, so newcomers are not sent them. */
  private noticePhase(): void {
    const { phase } = readControl(this.doc);
    if (phase === this.phase) return;
    this.phase = phase;
    if (phase === 'placing') silenceStoredDrags(this.awareness.states);
  }

  private readonly onAwarenessUpdate = (change: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    for (const id of change.added) this.pendingAwareness.add(id);
    for (const id of change.updated) this.pendingAwareness.add(id);
    for (const id of change.removed) this.pendingAwareness.add(id);
    this.scheduleAwarenessFlush();
  };

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * Awareness goes out at most once per AWARENESS_INTERVAL_MS per room, leading edge: a lone
   * change leaves at once, while forty people dragging at 30 Hz share one frame per interval
   * per receiver instead of one frame each (the frames, not their bytes, cost the CPU).
   */
  private scheduleAwarenessFlush(): void {
    if (this.awarenessTimer) return;
    const wait = Math.max(0, this.lastAwarenessFlush + AWARENESS_INTERVAL_MS - Date.now());
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      this.flushAwareness();
    }, wait);
  }

  /** Sends what is pending: document updates and awareness, one frame of each per receiver. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.destroyed) return;
    const updates = this.pendingUpdates;
    this.pendingUpdates = [];
    if (updates.length > 0) this.broadcastUpdates(updates);
  }

  private flushAwareness(): void {
    if (this.destroyed || this.pendingAwareness.size === 0) return;
    this.lastAwarenessFlush = Date.now();
    const frame = encodeAwareness(
      encodeAwarenessUpdate(this.awareness, [...this.pendingAwareness]),
    );
    this.pendingAwareness.clear();
    for (const connection of this.connections.keys()) connection.send(frame);
  }

  /**
   * One merged frame for everyone. When one connection sent everything in this batch, it is
   * spared its own echo; with several senders each gets the same merge too (Yjs ignores what it
   * already has), since a merge per sender would cost a merge per sender per batch.
   */
  private broadcastUpdates(updates: PendingUpdate[]): void {
    const first = updates[0];
    if (!first) return;
    const frame = encodeSyncUpdate(
      updates.length === 1 ? first.update : Y.mergeUpdates(updates.map((entry) => entry.update)),
    );
    const soleSender = updates.every((entry) => entry.from === first.from) ? first.from : null;
    for (const connection of this.connections.keys()) {
      if (connection !== soleSender) connection.send(frame);
    }
  }
}
