/**
 * One live board in memory: its Y.Doc, its awareness and its connections.
 *
 * Every accepted client update is appended to the store *before* it is applied and broadcast,
 * so nothing the server ever sends (a broadcast or the sync reply to a newcomer) is missing
 * from the store: after a crash, clients only need to re-send their own work. Server-written
 * changes are stored from the doc's update event, synchronously, before any frame can leave.
 *
 * Fan-out is batched per tick: the document updates and awareness changes that arrive while
 * the event loop is busy go out as one merged frame of each kind per receiver.
 */
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  type Role,
  readControl,
  readMeta,
  SCHEMA_VERSION,
  type TransactionOrigin,
} from '../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_MALFORMED } from '../shared/closeCodes.ts';
import { checkUpdate } from '../shared/writeRules.ts';
import { filterAwarenessUpdate } from './awarenessFilter.ts';
import type { UpdateLog } from './persistence/updateLog.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './protocol.ts';

/** What a room needs of a client connection; the socket layer implements it. */
export interface RoomConnection {
  readonly participantId: string;
  readonly role: Role;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

export class RoomLoadError extends Error {}

/** An empty update: no structs, no deletes. */
const EMPTY_UPDATE_LENGTH = 2;
/** Compact the stored log once this many updates have been appended since the last time. */
const COMPACT_AFTER_APPENDS = 500;

interface PendingUpdate {
  update: Uint8Array;
  from: RoomConnection | null;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  /** Each connection with the awareness client ids it speaks for. */
  private readonly connections = new Map<RoomConnection, Set<number>>();
  private pendingUpdates: PendingUpdate[] = [];
  private readonly pendingAwareness = new Set<number>();
  private flushScheduled = false;
  private appendsSinceCompaction = 0;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    private readonly log: UpdateLog,
  ) {
    this.loadFromStore();
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null); // the server itself is not present on the board
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  private loadFromStore(): void {
    let stored: Uint8Array[];
    try {
      stored = this.log.store.loadUpdates(this.boardId);
      this.doc.transact(() => {
        for (const update of stored) Y.applyUpdate(this.doc, update);
      }, 'persistence' satisfies TransactionOrigin);
    } catch (error) {
      throw new RoomLoadError(
        `board ${this.boardId} could not be loaded from the store: ${String(error)}`,
      );
    }
    const meta = readMeta(this.doc);
    if (meta === null) throw new RoomLoadError(`board ${this.boardId} has no readable meta`);
    if (meta.schemaVersion > SCHEMA_VERSION) {
      throw new RoomLoadError(
        `board ${this.boardId} uses schema ${meta.schemaVersion}, newer than this server's ${SCHEMA_VERSION}`,
      );
    }
  }

  /** A newcomer: ask for what it has that we lack, and show it who is here. */
  addConnection(connection: RoomConnection): void {
    this.connections.set(connection, new Set());
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) {
      connection.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, states)));
    }
  }

  /** Forgets a connection and its presence at once, so a closed tab leaves no ghost. */
  removeConnection(connection: RoomConnection): void {
    const controlled = this.connections.get(connection);
    if (!controlled) return;
    this.connections.delete(connection);
    if (controlled.size > 0) removeAwarenessStates(this.awareness, [...controlled], null);
  }

  handleMessage(connection: RoomConnection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        return;
      case 'sync-update':
        this.receiveUpdate(connection, message.update);
        return;
      case 'awareness':
        this.receiveAwareness(connection, message.update);
        return;
      case 'query-awareness':
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
    if (this.log.compact(this.boardId, Y.encodeStateAsUpdate(this.doc))) {
      this.appendsSinceCompaction = 0;
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

  private receiveUpdate(connection: RoomConnection, update: Uint8Array): void {
    const verdict = checkUpdate(this.doc, update, connection);
    if (!verdict.ok) {
      connection.close(verdict.malformed ? CLOSE_MALFORMED : CLOSE_FORBIDDEN_WRITE, verdict.reason);
      return;
    }
    // Only what the room does not have yet is stored: a reconnecting client's sync repeats a lot.
    const fresh = Y.diffUpdate(update, Y.encodeStateVector(this.doc));
    if (fresh.length <= EMPTY_UPDATE_LENGTH) return;
    this.append(fresh); // store before apply
    Y.applyUpdate(this.doc, fresh, connection);
  }

  private receiveAwareness(connection: RoomConnection, update: Uint8Array): void {
    const controlled = this.connections.get(connection);
    if (!controlled) return;
    const filtered = filterAwarenessUpdate(
      update,
      connection.participantId,
      controlled,
      readControl(this.doc).phase,
    );
    for (const clientId of filtered.claimed) controlled.add(clientId);
    if (filtered.update) applyAwarenessUpdate(this.awareness, filtered.update, connection);
  }

  private append(update: Uint8Array): void {
    this.log.append(this.boardId, update);
    this.appendsSinceCompaction += 1;
    if (this.appendsSinceCompaction >= COMPACT_AFTER_APPENDS) this.compact();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === ('persistence' satisfies TransactionOrigin)) return;
    if (origin === ('server' satisfies TransactionOrigin)) this.append(update);
    const from = this.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : null;
    this.pendingUpdates.push({ update, from });
    this.scheduleFlush();
  };

  private readonly onAwarenessUpdate = (change: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    for (const id of change.added) this.pendingAwareness.add(id);
    for (const id of change.updated) this.pendingAwareness.add(id);
    for (const id of change.removed) this.pendingAwareness.add(id);
    this.scheduleFlush();
  };

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends the tick's document updates and awareness changes, one frame of each per receiver. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.destroyed) return;
    const updates = this.pendingUpdates;
    this.pendingUpdates = [];
    if (updates.length > 0) this.broadcastUpdates(updates);
    if (this.pendingAwareness.size > 0) {
      const frame = encodeAwareness(
        encodeAwarenessUpdate(this.awareness, [...this.pendingAwareness]),
      );
      this.pendingAwareness.clear();
      for (const connection of this.connections.keys()) connection.send(frame);
    }
  }

  private broadcastUpdates(updates: PendingUpdate[]): void {
    const merge = (list: PendingUpdate[]): Uint8Array | null => {
      if (list.length === 0) return null;
      const first = list[0];
      return encodeSyncUpdate(
        list.length === 1 && first
          ? first.update
          : Y.mergeUpdates(list.map((entry) => entry.update)),
      );
    };
    const everything = merge(updates);
    // A sender does not need its own update back; it gets a merge of everyone else's.
    const forSender = new Map<RoomConnection, Uint8Array | null>();
    for (const entry of updates) {
      if (entry.from && !forSender.has(entry.from)) {
        forSender.set(entry.from, merge(updates.filter((other) => other.from !== entry.from)));
      }
    }
    for (const connection of this.connections.keys()) {
      const frame = forSender.has(connection) ? forSender.get(connection) : everything;
      if (frame) connection.send(frame);
    }
  }
}
