/**
 * One authenticated websocket on one room. Decodes each frame, hands it to the room, and
 * closes only this socket (with a named code) when a frame is malformed or a handler throws,
 * so one bad client never disturbs the others.
 */
import type { WebSocket } from 'ws';
import type { Role } from '../shared/boardDoc.ts';
import { CLOSE_MALFORMED, closeReason } from '../shared/closeCodes.ts';
import type { Logger } from './persistence/updateLog.ts';
import { decodeClientMessage, MalformedMessageError } from './protocol.ts';
import type { Room, RoomConnection } from './room.ts';

export class Connection implements RoomConnection {
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly room: Room,
    readonly participantId: string,
    readonly role: Role,
    private readonly logger: Logger,
    onClose: (connection: Connection) => void,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => {
      this.closed = true;
      onClose(this);
    });
    socket.on('error', () => this.close(CLOSE_MALFORMED, 'socket error'));
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, closeReason(reason));
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (this.closed) return;
    try {
      if (!isBinary || !Buffer.isBuffer(data))
        throw new MalformedMessageError('expected one binary frame');
      const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      this.room.handleMessage(this, decodeClientMessage(frame));
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unreadable message';
      this.logger.info(`closing a connection to board ${this.room.boardId}: ${reason}`);
      this.close(CLOSE_MALFORMED, `Malformed message: ${reason}`);
    }
  }
}
