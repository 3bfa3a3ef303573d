/**
 * A client connected to another server process, as the room holding its board sees it: a room
 * connection like a local socket's, whose frames go back through the board's channel (gathered by
 * the FrameBatcher) and whose close is a message to its process. The socket-level limits (frame
 * size, message and byte rates, the send buffer) are applied where the socket is; the awareness
 * rate, which only the room can judge, is applied here.
 */
import type { Role } from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../persistence/updateLog.ts';
import { closeReason } from '../rooms/closeReason.ts';
import { type ClientMessage, decodeClientMessage } from '../rooms/protocol.ts';
import { TokenBucket } from '../rooms/rateLimiter.ts';
import type { RoomConnection, RoomPort } from '../rooms/room.ts';
import type { FrameBatcher } from './frameBatcher.ts';

export type RemoteLimits = Pick<Limits, 'awarenessRate' | 'newClientIds'>;

export class RemoteConnection implements RoomConnection {
  private closed = false;
  private serverClosed = false;
  private readonly awareness: TokenBucket;
  readonly newClientIdLimit: Limits['newClientIds'];
  private room: RoomPort | null = null;
  /** Messages that arrived before the room was attached. */
  private early: ClientMessage[] = [];

  constructor(
    readonly boardId: string,
    /** The process the client is connected to, and its connection id there. */
    readonly instance: string,
    readonly connId: number,
    readonly participantId: string,
    readonly role: Role,
    limits: RemoteLimits,
    private readonly frames: FrameBatcher,
    private readonly sendClose: (code: number, reason: string) => void,
    private readonly logger: Logger,
  ) {
    this.awareness = new TokenBucket(limits.awarenessRate);
    this.newClientIdLimit = limits.newClientIds;
  }

  get closedByServer(): boolean {
    return this.serverClosed;
  }

  /** Joins the room and hands it what arrived meanwhile; false if gone by now. */
  attach(room: RoomPort): boolean {
    if (this.closed) return false;
    this.room = room;
    room.addConnection(this);
    const early = this.early;
    this.early = [];
    for (const message of early) room.handleMessage(this, message);
    return true;
  }

  /** A message its client sent, as its process forwarded it. */
  receive(data: Uint8Array): void {
    if (this.closed) return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(data);
    } catch (error) {
      this.refuse(error);
      return;
    }
    if (this.room) this.room.handleMessage(this, message);
    else this.early.push(message);
  }

  /** The client left its process: the room forgets it. */
  detach(): RoomPort | null {
    this.closed = true;
    const room = this.room;
    this.room = null;
    room?.removeConnection(this);
    return room;
  }

  send(frame: Uint8Array): void {
    if (this.closed) return;
    this.frames.send(this.boardId, this.instance, this.connId, frame);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.serverClosed = true;
    this.sendClose(code, closeReason(reason));
    // Its process answers with `gone`, which detaches it; until then nothing more is sent.
    this.closed = true;
  }

  allowAwareness(): boolean {
    if (this.awareness.take(1)) return true;
    this.logger.info(`closing a connection to board ${this.boardId}: rate limit`);
    this.close(CLOSES.rateLimited.code, CLOSES.rateLimited.reason);
    return false;
  }

  refuse(error: unknown): void {
    const reason = error instanceof Error ? error.message : 'unreadable message';
    this.logger.info(`closing a connection to board ${this.boardId}: ${reason}`);
    this.close(CLOSES.malformed.code, `${CLOSES.malformed.reason}: ${reason}`);
  }
}
