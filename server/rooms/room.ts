/**
 * One live board in memory: its Y.Doc and its connections. The room dispatches each message
 * and keeps the order that makes a crash harmless; the rules live beside it: the write gate
 * (writeGate.ts) judges each update, presence (presence.ts) owns awareness, fan-out (fanOut.ts)
 * batches what is sent, and the board's log (persistence/boardLog.ts) stores and compacts.
 *
 * Every accepted client update is appended to the store *before* it is applied and broadcast,
 * so nothing the server ever sends (a broadcast or the sync reply to a newcomer) is missing
 * from the store: after a crash, clients only need to re-send their own work. The server's own
 * writes run under the 'server' origin and are stored from the doc's update event, synchronously,
 * before any frame can leave.
 */
import * as Y from 'yjs';
import { type Role, readControl, type TransactionOrigin } from '../../shared/boardDoc.ts';
import type { Close } from '../../shared/closeCodes.ts';
import { BoardLog } from '../persistence/boardLog.ts';
import type { UpdateLog } from '../persistence/updateLog.ts';
import { ClientIdOwnership, SERVER_OWNER } from './clientIdOwnership.ts';
import { type AwarenessChange, FanOut } from './fanOut.ts';
import { Presence } from './presence.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
} from './protocol.ts';
import { WriteGate } from './writeGate.ts';

/** What a room needs of a client connection; the socket layer implements it. */
export interface RoomConnection {
  readonly participantId: string;
  readonly role: Role;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Counts an awareness message that carried news; false (and closed) when over its rate. */
  allowAwareness(): boolean;
}

const SERVER_ORIGIN: TransactionOrigin = 'server';
const PERSISTENCE_ORIGIN: TransactionOrigin = 'persistence';

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  /** Each connection, and whether its sync step 2 has arrived (its updates follow on after). */
  private readonly connections = new Map<RoomConnection, { caughtUp: boolean }>();
  private readonly stored: BoardLog;
  private readonly writes: WriteGate;
  private readonly presence: Presence;
  private readonly fanOut: FanOut;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    log: UpdateLog,
    budgetBytes: number,
  ) {
    this.stored = new BoardLog(boardId, this.doc, log, budgetBytes);
    const clientIds = ClientIdOwnership.fromDoc(this.doc);
    clientIds.claim([this.doc.clientID], SERVER_OWNER);
    this.writes = new WriteGate(this.doc, clientIds, (bytes) => this.stored.fits(bytes));
    this.presence = new Presence(this.doc, clientIds, readControl(this.doc).phase);
    this.fanOut = new FanOut(() => this.connections.keys(), this.presence.awareness);
    this.doc.on('update', this.onDocUpdate);
    this.presence.awareness.on('update', this.onAwarenessUpdate);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** A newcomer: ask for what it has that we lack, and show it who is here. */
  addConnection(connection: RoomConnection): void {
    this.connections.set(connection, { caughtUp: false });
    this.presence.add(connection);
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (!this.presence.isEmpty) connection.send(encodeAwareness(this.presence.everyone()));
  }

  /** Forgets a connection and its presence at once, so a closed tab leaves no ghost. */
  removeConnection(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return;
    this.presence.remove(connection);
  }

  handleMessage(connection: RoomConnection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        return;
      case 'sync-step2': {
        this.receiveUpdate(connection, message.update);
        const state = this.connections.get(connection);
        if (state) state.caughtUp = true;
        return;
      }
      case 'sync-update':
        this.receiveUpdate(connection, message.update);
        return;
      case 'awareness': {
        const refusal = this.presence.receive(connection, message.update);
        if (refusal !== null) connection.close(refusal.code, refusal.reason);
        return;
      }
      case 'query-awareness':
        if (connection.allowAwareness()) connection.send(encodeAwareness(this.presence.everyone()));
        return;
      default:
        message satisfies never;
    }
  }

  /** Writes done by the server itself (participants on join, and so on): stored, then sent. */
  serverWrite(write: (doc: Y.Doc) => void): void {
    this.doc.transact(() => write(this.doc), SERVER_ORIGIN);
  }

  /** Flushes what is pending and stores the room's state; the room is unusable afterwards. */
  destroy(): void {
    if (this.destroyed) return;
    this.fanOut.flush();
    this.stored.compact();
    this.discard();
  }

  /** Drops the room without storing it (its board was deleted); unusable afterwards. */
  discard(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.fanOut.stop();
    this.presence.destroy();
    this.doc.destroy();
  }

  closeAll({ code, reason }: Close): void {
    for (const connection of [...this.connections.keys()]) connection.close(code, reason);
  }

  /** Closes every socket of one participant (removed, or their access revoked). */
  closeParticipant(participantId: string, { code, reason }: Close): void {
    for (const connection of [...this.connections.keys()]) {
      if (connection.participantId === participantId) connection.close(code, reason);
    }
  }

  private receiveUpdate(connection: RoomConnection, update: Uint8Array): void {
    const caughtUp = this.connections.get(connection)?.caughtUp !== false;
    const verdict = this.writes.judge(connection, update, caughtUp);
    if (verdict.kind === 'refuse') {
      connection.close(verdict.code, verdict.reason);
      return;
    }
    if (verdict.kind === 'skip') return;
    this.stored.append(verdict.update); // store before apply
    this.writes.admit(verdict);
    Y.applyUpdate(this.doc, verdict.update, connection);
    this.stored.compactWhenDue();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === PERSISTENCE_ORIGIN) return;
    if (origin === SERVER_ORIGIN) {
      this.stored.append(update); // the document already holds it: the update event comes after
      this.stored.compactWhenDue();
    }
    this.presence.followPhase(readControl(this.doc).phase);
    const from = this.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : null;
    this.fanOut.queueUpdate(update, from);
  };

  private readonly onAwarenessUpdate = (change: AwarenessChange): void => {
    this.fanOut.queueAwareness(change);
  };
}
