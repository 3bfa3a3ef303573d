/**
 * One live board in memory: its Y.Doc and its connections. The room dispatches each message
 * and keeps the order that makes a crash harmless; the rules live beside it: the write gate
 * (writeGate.ts) judges each update, presence (presence.ts) owns awareness, fan-out (fanOut.ts)
 * batches what is sent, and the board's log (persistence/boardLog.ts) stores and compacts.
 *
 * Acknowledged means durable. Every accepted client update is appended with this turn's commit
 * (persistence/tickCommit.ts) and applied at once, and every frame the room sends (a broadcast,
 * the sync reply to a newcomer, awareness) waits in its outbox (durableOutbox.ts) until the
 * updates before it are durable: nothing the server ever sends can be lost in a crash, and
 * after one clients only need to re-send their own work. The server's own writes run under the
 * 'server' origin and are sent once the store has taken them.
 *
 * All of a board's work goes through one ordered queue (boardQueue.ts), one message after
 * another, from every connection; what waits for the store there (a server write, a
 * compaction) holds everything behind it: the next update, a newcomer's sync answer, reads.
 * Awareness queues too: a client's awareness may name what its updates just made (the card it
 * drags), so it follows them.
 */
import * as Y from 'yjs';
import { type Role, readControl, type TransactionOrigin } from '../../shared/boardDoc.ts';
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import { andThen } from '../persistence/awaitable.ts';
import { BoardLog } from '../persistence/boardLog.ts';
import { readStoredLog } from '../persistence/roomLoad.ts';
import { StorageBudget } from '../persistence/storageBudget.ts';
import type { Awaitable } from '../persistence/store.ts';
import type { StoredUpdate } from '../persistence/storedUpdate.ts';
import type { UpdateLog } from '../persistence/updateLog.ts';
import { BoardQueue } from './boardQueue.ts';
import { ClientIdOwnership, SERVER_OWNER } from './clientIdOwnership.ts';
import { DurableOutbox } from './durableOutbox.ts';
import { type AwarenessChange, FanOut } from './fanOut.ts';
import { Presence } from './presence.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
} from './protocol.ts';
import { type UpdateVerdict, WriteGate } from './writeGate.ts';

/** What a room needs of a client connection; the socket layer implements it. */
export interface RoomConnection {
  readonly participantId: string;
  readonly role: Role;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Counts an awareness message that carried news; false (and closed) when over its rate. */
  allowAwareness(): boolean;
  /** Closes it as malformed: handling a message it sent threw. */
  refuse(error: unknown): void;
  /**
   * The server has closed it (a refused write, a removal): what it sent that still waits in the
   * board's queue is dropped, as it would have been had it arrived afterwards.
   */
  readonly closedByServer: boolean;
}

const SERVER_ORIGIN: TransactionOrigin = 'server';
const PERSISTENCE_ORIGIN: TransactionOrigin = 'persistence';

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  /** Each connection, and whether its sync step 2 has arrived (its updates follow on after). */
  private readonly connections = new Map<RoomConnection, { caughtUp: boolean }>();
  private readonly queue = new BoardQueue();
  private readonly budget: StorageBudget;
  private readonly stored: BoardLog;
  private readonly writes: WriteGate;
  private readonly presence: Presence;
  private readonly fanOut: FanOut;
  /** Every frame to a connection goes through it, so it leaves only once durable. */
  private readonly outbox: DurableOutbox;
  /** The update of the server write under way, published once stored (serverWrite). */
  private serverUpdate: Uint8Array | null = null;
  private destroyed = false;

  /** Loads a board's room from the store. Rejects with RoomLoadError. */
  static async load(boardId: string, log: UpdateLog, budgetBytes: number): Promise<Room> {
    return new Room(boardId, log, budgetBytes, await readStoredLog(boardId, log));
  }

  /** A room holding `stored` (the board's log). Throws RoomLoadError. */
  constructor(
    readonly boardId: string,
    log: UpdateLog,
    budgetBytes: number,
    stored: readonly StoredUpdate[],
  ) {
    this.budget = new StorageBudget(budgetBytes);
    this.stored = new BoardLog(boardId, this.doc, log, this.budget, stored);
    const clientIds = ClientIdOwnership.fromDoc(this.doc);
    clientIds.claim([this.doc.clientID], SERVER_OWNER);
    this.writes = new WriteGate(this.doc, clientIds, (bytes) => this.budget.fits(bytes));
    this.presence = new Presence(this.doc, clientIds, readControl(this.doc).phase);
    this.outbox = new DurableOutbox(() => log.pendingFor(boardId));
    this.fanOut = new FanOut(() => this.connections.keys(), this.presence.awareness, this.outbox);
    this.doc.on('update', this.onDocUpdate);
    this.presence.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Destroyed or discarded: nothing may use it any more. */
  get isDiscarded(): boolean {
    return this.destroyed;
  }

  /** A newcomer: ask for what it has that we lack, and show it who is here (in board order). */
  addConnection(connection: RoomConnection): void {
    this.connections.set(connection, { caughtUp: false });
    this.presence.add(connection);
    this.queue.run(() => {
      if (this.destroyed || !this.connections.has(connection)) return;
      this.outbox.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)));
      if (!this.presence.isEmpty) {
        this.outbox.send(connection, encodeAwareness(this.presence.everyone()));
      }
    });
  }

  /** Forgets a connection and its presence at once, so a closed tab leaves no ghost. */
  removeConnection(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return;
    this.presence.remove(connection);
  }

  /** Handles a message in its board's order (now, when nothing is pending). */
  handleMessage(connection: RoomConnection, message: ClientMessage): void {
    this.queue.run(() => {
      if (this.destroyed || connection.closedByServer) return;
      try {
        const answer = this.dispatch(connection, message);
        if (answer instanceof Promise) return answer.catch((error) => connection.refuse(error));
      } catch (error) {
        connection.refuse(error);
      }
    });
  }

  /**
   * Runs `use` in the board's order and resolves with its result: server-side reads and writes
   * (joins, removals, exports) see only what is stored, and nothing overtakes them.
   */
  exclusively<T>(use: () => Awaitable<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.run(() => {
        try {
          const answer = use();
          if (answer instanceof Promise) return answer.then(resolve, reject);
          resolve(answer);
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /**
   * A write done by the server itself (participants on join, and so on): stored, then sent.
   * Call it only inside `exclusively`, and wait for its answer before going on.
   */
  serverWrite(write: (doc: Y.Doc) => void): Awaitable<void> {
    this.doc.transact(() => write(this.doc), SERVER_ORIGIN);
    const update = this.serverUpdate;
    this.serverUpdate = null;
    if (update === null) return;
    // The document holds it already; nothing reads the document before it is stored, since
    // the board's queue waits for this answer.
    return andThen(this.stored.append(update), () => {
      if (this.destroyed) return;
      this.publish(update, null);
      return this.stored.compactWhenDue();
    });
  }

  /**
   * Flushes what is pending and stores the room's state, after everything queued before;
   * the room is unusable afterwards. Never rejects.
   */
  destroy(): Promise<void> {
    return this.exclusively(() => {
      if (this.destroyed) return;
      this.fanOut.flush();
      return andThen(this.stored.compact(), () => this.discard());
    });
  }

  /** Drops the room without storing it (its board was deleted); unusable afterwards. */
  discard(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.fanOut.stop();
    this.outbox.stop();
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

  private dispatch(connection: RoomConnection, message: ClientMessage): Awaitable<void> {
    switch (message.type) {
      case 'sync-step1':
        this.outbox.send(
          connection,
          encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)),
        );
        return;
      case 'sync-step2':
        return andThen(this.receiveUpdate(connection, message.update), () => {
          const state = this.connections.get(connection);
          if (state) state.caughtUp = true;
        });
      case 'sync-update':
        return this.receiveUpdate(connection, message.update);
      case 'awareness': {
        const refusal = this.presence.receive(connection, message.update);
        if (refusal !== null) connection.close(refusal.code, refusal.reason);
        return;
      }
      case 'query-awareness':
        if (connection.allowAwareness()) {
          this.outbox.send(connection, encodeAwareness(this.presence.everyone()));
        }
        return;
      default:
        message satisfies never;
    }
  }

  /** `compacted`: the log was compacted for this update already. */
  private receiveUpdate(
    connection: RoomConnection,
    update: Uint8Array,
    compacted = false,
  ): Awaitable<void> {
    const caughtUp = this.connections.get(connection)?.caughtUp !== false;
    const verdict = this.writes.judge(connection, update, caughtUp);
    switch (verdict.kind) {
      case 'refuse':
        connection.close(verdict.code, verdict.reason);
        return;
      case 'skip':
        return;
      case 'over-budget':
        if (!compacted && this.stored.mayShrink) {
          return andThen(this.stored.compact(), () => this.receiveUpdate(connection, update, true));
        }
        connection.close(CLOSES.boardFull.code, CLOSES.boardFull.reason);
        return;
      case 'accept':
        // Stored with this turn's commit and applied at once: the outbox holds every frame
        // until it is durable, and a failed commit closes the room (its rejection is handled).
        void this.stored.append(verdict.update);
        return this.applyStored(connection, verdict);
      default:
        verdict satisfies never;
    }
  }

  private applyStored(
    connection: RoomConnection,
    verdict: Extract<UpdateVerdict, { kind: 'accept' }>,
  ): Awaitable<void> {
    if (this.destroyed) return;
    this.writes.admit(verdict);
    Y.applyUpdate(this.doc, verdict.update, connection);
    return this.stored.compactWhenDue();
  }

  /** A stored update the document holds: presence follows the phase, and it is sent. */
  private publish(update: Uint8Array, origin: unknown): void {
    this.presence.followPhase(readControl(this.doc).phase);
    const from = this.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : null;
    this.fanOut.queueUpdate(update, from);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === PERSISTENCE_ORIGIN) return;
    if (origin === SERVER_ORIGIN) {
      this.serverUpdate = update; // stored, then published, by serverWrite
      return;
    }
    this.publish(update, origin);
  };

  private readonly onAwarenessUpdate = (change: AwarenessChange): void => {
    this.fanOut.queueAwareness(change);
  };
}
