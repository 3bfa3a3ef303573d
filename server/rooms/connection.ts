/**
 * One authenticated websocket on one room. Decodes each frame, hands it to the room, and
 * closes only this socket (with a named code) when a frame is malformed or a handler throws,
 * so one bad client never disturbs the others. It also keeps each client to its share: a
 * message rate (token buckets, one for sync and one for awareness, which the room charges only
 * for news), a byte rate over every frame (awareness is free up to what the server sent this
 * client lately, since the stock provider echoes it back), and a bound on the data waiting to
 * be sent to it. These closes use codes the stock provider retries by itself.
 *
 * A socket is accepted before its room has loaded (a store may answer later): the frames that
 * arrive meanwhile wait (roomAttachment.ts), in order and within the same limits plus a bound on
 * their bytes and count, and go to the room once it is attached.
 */
import type { WebSocket } from 'ws';
import type { Role } from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../persistence/updateLog.ts';
import { type ClientMessage, decodeClientMessage, MalformedMessageError } from './protocol.ts';
import { RecentAllowance, TokenBucket } from './rateLimiter.ts';
import { earlyBounds, RoomAttachment } from './roomAttachment.ts';

export type SocketLimits = Pick<
  Limits,
  | 'maxBufferedBytes'
  | 'updateRate'
  | 'awarenessRate'
  | 'byteRate'
  | 'awarenessEchoWindowMs'
  | 'newClientIds'
>;

export class Connection extends RoomAttachment {
  private readonly updates: TokenBucket;
  private readonly awareness: TokenBucket;
  private readonly bytes: TokenBucket;
  /** What was sent to this client lately: its echoes of it are free. */
  private readonly echoable: RecentAllowance;
  /** New Yjs client ids this connection's participant may write under (writeGate.ts). */
  readonly newClientIdLimit: Limits['newClientIds'];

  constructor(
    private readonly socket: WebSocket,
    boardId: string,
    participantId: string,
    role: Role,
    startsEmpty: boolean,
    private readonly limits: SocketLimits,
    logger: Logger,
    onClose: (connection: Connection) => void,
  ) {
    super(boardId, participantId, role, startsEmpty, earlyBounds(limits), logger);
    this.updates = new TokenBucket(limits.updateRate);
    this.awareness = new TokenBucket(limits.awarenessRate);
    this.bytes = new TokenBucket(limits.byteRate);
    this.echoable = new RecentAllowance(limits.awarenessEchoWindowMs);
    this.newClientIdLimit = limits.newClientIds;
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
    this.echoable.earn(frame.length);
    // A client that stops reading would make the server hold everything for it.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.logger.info(`closing a connection to board ${this.boardId}: send buffer full`);
      this.close(CLOSES.tooSlow.code, CLOSES.tooSlow.reason);
    }
  }

  protected closeClient(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (this.closed) return;
    let message: ClientMessage;
    let bytes: number;
    try {
      if (!isBinary || !Buffer.isBuffer(data))
        throw new MalformedMessageError('expected one binary frame');
      // A copy that owns its memory: a frame may be a view into a larger socket buffer, and a
      // lying length prefix inside it must fail rather than read the bytes next to it.
      message = decodeClientMessage(new Uint8Array(data));
      bytes = data.length;
    } catch (error) {
      this.refuse(error);
      return;
    }
    // Awareness messages are counted by the room, which can tell news from the provider's
    // echoes; their bytes are counted here, beyond what this client was sent lately.
    const isSync = message.type !== 'awareness' && message.type !== 'query-awareness';
    if (isSync && !this.withinRate(this.updates)) return;
    const charged = message.type === 'awareness' ? this.echoable.spend(bytes) : bytes;
    if (charged > 0 && !this.withinRate(this.bytes, charged)) return;
    this.deliver(message, bytes);
  }

  allowAwareness(): boolean {
    return this.withinRate(this.awareness);
  }

  private withinRate(bucket: TokenBucket, count = 1): boolean {
    if (bucket.take(count)) return true;
    this.logger.info(`closing a connection to board ${this.boardId}: rate limit`);
    this.close(CLOSES.rateLimited.code, CLOSES.rateLimited.reason);
    return false;
  }
}
