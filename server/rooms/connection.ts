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

/** How long a client closed for what it sent keeps its socket, for our close frame to leave. */
const CUT_AFTER_MS = 1_000;

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

  /**
   * Closed for its flood or a malformed frame, a compressed socket may go on sending, and ws would
   * inflate what arrives until the close handshake ends (30 s), and then what it already holds,
   * each frame up to a thousand times its size. So it is read no more: paused, what ws holds is
   * no longer inflated (its inflater fails, and ws ends the socket once the close has left), and
   * it is cut after a second in any case, once the close frame has had time to arrive (cut at
   * once, unread data would make it a reset that could overtake the close). An uncompressed
   * socket's later frames are only parsed and dropped.
   */
  protected override stopReading(): void {
    if (!this.socket.extensions.includes('permessage-deflate')) return;
    this.socket.pause();
    stopInflating(this.socket);
    setTimeout(() => this.socket.terminate(), CUT_AFTER_MS).unref();
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
    this.stopReading();
    return false;
  }
}

/** The part of ws's permessage-deflate that inflates what a socket receives (ws 8). */
interface Inflating {
  decompress(data: Buffer, fin: boolean, callback: (error: Error | null) => void): void;
}

/**
 * Makes every later inflation of the socket fail: ws then stops reading it and ends it. ws has no
 * public way to drop what it has already received; where its internals differ, the pause and the
 * cut still bound it.
 */
function stopInflating(socket: WebSocket): void {
  const extensions = (socket as unknown as { _extensions?: Record<string, unknown> })._extensions;
  const deflate = extensions?.['permessage-deflate'] as Partial<Inflating> | undefined;
  if (typeof deflate?.decompress !== 'function') return;
  deflate.decompress = (_data, _fin, callback) =>
    callback(new Error('closed for what it sent: nothing more is read'));
}
