/**
 * What a socket's connection (connection.ts) and a client forwarded from another process
 * (cluster/remoteConnection.ts) share as the room sees them. Either is taken before its room is
 * there (the room loads, or the message that opens it is still on its way): what its client
 * sends meanwhile waits here, in order, within a bound on its bytes and its count, and goes to
 * the room once attached. Over the bound it is closed with a code the stock provider retries.
 */
import type { Role } from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../persistence/updateLog.ts';
import { closeReason } from './closeReason.ts';
import type { ClientMessage } from './protocol.ts';
import type { RoomConnection, RoomPort } from './room.ts';

/** How much may wait for the room: its bytes, and how many messages. */
export interface EarlyBounds {
  maxBytes: number;
  maxMessages: number;
}

export type EarlyLimits = Pick<Limits, 'maxBufferedBytes' | 'updateRate' | 'awarenessRate'>;

/** The send buffer's bound, and as many messages as a client may send in one burst. */
export function earlyBounds(limits: EarlyLimits): EarlyBounds {
  return {
    maxBytes: limits.maxBufferedBytes,
    maxMessages: limits.updateRate.burst + limits.awarenessRate.burst,
  };
}

export abstract class RoomAttachment implements RoomConnection {
  /** Closed (by either side): nothing more is received or sent. */
  protected closed = false;
  private serverClosed = false;
  private room: RoomPort | null = null;
  /** Messages that arrived before the room was attached, and their bytes. */
  private early: ClientMessage[] = [];
  private earlyBytes = 0;

  constructor(
    readonly boardId: string,
    readonly participantId: string,
    readonly role: Role,
    readonly startsEmpty: boolean,
    private readonly bounds: EarlyBounds,
    protected readonly logger: Logger,
  ) {}

  get closedByServer(): boolean {
    return this.serverClosed;
  }

  /** Joins the room and hands it what arrived meanwhile; false if closed by now. */
  attach(room: RoomPort): boolean {
    if (this.closed) return false;
    this.room = room;
    room.addConnection(this);
    const early = this.early;
    this.early = [];
    for (const message of early) room.handleMessage(this, message);
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.serverClosed = true;
    this.closeClient(code, closeReason(reason));
  }

  refuse(error: unknown): void {
    const reason = error instanceof Error ? error.message : 'unreadable message';
    this.logger.info(`closing a connection to board ${this.boardId}: ${reason}`);
    this.close(CLOSES.malformed.code, `${CLOSES.malformed.reason}: ${reason}`);
  }

  abstract send(frame: Uint8Array): void;
  abstract allowAwareness(): boolean;

  /** Closes the client itself (its socket, or through its process). */
  protected abstract closeClient(code: number, reason: string): void;

  /** A message its client sent (`bytes` long): to the room, or kept until it is attached. */
  protected deliver(message: ClientMessage, bytes: number): void {
    if (this.room) {
      this.room.handleMessage(this, message);
      return;
    }
    this.earlyBytes += bytes;
    if (this.earlyBytes > this.bounds.maxBytes || this.early.length >= this.bounds.maxMessages) {
      this.logger.info(`closing a connection to board ${this.boardId}: too much before its room`);
      this.close(CLOSES.rateLimited.code, CLOSES.rateLimited.reason);
      return;
    }
    this.early.push(message);
  }

  /** Leaves the room (the client is gone); nothing more is received. */
  protected leaveRoom(): RoomPort | null {
    this.closed = true;
    const room = this.room;
    this.room = null;
    this.early = [];
    room?.removeConnection(this);
    return room;
  }
}
