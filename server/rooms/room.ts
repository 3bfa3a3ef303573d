/**
 * One live board in memory: its Y.Doc, its view and its connections. The room dispatches each
 * message and keeps the order that makes a crash harmless; the rules live beside it: the write
 * gate (writeGate.ts) judges each update, presence (presence.ts) owns awareness, fan-out
 * (fanOut.ts) batches what is sent, and the board's logs (persistence/boardLog.ts) store and
 * compact.
 *
 * Facilitators sync with the whole board. Participants and observers sync with the board's
 * view (publicView.ts), which the room refreshes after every change of the board, plus their
 * own `place:` root cut out of the board (shared/updateFilter.ts): what they send goes to the
 * board, and what the view holds comes only from the server.
 *
 * Acknowledged means durable. Every accepted client update is appended with this turn's commit
 * (persistence/tickCommit.ts) and applied at once, and every frame the room sends of the
 * document (a broadcast, the sync reply to a newcomer) waits in its outbox (durableOutbox.ts)
 * until the updates before it are durable: nothing the server ever sends can be lost in a
 * crash, and after one clients only need to re-send their own work. Broadcast awareness, which
 * is stored nowhere, leaves at once. The server's own writes run under the
 * 'server' origin and are sent once the store has taken them.
 *
 * All of a board's work goes through one ordered queue (boardQueue.ts), one message after
 * another, from every connection; what waits for the store there (a server write, a
 * compaction) holds everything behind it: the next update, a newcomer's sync answer, reads.
 * Awareness queues too: a client's awareness may name what its updates just made (the card it
 * drags), so it follows them.
 */
import * as Y from 'yjs';
import { audienceOf } from '../../shared/audience.ts';
import {
  metaMap,
  type Role,
  readControl,
  readMeta,
  rootKind,
  rootNameOf,
  SCHEMA_VERSION,
  type TransactionOrigin,
} from '../../shared/boardDoc.ts';
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import { filterUpdate, keepClients } from '../../shared/updateFilter.ts';
import { andThen } from '../persistence/awaitable.ts';
import { BoardLog } from '../persistence/boardLog.ts';
import { RoomLoadError, readStoredLog } from '../persistence/roomLoad.ts';
import { StorageBudget } from '../persistence/storageBudget.ts';
import type { Awaitable } from '../persistence/store.ts';
import type { StoredUpdate } from '../persistence/storedUpdate.ts';
import type { Commit } from '../persistence/tickCommit.ts';
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
import { PublicView, ViewScope } from './publicView.ts';
import { TimelineRecorder } from './timelineRecorder.ts';
import { type UpdateVerdict, WriteGate } from './writeGate.ts';

/** What a room needs of a client connection; the socket layer implements it. */
export interface RoomConnection {
  readonly participantId: string;
  readonly role: Role;
  /**
   * Its client said it holds nothing of the board (`fresh=1` in the websocket's URL): the room
   * sends it everything with its own step 1, without waiting a round trip for the client's.
   */
  readonly startsEmpty: boolean;
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

/** Where a connection's first sync stands. */
interface ConnectionSync {
  /** It has sent its own state (sync step 2): its writes are judged as caught up. */
  caughtUp: boolean;
  /** The state vector it was sent everything up to at connection, until its step 1 comes. */
  sentUpTo: Uint8Array | null;
}

/**
 * What a connection needs of its board: this process's room, or, when another server process
 * holds the board's room, the link that carries its messages there (server/cluster/).
 */
export interface RoomPort {
  addConnection(connection: RoomConnection): void;
  removeConnection(connection: RoomConnection): void;
  handleMessage(connection: RoomConnection, message: ClientMessage): void;
}

const SERVER_ORIGIN: TransactionOrigin = 'server';
const PERSISTENCE_ORIGIN: TransactionOrigin = 'persistence';

export class Room implements RoomPort {
  readonly doc = new Y.Doc({ gc: true });
  /** Each connection, and whether its sync step 2 has arrived (its updates follow on after). */
  private readonly connections = new Map<RoomConnection, ConnectionSync>();
  private readonly queue = new BoardQueue();
  private readonly budget: StorageBudget;
  private readonly stored: BoardLog;
  private readonly view: PublicView;
  private readonly storedView: BoardLog;
  /** The view's client ids: the server's alone. */
  private readonly viewClientIds: ReadonlySet<number>;
  /** What changed on the board since the view was last refreshed. */
  private viewScope = ViewScope.everything();
  private viewRefreshScheduled = false;
  private readonly clientIds: ClientIdOwnership;
  private readonly writes: WriteGate;
  private readonly presence: Presence;
  private readonly fanOut: FanOut;
  /** Every frame to a connection goes through it, so what it carries leaves only once durable. */
  private readonly outbox: DurableOutbox;
  /** The board's newest commit that is not durable yet, or null. */
  private readonly pendingCommit: () => Commit | null;
  /** The update of the server write under way, published once stored (serverWrite). */
  private serverUpdate: Uint8Array | null = null;
  /** The update of the view refresh under way, published once stored (refreshView). */
  private viewUpdate: Uint8Array | null = null;
  /** The board's figures over the day (facilitators only), recorded off the hot path. */
  private readonly timeline: TimelineRecorder;
  private destroyed = false;

  /** Loads a board's room from the store. Rejects with RoomLoadError. */
  static async load(boardId: string, log: UpdateLog, budgetBytes: number): Promise<Room> {
    const stored = await readStoredLog(boardId, log);
    let storedView: readonly StoredUpdate[] | 'damaged';
    try {
      storedView = await readStoredLog(boardId, log, 'view');
    } catch (error) {
      if (!(error instanceof RoomLoadError)) throw error;
      storedView = 'damaged';
    }
    return new Room(boardId, log, budgetBytes, stored, storedView);
  }

  /** A room holding `stored` (the board's log) and `storedView`. Throws RoomLoadError. */
  constructor(
    readonly boardId: string,
    log: UpdateLog,
    budgetBytes: number,
    stored: readonly StoredUpdate[],
    storedView: readonly StoredUpdate[] | 'damaged' = [],
  ) {
    this.budget = new StorageBudget(budgetBytes);
    this.stored = new BoardLog(boardId, this.doc, log, this.budget, stored);
    const view = this.loadView(log, storedView);
    this.view = view.view;
    this.storedView = view.log;
    if (view.rebuilt) {
      log.reportDamage(
        `board ${boardId}: its stored view could not be read; it is built again from the board (devices that kept the old one start over)`,
      );
    }
    const clientIds = ClientIdOwnership.fromDoc(this.doc);
    // The view goes on under an id nobody has written the board with.
    while (clientIds.ownerOf(this.view.doc.clientID) !== undefined) {
      this.view.doc.clientID = randomClientId();
    }
    this.viewClientIds = new Set(this.view.clientIds());
    clientIds.claim([this.doc.clientID, ...this.viewClientIds], SERVER_OWNER);
    this.clientIds = clientIds;
    this.writes = new WriteGate(this.doc, clientIds, (bytes) => this.budget.fits(bytes));
    this.presence = new Presence(this.doc, clientIds, readControl(this.doc).phase);
    this.pendingCommit = () => log.pendingFor(boardId);
    this.outbox = new DurableOutbox(this.pendingCommit);
    this.fanOut = new FanOut(() => this.connections.keys(), this.presence.awareness, this.outbox);
    this.timeline = new TimelineRecorder(
      boardId,
      this.doc,
      log.store,
      (message) => log.reportError(message),
      () => log.epochOf(boardId),
    );
    this.doc.on('update', this.onDocUpdate);
    this.doc.on('afterTransaction', this.onDocTransaction);
    this.view.doc.on('update', this.onViewUpdate);
    this.presence.awareness.on('update', this.onAwarenessUpdate);
    // Before anyone syncs: a board of schema 1 says 2 (its roots are the same, its view new),
    // and a view stored by an older server, or none yet, is brought up to date.
    this.queue.run(() =>
      andThen(this.upgradeSchema(), () =>
        andThen(this.refreshView(), () => (view.rebuilt ? this.storedView.compact() : undefined)),
      ),
    );
  }

  /**
   * The view as stored, or, when its log is damaged, an empty one that the first refresh builds
   * again from the board and whose log is then replaced: the board itself is intact, so it stays
   * open. A device that kept the damaged history sends parts the new view does not know and is
   * told to start over (4403), keeping nothing stale.
   */
  private loadView(
    log: UpdateLog,
    stored: readonly StoredUpdate[] | 'damaged',
  ): { view: PublicView; log: BoardLog; rebuilt: boolean } {
    if (stored !== 'damaged') {
      const view = new PublicView();
      try {
        return {
          view,
          log: new BoardLog(this.boardId, view.doc, log, this.budget, stored, 'view'),
          rebuilt: false,
        };
      } catch (error) {
        if (!(error instanceof RoomLoadError)) throw error;
        view.destroy();
      }
    }
    const view = new PublicView();
    return {
      view,
      log: new BoardLog(this.boardId, view.doc, log, this.budget, [], 'view'),
      rebuilt: true,
    };
  }

  /** Destroyed or discarded: nothing may use it any more. */
  get isDiscarded(): boolean {
    return this.destroyed;
  }

  /**
   * A newcomer: ask for what it has that we lack, and show it who is here (in board order). One
   * that starts empty is sent everything at once as well: on a phone's slow link the round trip
   * of its own step 1 is the longest wait before its first card.
   */
  addConnection(connection: RoomConnection): void {
    const sync: ConnectionSync = { caughtUp: false, sentUpTo: null };
    this.connections.set(connection, sync);
    this.presence.add(connection);
    this.queue.run(() => {
      if (this.destroyed || !this.connections.has(connection)) return;
      const vector = this.stateVectorFor(connection);
      this.outbox.send(connection, encodeSyncStep1(vector));
      if (connection.startsEmpty) {
        this.outbox.send(connection, encodeSyncStep2(this.stateFor(connection, EMPTY_VECTOR)));
        sync.sentUpTo = vector;
      }
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
      this.scheduleViewRefresh();
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
      return andThen(this.compactAll(), () => this.timeline.finish().then(() => this.discard()));
    });
  }

  /** Drops the room without storing it (its board was deleted); unusable afterwards. */
  discard(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.timeline.stop();
    this.fanOut.stop();
    this.outbox.stop();
    this.presence.destroy();
    this.view.destroy();
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
      case 'sync-step1': {
        // What it was sent at connection reaches it before this answer (one socket, in order).
        const sync = this.connections.get(connection);
        const known =
          sync?.sentUpTo == null
            ? message.stateVector
            : laterOfVectors(message.stateVector, sync.sentUpTo);
        if (sync) sync.sentUpTo = null;
        this.outbox.send(connection, encodeSyncStep2(this.stateFor(connection, known)));
        return;
      }
      case 'sync-step2':
        return andThen(this.receiveFromDevice(connection, message.update), () => {
          const state = this.connections.get(connection);
          if (state) state.caughtUp = true;
        });
      case 'sync-update':
        return this.receiveFromDevice(connection, message.update);
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

  /** An update as a device sent it: without the view's parts, then judged. */
  private receiveFromDevice(connection: RoomConnection, update: Uint8Array): Awaitable<void> {
    const cut = this.withoutView(connection, update);
    if (cut === null) {
      connection.close(CLOSES.foreignClientId.code, CLOSES.foreignClientId.reason);
      return;
    }
    return this.receiveUpdate(connection, cut);
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
        if (!compacted && (this.stored.mayShrink || this.storedView.mayShrink)) {
          return andThen(this.compactAll(), () => this.receiveUpdate(connection, update, true));
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
    this.scheduleViewRefresh();
    return this.stored.compactWhenDue();
  }

  /**
   * Presence follows the board's phase: into `placing` at once, so a silent round hides
   * positions from its first moment; out of it only once the change is durable, so a reveal
   * that is never stored never lets a drag's position through.
   */
  private followPhase(): void {
    const phase = readControl(this.doc).phase;
    const commit = phase === 'placing' ? null : this.pendingCommit();
    if (commit === null) {
      this.presence.followPhase(phase);
      return;
    }
    commit.durable.then(
      () => {
        if (!this.destroyed && readControl(this.doc).phase === phase) {
          this.presence.followPhase(phase);
        }
      },
      () => undefined, // a failed commit closes the room
    );
  }

  /**
   * A stored update the board holds: presence follows the phase, and it goes to facilitators,
   * and to the writer's other connections when a participant wrote it (their own placements).
   */
  private publish(update: Uint8Array, origin: unknown): void {
    this.followPhase();
    const from = this.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : null;
    this.fanOut.queueUpdate(update, from, 'board');
    if (from !== null && audienceOf(from.role) === 'view') {
      this.fanOut.queueUpdate(update, from, { participantId: from.participantId });
    }
  }

  private upgradeSchema(): Awaitable<void> {
    const meta = readMeta(this.doc);
    if (meta === null || meta.schemaVersion >= SCHEMA_VERSION) return;
    return this.serverWrite((doc) => metaMap(doc).set('schemaVersion', SCHEMA_VERSION));
  }

  /**
   * Refreshes the view once for everything the board took in this tick (in the board's order),
   * not once per update: a busy room then pays one view write per tick.
   */
  private scheduleViewRefresh(): void {
    if (this.viewRefreshScheduled) return;
    this.viewRefreshScheduled = true;
    setImmediate(() => this.queue.run(() => this.refreshView()));
  }

  /**
   * Brings the view in step with what changed on the board: stored with this turn's commit and
   * sent to participants and observers once durable. Runs in the board's order.
   */
  private refreshView(): Awaitable<void> {
    this.viewRefreshScheduled = false;
    if (this.destroyed) return;
    const scope = this.viewScope;
    this.viewScope = new ViewScope();
    this.view.refresh(this.doc, scope, SERVER_ORIGIN);
    const update = this.viewUpdate;
    this.viewUpdate = null;
    if (update === null) return;
    // The view follows the board whatever it costs, so it is never refused: when it does not
    // fit, its log is compacted to its state first (one small row), and a board that is still
    // full refuses the next write of the board instead.
    const compacted =
      !this.budget.fits(update.length) && this.storedView.mayShrink
        ? this.storedView.compact()
        : undefined;
    return andThen(compacted, () => this.storeViewUpdate(update));
  }

  /** Stored with this turn's commit and sent at once: the outbox holds it until it is durable. */
  private storeViewUpdate(update: Uint8Array): Awaitable<void> {
    if (this.destroyed) return;
    void this.storedView.append(update);
    this.fanOut.queueUpdate(update, null, 'view');
    return this.storedView.compactWhenDue();
  }

  private compactAll(): Awaitable<void> {
    return andThen(this.stored.compact(), () => this.storedView.compact());
  }

  /** The state vector a connection syncs against: the board's, or its view's. */
  private stateVectorFor(connection: RoomConnection): Uint8Array {
    if (audienceOf(connection.role) === 'board') return Y.encodeStateVector(this.doc);
    const vector = clocksOf(this.view.doc);
    for (const [client, clock] of this.ownClocks(connection.participantId)) {
      vector.set(client, clock);
    }
    return Y.encodeStateVector(vector);
  }

  /** What a connection lacks of what it syncs with, given its state vector. */
  private stateFor(connection: RoomConnection, stateVector: Uint8Array): Uint8Array {
    if (audienceOf(connection.role) === 'board') {
      return Y.encodeStateAsUpdate(this.doc, stateVector);
    }
    const view = Y.encodeStateAsUpdate(this.view.doc, stateVector);
    const own = this.ownClocks(connection.participantId);
    // Most who connect have written nothing yet: the view is all they lack.
    if (own.size === 0) return view;
    // Only their own client ids are encoded from the board: everyone else's count as known.
    const theirs = Y.decodeStateVector(stateVector);
    const target = clocksOf(this.doc);
    for (const client of own.keys()) target.set(client, theirs.get(client) ?? 0);
    const board = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(target));
    return Y.mergeUpdates([view, keepClients(board, (client) => own.has(client))]);
  }

  /** The board's clocks of the client ids a participant writes under. */
  private ownClocks(participantId: string): Map<number, number> {
    const clocks = new Map<number, number>();
    for (const client of this.doc.store.clients.keys()) {
      if (this.clientIds.ownerOf(client) === participantId && !this.viewClientIds.has(client)) {
        clocks.set(client, Y.getState(this.doc.store, client));
      }
    }
    return clocks;
  }

  /**
   * What a view's holder sends back, without the view's own parts: its sync repeats the delete
   * ranges of the view, and a device's saved copy that loads after the provider connected is
   * sent as an ordinary update holding the view's structs; the board never had either.
   */
  private withoutView(connection: RoomConnection, update: Uint8Array): Uint8Array | null {
    if (audienceOf(connection.role) === 'board') return update;
    const store = this.view.doc.store;
    let forged = false;
    try {
      const cut = filterUpdate(update, {
        struct: (client, clock, length) => {
          if (!this.viewClientIds.has(client)) return true;
          // Beyond what the view holds, under the server's own ids: a forgery.
          if (clock + length > Y.getState(store, client)) forged = true;
          return false;
        },
        deleteRange: (client) => !this.viewClientIds.has(client),
      });
      return forged ? null : cut;
    } catch {
      return update; // unreadable: the write gate says so, with its own reason
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === PERSISTENCE_ORIGIN) return;
    if (origin === SERVER_ORIGIN) {
      this.serverUpdate = update; // stored, then published, by serverWrite
      return;
    }
    this.publish(update, origin);
  };

  private readonly onDocTransaction = (transaction: Y.Transaction): void => {
    for (const [type, keys] of transaction.changed) {
      const root = rootNameOf(this.doc, type);
      if (root === null) continue;
      const kind = rootKind(root);
      this.viewScope.add(kind, keys);
      if (kind.kind === 'control' || kind.kind === 'rounds') this.timeline.controlChanged();
      else this.timeline.figuresChanged();
    }
  };

  private readonly onViewUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === SERVER_ORIGIN) this.viewUpdate = update; // stored, then sent, by refreshView
  };

  private readonly onAwarenessUpdate = (change: AwarenessChange): void => {
    this.fanOut.queueAwareness(change);
  };
}

/** The empty state vector: a client that holds nothing. */
const EMPTY_VECTOR = Y.encodeStateVector(new Map());

/** Per client id, the later clock of two state vectors. */
function laterOfVectors(a: Uint8Array, b: Uint8Array): Uint8Array {
  const later = Y.decodeStateVector(a);
  for (const [client, clock] of Y.decodeStateVector(b)) {
    if (clock > (later.get(client) ?? 0)) later.set(client, clock);
  }
  return Y.encodeStateVector(later);
}

/** A document's state vector as a map, read from its store without encoding it. */
function clocksOf(doc: Y.Doc): Map<number, number> {
  const clocks = new Map<number, number>();
  for (const client of doc.store.clients.keys()) clocks.set(client, Y.getState(doc.store, client));
  return clocks;
}

/** A fresh Yjs client id (what Y.Doc picks for itself). */
function randomClientId(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
}
