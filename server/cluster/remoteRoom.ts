/**
 * A board whose room another server process holds, as this process's clients see it: their
 * messages go to the holder (its instance channel), and what the holder sends them comes back on
 * the board's channel, one message per frame for all of this process's receivers of it. The
 * write rules, the view and presence are the holder's alone: nothing is judged or stored here.
 *
 * When the holder is gone (nobody listens on its channel, or the board's lease names another
 * process now), every client here is closed with a code the stock provider retries: it
 * reconnects, and the board is opened again wherever it lands, through its holder then. Frames
 * and closes for one process only come on this process's own channel (clusterRooms.ts hands
 * them here).
 */
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import type { Logger } from '../persistence/updateLog.ts';
import { type ClientMessage, encodeClientMessage } from '../rooms/protocol.ts';
import type { RoomConnection, RoomPort } from '../rooms/room.ts';
import { boardChannel, type ClusterLink, instanceChannel } from './clusterLink.ts';
import {
  decodePeerMessage,
  encodePeerMessage,
  MalformedPeerMessage,
  type PeerMessage,
} from './wire.ts';

/**
 * Connection ids are unique for this process's lifetime, across every link: a holder may still
 * keep an entry of an old link (its `gone` lost with Redis), and a new connection must never be
 * taken for it.
 */
let nextConnectionId = 1;

export class RemoteRoom implements RoomPort {
  private readonly byId = new Map<number, RoomConnection>();
  private readonly ids = new Map<RoomConnection, number>();
  private stopListening: (() => void) | null = null;
  private gone = false;

  private constructor(
    readonly boardId: string,
    /** The process holding the board's room. */
    readonly holder: string,
    private readonly link: ClusterLink,
    private readonly logger: Logger,
  ) {}

  /** Listens on the board's channel first, so nothing the holder sends is missed. */
  static async open(
    boardId: string,
    holder: string,
    link: ClusterLink,
    logger: Logger,
  ): Promise<RemoteRoom> {
    const room = new RemoteRoom(boardId, holder, link, logger);
    room.stopListening = await link.listen(boardChannel(boardId), (message) =>
      room.fromBoardChannel(message),
    );
    return room;
  }

  get isEmpty(): boolean {
    return this.byId.size === 0;
  }

  /** The holder went away: no connection can use this any more. */
  get isGone(): boolean {
    return this.gone;
  }

  addConnection(connection: RoomConnection): void {
    const connId = nextConnectionId++;
    this.byId.set(connId, connection);
    this.ids.set(connection, connId);
    this.toHolder({
      type: 'open',
      boardId: this.boardId,
      from: this.link.instance,
      connId,
      participantId: connection.participantId,
      role: connection.role,
      startsEmpty: connection.startsEmpty,
    });
  }

  removeConnection(connection: RoomConnection): void {
    const connId = this.ids.get(connection);
    if (connId === undefined) return;
    this.ids.delete(connection);
    this.byId.delete(connId);
    // Even once the holder seems gone: if it is not, it must forget the connection.
    this.toHolder({ type: 'gone', boardId: this.boardId, from: this.link.instance, connId }, true);
  }

  handleMessage(connection: RoomConnection, message: ClientMessage): void {
    const connId = this.ids.get(connection);
    if (connId === undefined) return;
    this.toHolder({
      type: 'message',
      boardId: this.boardId,
      from: this.link.instance,
      connId,
      data: encodeClientMessage(message),
    });
  }

  /** Closes every client here (the board was deleted, or its holder stepped down). */
  closeAll(close: Close): void {
    for (const connection of [...this.byId.values()]) connection.close(close.code, close.reason);
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
  }

  private toHolder(message: PeerMessage, evenIfGone = false): void {
    if (this.gone && !evenIfGone) return;
    this.link.publish(instanceChannel(this.holder), encodePeerMessage(message)).then(
      (heard) => {
        if (heard === 0) this.holderGone();
      },
      (error: unknown) => {
        this.logger.error(`board ${this.boardId}: not forwarded: ${String(error)}`);
        this.holderGone();
      },
    );
  }

  /** Its clients reconnect and open the board wherever they land. */
  holderGone(close: Close = CLOSES.restarting): void {
    if (this.gone) return;
    this.gone = true;
    this.closeAll(close);
  }

  private fromBoardChannel(bytes: Buffer): void {
    let message: PeerMessage;
    try {
      message = decodePeerMessage(new Uint8Array(bytes));
    } catch (error) {
      if (!(error instanceof MalformedPeerMessage)) throw error;
      this.logger.error(`board ${this.boardId}: ${error.message}`);
      return;
    }
    this.deliver(message);
  }

  /** What the holder sent this process's clients of the board, on either channel. */
  deliver(message: PeerMessage): void {
    if (!('boardId' in message) || message.boardId !== this.boardId) return;
    switch (message.type) {
      case 'frames':
        for (const connId of message.to.get(this.link.instance) ?? []) {
          this.byId.get(connId)?.send(message.frame);
        }
        return;
      case 'close':
        if (message.instance === this.link.instance) {
          this.byId.get(message.connId)?.close(message.code, message.reason);
        }
        return;
      case 'closeBoard':
        // Deleted, or its holder stepped down: whoever opens it next finds its holder anew.
        if (message.holder === '' || message.holder === this.holder) {
          this.holderGone({ code: message.code, reason: message.reason });
        }
        return;
      default:
        return; // meant for a holder
    }
  }
}
