/**
 * Boards shared by several server processes (REDIS_URL with DATABASE_URL): each board's room
 * lives in one process at a time, the holder of its lease (boardLeases.ts), which alone judges,
 * stores and sends its changes. A client that connects to another process reaches that room
 * through Redis (remoteRoom.ts on its side, remoteClients.ts on the holder's), and the HTTP API's
 * board commands are carried to the holder the same way. Nobody holds a board nobody uses: the
 * first client (or command) anywhere takes the lease, and the holder gives it back once its
 * room has unloaded and stored its state.
 *
 * A process that takes a board raises its fencing epoch in PostgreSQL first (`claim`), so a
 * former holder that has not noticed can no longer store anything of it.
 */
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import type {
  BoardCommand,
  BoardCommandKind,
  BoardCommandOutput,
  BoardCommands,
  LocalBoardCommands,
} from '../boards/boardCommands.ts';
import { BoardServiceError } from '../boards/boardServiceError.ts';
import { RoomLoadError } from '../persistence/roomLoad.ts';
import type { Logger } from '../persistence/updateLog.ts';
import type { BoardRooms, HeldPort } from '../rooms/boardRooms.ts';
import type { RoomRegistry } from '../rooms/roomRegistry.ts';
import type { Fencing } from './boardFencing.ts';
import { BoardLeases } from './boardLeases.ts';
import { boardChannel, type ClusterLink, instanceChannel, leaseKey } from './clusterLink.ts';
import { parseCommand, parseReply, replyOf } from './commandMessages.ts';
import { FrameBatcher } from './frameBatcher.ts';
import { RemoteClients } from './remoteClients.ts';
import type { RemoteLimits } from './remoteConnection.ts';
import { RemoteRoom } from './remoteRoom.ts';
import {
  decodePeerMessage,
  encodePeerMessage,
  MalformedPeerMessage,
  type PeerMessage,
} from './wire.ts';

const COMMAND_TIMEOUT_MS = 15_000;
/** What a carried command's holder leaves its asker: the answer's way back, and some slack. */
const COMMAND_MARGIN_MS = 2_000;
/** How often the links to other holders are checked against the boards' leases. */
const HOLDER_CHECK_MS = 3_000;

export interface ClusterRoomsOptions {
  link: ClusterLink;
  rooms: RoomRegistry;
  commands: LocalBoardCommands;
  limits: RemoteLimits;
  /** The boards' fencing epochs (PostgreSQL): raised before this process loads a board. */
  fencing: Fencing;
  logger: Logger;
  /** The clock carried commands' time limits are counted with (the commands' own). */
  now?: () => number;
}

export class ClusterRooms implements BoardCommands, BoardRooms {
  private readonly link: ClusterLink;
  private readonly leases: BoardLeases;
  private readonly frames: FrameBatcher;
  private readonly remoteClients: RemoteClients;
  /** By board: the link to its holder that new connections use. */
  private readonly remoteRooms = new Map<string, RemoteRoom>();
  /** Connections on each link (an old link lives on until its last connection closes). */
  private readonly remoteHolders = new Map<RemoteRoom, number>();
  /** Every live link of each board, old ones included (what the holder sends is theirs too). */
  private readonly linksByBoard = new Map<string, Set<RemoteRoom>>();
  /** Links being opened, by board and holder. */
  private readonly openingRemote = new Map<string, Promise<RemoteRoom>>();
  private readonly holderCheck: NodeJS.Timeout;
  private readonly pending = new Map<number, (reply: PeerMessage & { type: 'reply' }) => void>();
  private nextRequest = 1;
  private stopListening: (() => void) | null = null;
  private readonly now: () => number;

  constructor(private readonly options: ClusterRoomsOptions) {
    this.link = options.link;
    this.now = options.now ?? Date.now;
    this.leases = new BoardLeases(options.link, options.logger);
    this.frames = new FrameBatcher(options.link, options.logger, (boardId, to) =>
      this.remoteClients.lost(boardId, to),
    );
    this.remoteClients = new RemoteClients(
      options.link,
      { hold: (boardId) => this.holdIfHolder(boardId) },
      this.frames,
      options.limits,
      options.logger,
    );
    options.rooms.onUnloaded((boardId) => {
      // Once this turn is over: a hold on its way here still needs the lease.
      setImmediate(() => {
        if (!this.opening.has(boardId) && !options.rooms.inUse(boardId))
          void this.giveBack(boardId);
      });
    });
    // A holder that stalled past its lease, or stepped down unheard, is replaced by another:
    // this process's links to it follow the lease.
    this.holderCheck = setInterval(() => void this.checkHolders(), HOLDER_CHECK_MS);
    this.holderCheck.unref();
    // Another process holds it now (its epoch moved): only that board stops here.
    options.fencing.onFenced((boardId) => this.fencedOut(boardId));
    // What was published while Redis was away is lost: clients here reconnect and sync again.
    options.link.onReconnect(() => {
      for (const room of this.remoteHolders.keys()) room.closeAll(CLOSES.restarting);
      // Their processes close them too; whatever was lost meanwhile is resent on reconnect.
      this.remoteClients.forgetAll();
    });
  }

  async start(): Promise<void> {
    this.stopListening = await this.link.listen(instanceChannel(this.link.instance), (bytes) =>
      this.fromInstanceChannel(bytes),
    );
  }

  /** The board as a connection of this process uses it: its room here, or the link to it. */
  async hold(boardId: string): Promise<HeldPort> {
    const lease = await this.leases.acquire(boardId, () => this.stepDown(boardId));
    if (lease.held) return this.holdOwned(boardId, lease.fresh);
    const remote = await this.remoteRoom(boardId, lease.holder);
    return {
      port: remote,
      release: () => this.releaseRemote(boardId, remote),
    };
  }

  /** Runs a board command here if this process holds (or can take) the board, else at its holder. */
  async run<K extends BoardCommandKind>(
    boardId: string,
    command: BoardCommand<K>,
    notAfter?: number,
  ): Promise<BoardCommandOutput<K>> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const lease = await this.leases.acquire(boardId, () => this.stepDown(boardId));
      if (lease.held) {
        try {
          return await this.whileOpening(boardId, async () => {
            await this.claimed(boardId, lease.fresh);
            return this.options.commands.run(boardId, command, notAfter);
          });
        } catch (error) {
          // Stepped down meanwhile (fenced, or the lease lost): the board's holder runs it.
          const steppedDown = !this.leases.holds(boardId);
          if (!this.opening.has(boardId) && !this.options.rooms.inUse(boardId)) {
            await this.giveBack(boardId);
          }
          if (error instanceof RoomLoadError && steppedDown) continue;
          throw error;
        }
      }
      const reply = await this.ask(lease.holder, boardId, command as BoardCommand, notAfter);
      if (reply !== 'holder gone') return reply as BoardCommandOutput<K>;
    }
    throw new RoomLoadError(`board ${boardId}: its holder kept changing`, CLOSES.restarting);
  }

  /**
   * Deleted: its room here goes unstored, and every process closes its sockets. Redis being
   * away does not make the deletion fail (it is done in PostgreSQL by now): the other
   * processes' sockets of it close when Redis returns (every forwarded client is closed then)
   * or when its holder's lease runs out, and none can open again (its tokens are gone).
   */
  async closeBoard(boardId: string, close: Close): Promise<void> {
    this.options.rooms.discard(boardId, close);
    try {
      await this.closeEverywhere(boardId, close);
    } catch (error) {
      this.options.logger.error(
        `board ${boardId}: deleted, but other processes not told (Redis): ${String(error)}`,
      );
    }
  }

  /**
   * Closes the board everywhere (it was deleted): the processes with clients of it hear it on
   * the board's channel, and its holder, which does not listen there, on its own channel.
   */
  private async closeEverywhere(boardId: string, close: Close): Promise<void> {
    const message = encodePeerMessage({ type: 'closeBoard', boardId, holder: '', ...close });
    const holder = await this.link.commands.get(leaseKey(boardId));
    await Promise.all([
      this.link.publish(boardChannel(boardId), message),
      holder !== null && holder !== this.link.instance
        ? this.link.publish(instanceChannel(holder), message)
        : undefined,
    ]);
  }

  async stop(): Promise<void> {
    clearInterval(this.holderCheck);
    this.stopListening?.();
    this.remoteClients.stop();
    this.leases.stop();
    for (const room of this.remoteHolders.keys()) room.stop();
  }

  /** The board's room here, if this process holds its lease or can take it; else null. */
  private async holdIfHolder(boardId: string): Promise<HeldPort | null> {
    const lease = await this.leases.acquire(boardId, () => this.stepDown(boardId));
    return lease.held ? this.holdOwned(boardId, lease.fresh) : null;
  }

  /** The board's room here, whose lease this process holds. */
  private async holdOwned(boardId: string, fresh: boolean): Promise<HeldPort> {
    try {
      const room = await this.whileOpening(boardId, async () => {
        await this.claimed(boardId, fresh);
        return this.options.rooms.hold(boardId);
      });
      return { port: room, release: () => this.options.rooms.release(room) };
    } catch (error) {
      // No room came of it: the lease goes back, or nobody could ever take the board again.
      if (!this.opening.has(boardId) && !this.options.rooms.inUse(boardId)) {
        await this.giveBack(boardId);
      }
      throw error;
    }
  }

  /**
   * The fencing epoch is raised once each time this process takes a board's lease, before
   * anything of the board loads or is written here; later holds wait for that raise. Raising it
   * again while holding would refuse this process's own writes still on their way.
   */
  private readonly claims = new Map<string, Promise<void>>();
  /** Holds of a board under way here (between taking the lease and the room being held). */
  private readonly opening = new Map<string, number>();

  private async giveBack(boardId: string): Promise<void> {
    this.claims.delete(boardId);
    this.options.fencing.drop(boardId);
    await this.leases.release(boardId);
  }

  /** Runs `open` counted as a hold under way, so an unload meanwhile keeps the lease. */
  private async whileOpening<T>(boardId: string, open: () => Promise<T>): Promise<T> {
    this.opening.set(boardId, (this.opening.get(boardId) ?? 0) + 1);
    try {
      return await open();
    } finally {
      const left = (this.opening.get(boardId) ?? 1) - 1;
      if (left > 0) this.opening.set(boardId, left);
      else this.opening.delete(boardId);
    }
  }

  private claimed(boardId: string, fresh: boolean): Promise<void> {
    if (fresh || !this.claims.has(boardId)) {
      const claim = this.options.fencing.claim(boardId);
      claim.catch(() => {
        if (this.claims.get(boardId) === claim) this.claims.delete(boardId);
      });
      this.claims.set(boardId, claim);
    }
    return this.claims.get(boardId) ?? Promise.resolve();
  }

  /** Lost the lease: the room goes without storing more, its clients everywhere reconnect. */
  private stepDown(boardId: string): void {
    this.claims.delete(boardId);
    this.options.rooms.discard(boardId, CLOSES.restarting);
    // Only the links to this process close: the lease may be another process's already, and
    // its clients elsewhere stay.
    const message = encodePeerMessage({
      type: 'closeBoard',
      boardId,
      holder: this.link.instance,
      ...CLOSES.restarting,
    });
    void this.link.publish(boardChannel(boardId), message).catch(() => undefined);
  }

  /**
   * Its writes were refused: another process took the board (a lease lost unnoticed, as after
   * a Redis restart). This process steps down for that board alone, and gives the lease back if
   * Redis still names it, so that its clients, reconnecting, find the board's one holder.
   */
  private fencedOut(boardId: string): void {
    this.stepDown(boardId);
    void this.leases.release(boardId, { evenIfNotHeld: true });
  }

  /**
   * The link to the board's holder. A link to a process that no longer holds it is not reused:
   * its clients are closed to reconnect (they reach the holder then).
   */
  private async remoteRoom(boardId: string, holder: string): Promise<RemoteRoom> {
    let room = this.remoteRooms.get(boardId);
    if (room && !room.isGone && room.holder !== holder) room.holderGone();
    if (!room || room.isGone) {
      const key = `${boardId}/${holder}`;
      let opening = this.openingRemote.get(key);
      if (!opening) {
        opening = RemoteRoom.open(boardId, holder, this.link, this.options.logger).finally(() =>
          this.openingRemote.delete(key),
        );
        this.openingRemote.set(key, opening);
      }
      room = await opening;
      if (!this.remoteHolders.has(room)) {
        let links = this.linksByBoard.get(boardId);
        if (!links) {
          links = new Set();
          this.linksByBoard.set(boardId, links);
        }
        links.add(room);
      }
      this.remoteRooms.set(boardId, room);
    }
    this.remoteHolders.set(room, (this.remoteHolders.get(room) ?? 0) + 1);
    return room;
  }

  private releaseRemote(boardId: string, room: RemoteRoom): void {
    const holders = (this.remoteHolders.get(room) ?? 1) - 1;
    if (holders > 0) {
      this.remoteHolders.set(room, holders);
      return;
    }
    this.remoteHolders.delete(room);
    if (this.remoteRooms.get(boardId) === room) this.remoteRooms.delete(boardId);
    const links = this.linksByBoard.get(boardId);
    links?.delete(room);
    if (links?.size === 0) this.linksByBoard.delete(boardId);
    room.stop();
  }

  /** Closes the clients of every link whose board's lease names another process by now. */
  private async checkHolders(): Promise<void> {
    const links = [...this.remoteHolders.keys()].filter((room) => !room.isGone);
    if (links.length === 0) return;
    let holders: (string | null)[];
    try {
      holders = await this.link.commands.mget(links.map((room) => leaseKey(room.boardId)));
    } catch {
      return; // Redis away: its return closes these links anyway
    }
    links.forEach((room, index) => {
      if (holders[index] !== room.holder) room.holderGone();
    });
  }

  /**
   * Carries a command to the board's holder; 'holder gone' when nobody listens there. The holder
   * is told how long this waits, and does not start the command later than that: one that
   * timed out here (a join answered with an error) never runs there afterwards.
   */
  private ask(
    holder: string,
    boardId: string,
    command: BoardCommand,
    notAfter?: number,
  ): Promise<unknown> {
    const requestId = this.nextRequest++;
    const waitMs =
      notAfter === undefined
        ? COMMAND_TIMEOUT_MS
        : Math.max(0, Math.min(COMMAND_TIMEOUT_MS, notAfter - this.now()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new RoomLoadError(`board ${boardId}: its holder did not answer`, CLOSES.restarting));
      }, waitMs);
      timer.unref();
      this.pending.set(requestId, (reply) => {
        clearTimeout(timer);
        try {
          resolve(parseReply(reply));
        } catch (error) {
          reject(error);
        }
      });
      const message = encodePeerMessage({
        type: 'command',
        boardId,
        from: this.link.instance,
        requestId,
        budgetMs: Math.max(0, waitMs - COMMAND_MARGIN_MS),
        command: JSON.stringify(command),
      });
      this.link.publish(instanceChannel(holder), message).then(
        (heard) => {
          if (heard > 0) return;
          clearTimeout(timer);
          this.pending.delete(requestId);
          resolve('holder gone');
        },
        (error: unknown) => {
          clearTimeout(timer);
          this.pending.delete(requestId);
          reject(error);
        },
      );
    });
  }

  private fromInstanceChannel(bytes: Buffer): void {
    let message: PeerMessage;
    try {
      message = decodePeerMessage(new Uint8Array(bytes));
    } catch (error) {
      if (!(error instanceof MalformedPeerMessage)) throw error;
      this.options.logger.error(`from another process: ${error.message}`);
      return;
    }
    switch (message.type) {
      case 'open':
      case 'message':
      case 'gone':
        this.remoteClients.handle(message);
        return;
      case 'command':
        void this.answer(message);
        return;
      case 'reply':
        this.pending.get(message.requestId)?.(message);
        this.pending.delete(message.requestId);
        return;
      case 'closeBoard':
        this.options.rooms.discard(message.boardId, { code: message.code, reason: message.reason });
        return;
      case 'frames':
      case 'close':
        // For this process's clients alone (the holder sent it here, not to every process).
        for (const room of this.linksByBoard.get(message.boardId) ?? []) room.deliver(message);
        return;
      default:
        message satisfies never;
    }
  }

  /** Runs a command another process carried here, and answers it. */
  private async answer(message: Extract<PeerMessage, { type: 'command' }>): Promise<void> {
    let reply: { ok: boolean; body: string };
    try {
      const command = parseCommand(message.command);
      const notAfter = this.now() + message.budgetMs;
      reply = replyOf(await this.run(message.boardId, command, notAfter), null);
    } catch (error) {
      reply = replyOf(undefined, error);
      if (!(error instanceof BoardServiceError) && !(error instanceof RoomLoadError)) {
        this.options.logger.error(
          `board ${message.boardId}: a carried command failed: ${String(error)}`,
        );
      }
    }
    const answer = encodePeerMessage({ type: 'reply', requestId: message.requestId, ...reply });
    await this.link.publish(instanceChannel(message.from), answer).catch(() => undefined);
  }
}
