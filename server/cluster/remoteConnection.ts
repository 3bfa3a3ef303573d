/**
 * A client connected to another server process, as the room holding its board sees it: a room
 * connection like a local socket's, whose frames go back through the board's channel (gathered by
 * the FrameBatcher) and whose close is a message to its process. The socket-level limits (frame
 * size, message and byte rates, the send buffer) are applied where the socket is; the awareness
 * rate, which only the room can judge, is applied here, and what arrives before its room is
 * attached waits within the same bounds as a socket's (roomAttachment.ts).
 */
import type { Role } from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../persistence/updateLog.ts';
import { type ClientMessage, decodeClientMessage } from '../rooms/protocol.ts';
import { TokenBucket } from '../rooms/rateLimiter.ts';
import type { RoomPort } from '../rooms/room.ts';
import { type EarlyLimits, earlyBounds, RoomAttachment } from '../rooms/roomAttachment.ts';
import type { FrameBatcher } from './frameBatcher.ts';

export type RemoteLimits = Pick<Limits, 'awarenessRate' | 'newClientIds'> & EarlyLimits;

export class RemoteConnection extends RoomAttachment {
  private readonly awareness: TokenBucket;
  readonly newClientIdLimit: Limits['newClientIds'];

  constructor(
    boardId: string,
    /** The process the client is connected to, and its connection id there. */
    readonly instance: string,
    readonly connId: number,
    participantId: string,
    role: Role,
    startsEmpty: boolean,
    limits: RemoteLimits,
    private readonly frames: FrameBatcher,
    private readonly sendClose: (code: number, reason: string) => void,
    logger: Logger,
  ) {
    super(boardId, participantId, role, startsEmpty, earlyBounds(limits), logger);
    this.awareness = new TokenBucket(limits.awarenessRate);
    this.newClientIdLimit = limits.newClientIds;
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
    this.deliver(message, data.length);
  }

  /** The client left its process: the room forgets it. */
  detach(): RoomPort | null {
    return this.leaveRoom();
  }

  send(frame: Uint8Array): void {
    if (this.closed) return;
    this.frames.send(this.boardId, this.instance, this.connId, frame);
  }

  /** Its process answers with `gone`, which detaches it; until then nothing more is sent. */
  protected closeClient(code: number, reason: string): void {
    this.sendClose(code, reason);
  }

  allowAwareness(): boolean {
    if (this.awareness.take(1)) return true;
    this.logger.info(`closing a connection to board ${this.boardId}: rate limit`);
    this.close(CLOSES.rateLimited.code, CLOSES.rateLimited.reason);
    return false;
  }
}
