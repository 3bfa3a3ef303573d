/**
 * One authenticated websocket on one room. Decodes each frame, hands it to the room, and
 * closes only this socket (with a named code) when a frame is malformed or a handler throws,
 * so one bad client never disturbs the others. It also keeps each client to its share: a
 * message rate (token buckets, one for sync and one for awareness, which the room charges only
 * for news) and a bound on the data waiting to be sent to it. Both closes use codes the stock
 * provider retries by itself.
 */
import type { WebSocket } from 'ws';
import type { Role } from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../persistence/updateLog.ts';
import { closeReason } from './closeReason.ts';
import { type ClientMessage, decodeClientMessage, MalformedMessageError } from './protocol.ts';
import { TokenBucket } from './rateLimiter.ts';
import type { Room, RoomConnection } from './room.ts';

export type SocketLimits = Pick<Limits, 'maxBufferedBytes' | 'updateRate' | 'awarenessRate'>;

export class Connection implements RoomConnection {
  private closed = false;
  private readonly updates: TokenBucket;
  private readonly awareness: TokenBucket;

  constructor(
    private readonly socket: WebSocket,
    private readonly room: Room,
    readonly participantId: string,
    readonly role: Role,
    private readonly limits: SocketLimits,
    private readonly logger: Logger,
    onClose: (connection: Connection) => void,
  ) {
    this.updates = new TokenBucket(limits.updateRate);
    this.awareness = new TokenBucket(limits.awarenessRate);
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => {
      this.closed = true;
      onClose(this);
    });
    socket.on('error', () => this.close(CLOSES.socketError.code, CLOSES.socketError.reason));
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame, { binary: true });
    // A client that stops reading would make the server hold everything for it.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.logger.info(`closing a connection to board ${this.room.boardId}: send buffer full`);
      this.close(CLOSES.tooSlow.code, CLOSES.tooSlow.reason);
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, closeReason(reason));
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (this.closed) return;
    let message: ClientMessage;
    try {
      if (!isBinary || !Buffer.isBuffer(data))
        throw new MalformedMessageError('expected one binary frame');
      // A copy that owns its memory: a frame may be a view into a larger socket buffer, and a
      // lying length prefix inside it must fail rather than read the bytes next to it.
      message = decodeClientMessage(new Uint8Array(data));
    } catch (error) {
      this.refuseMalformed(error);
      return;
    }
    // Awareness is counted by the room, which can tell news from the provider's echoes.
    const isSync = message.type !== 'awareness' && message.type !== 'query-awareness';
    if (isSync && !this.withinRate(this.updates)) return;
    try {
      this.room.handleMessage(this, message);
    } catch (error) {
      this.refuseMalformed(error);
    }
  }

  allowAwareness(): boolean {
    return this.withinRate(this.awareness);
  }

  private withinRate(bucket: TokenBucket): boolean {
    if (bucket.take()) return true;
    this.logger.info(`closing a connection to board ${this.room.boardId}: rate limit`);
    this.close(CLOSES.rateLimited.code, CLOSES.rateLimited.reason);
    return false;
  }

  private refuseMalformed(error: unknown): void {
    const reason = error instanceof Error ? error.message : 'unreadable message';
    this.logger.info(`closing a connection to board ${this.room.boardId}: ${reason}`);
    this.close(CLOSES.malformed.code, `${CLOSES.malformed.reason}: ${reason}`);
  }
}
