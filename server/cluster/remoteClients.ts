/**
 * The holder's side of clients connected through other processes: what arrives on this process's
 * instance channel. `open` adds a RemoteConnection to the board's room (holding the room, as a
 * local socket does), `message` hands it what its client sent, `gone` removes it. A process that
 * dies sends no `gone`: its key expires, and its connections are removed then, so nobody stays
 * "here" who is not (presence without ghosts).
 *
 * A `message` for a connection not known here (forgotten: its process seemed dead, Redis came
 * back, or a frame for it was lost) is answered with a close, so that its client reconnects
 * instead of waiting for answers that never come. A close is sent on the client's process's own
 * channel, and tried again a few times if it could not be published; the connection is
 * forgotten here at once either way.
 */
import { CLOSES } from '../../shared/closeCodes.ts';
import type { Logger } from '../persistence/updateLog.ts';
import type { RoomPort } from '../rooms/room.ts';
import { type ClusterLink, INSTANCE_TTL_MS, instanceChannel } from './clusterLink.ts';
import type { FrameBatcher } from './frameBatcher.ts';
import { RemoteConnection, type RemoteLimits } from './remoteConnection.ts';
import { encodePeerMessage, type PeerMessage } from './wire.ts';

/** How the holder opens a board's room for a remote client: null when it does not hold it. */
export interface HeldRooms {
  hold(boardId: string): Promise<{ port: RoomPort; release: () => void } | null>;
}

type ConnectionMessage = Extract<PeerMessage, { type: 'open' | 'message' | 'gone' }>;

/** Tries of a close that could not be published, and the wait before the first retry. */
const CLOSE_TRIES = 3;
const CLOSE_RETRY_MS = 200;

export class RemoteClients {
  private readonly connections = new Map<
    string,
    { connection: RemoteConnection; release: (() => void) | null }
  >();
  private readonly sweep: NodeJS.Timeout;
  /** Unknown connections answered with a close lately: each is answered once. */
  private answeredUnknown = new Set<string>();

  constructor(
    private readonly link: ClusterLink,
    private readonly rooms: HeldRooms,
    private readonly frames: FrameBatcher,
    private readonly limits: RemoteLimits,
    private readonly logger: Logger,
  ) {
    this.sweep = setInterval(() => void this.forgetDeadProcesses(), INSTANCE_TTL_MS);
    this.sweep.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  handle(message: ConnectionMessage): void {
    const key = `${message.boardId}/${message.from}/${message.connId}`;
    switch (message.type) {
      case 'open':
        this.open(key, message);
        return;
      case 'message': {
        const entry = this.connections.get(key);
        if (entry) entry.connection.receive(message.data);
        else this.answerUnknown(key, message);
        return;
      }
      case 'gone':
        this.forget(key);
        return;
      default:
        message satisfies never;
    }
  }

  stop(): void {
    clearInterval(this.sweep);
    this.forgetAll();
  }

  /**
   * Frames for these connections were lost on their way: each is closed (its client syncs
   * again when it reconnects) and forgotten.
   */
  lost(boardId: string, to: ReadonlyMap<string, readonly number[]>): void {
    for (const [instance, connIds] of to) {
      for (const connId of connIds) {
        const key = `${boardId}/${instance}/${connId}`;
        this.connections
          .get(key)
          ?.connection.close(CLOSES.restarting.code, CLOSES.restarting.reason);
        this.forget(key);
      }
    }
  }

  private answerUnknown(key: string, message: Extract<PeerMessage, { type: 'message' }>): void {
    if (this.answeredUnknown.has(key)) return;
    this.answeredUnknown.add(key);
    const { code, reason } = CLOSES.restarting;
    this.closeThere(message.boardId, message.from, message.connId, code, reason);
  }

  /** Every remote client leaves its room (Redis came back: their processes close them). */
  forgetAll(): void {
    for (const key of [...this.connections.keys()]) this.forget(key);
  }

  private open(key: string, message: Extract<PeerMessage, { type: 'open' }>): void {
    const { boardId, from, connId } = message;
    const existing = this.connections.get(key);
    if (existing) {
      // Connection ids are never reused: a second `open` is a replay or a fault, and whoever
      // sent it gets nobody else's connection. Both go; the client reconnects.
      existing.connection.close(CLOSES.restarting.code, CLOSES.restarting.reason);
      this.forget(key);
      return;
    }
    const connection = new RemoteConnection(
      boardId,
      from,
      connId,
      message.participantId,
      message.role,
      message.startsEmpty,
      this.limits,
      this.frames,
      (code, reason) => this.closeThere(boardId, from, connId, code, reason),
      this.logger,
    );
    const entry: { connection: RemoteConnection; release: (() => void) | null } = {
      connection,
      release: null,
    };
    this.connections.set(key, entry);
    this.rooms.hold(boardId).then(
      (held) => {
        if (held === null) {
          // Not ours (any more): the client reconnects and finds the board's holder.
          connection.close(CLOSES.restarting.code, CLOSES.restarting.reason);
          this.connections.delete(key);
          return;
        }
        if (this.connections.get(key) !== entry || !connection.attach(held.port)) {
          held.release();
          return;
        }
        entry.release = held.release;
      },
      (error: unknown) => {
        this.logger.error(`board ${boardId}: a remote client not opened: ${String(error)}`);
        connection.close(CLOSES.roomUnavailable.code, CLOSES.roomUnavailable.reason);
        this.connections.delete(key);
      },
    );
  }

  private forget(key: string): void {
    const entry = this.connections.get(key);
    if (!entry) return;
    this.connections.delete(key);
    entry.connection.detach();
    entry.release?.();
  }

  private closeThere(
    boardId: string,
    instance: string,
    connId: number,
    code: number,
    reason: string,
    tries = CLOSE_TRIES,
  ): void {
    const message = encodePeerMessage({ type: 'close', boardId, instance, connId, code, reason });
    this.link.publish(instanceChannel(instance), message).catch((error: unknown) => {
      this.logger.error(`board ${boardId}: a close not sent: ${String(error)}`);
      if (tries <= 1) return; // its next message is answered with a close (it is unknown here)
      const retry = setTimeout(
        () => this.closeThere(boardId, instance, connId, code, reason, tries - 1),
        CLOSE_RETRY_MS * (CLOSE_TRIES - tries + 1),
      );
      retry.unref();
    });
  }

  private async forgetDeadProcesses(): Promise<void> {
    this.answeredUnknown = new Set();
    const instances = new Set(
      [...this.connections.values()].map(({ connection }) => connection.instance),
    );
    for (const instance of instances) {
      let alive = true;
      try {
        alive = await this.link.isAlive(instance);
      } catch {
        continue; // Redis away: nothing can be told now
      }
      if (alive) continue;
      this.logger.info(`process ${instance} is gone: its clients leave their boards`);
      for (const [key, { connection }] of [...this.connections]) {
        if (connection.instance === instance) this.forget(key);
      }
    }
  }
}
