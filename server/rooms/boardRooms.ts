/**
 * A board as the server's sockets and the API use it, wherever its room lives: in this process
 * (LocalBoardRooms, the default), or in whichever process holds it when several share the boards
 * (cluster/clusterRooms.ts).
 */
import type { Close } from '../../shared/closeCodes.ts';
import type { RoomPort } from './room.ts';
import type { RoomRegistry } from './roomRegistry.ts';

/** A board held for one connection: let go with `release`. */
export interface HeldPort {
  port: RoomPort;
  release(): void;
}

export interface BoardRooms {
  /** The board for a connection; rejects with RoomLoadError when it cannot open. */
  hold(boardId: string): Promise<HeldPort>;
  /** Closes the board's sockets everywhere and drops its room unstored (it was deleted). */
  closeBoard(boardId: string, close: Close): Promise<void>;
}

export class LocalBoardRooms implements BoardRooms {
  constructor(private readonly rooms: RoomRegistry) {}

  async hold(boardId: string): Promise<HeldPort> {
    const room = await this.rooms.hold(boardId);
    return { port: room, release: () => this.rooms.release(room) };
  }

  async closeBoard(boardId: string, close: Close): Promise<void> {
    this.rooms.discard(boardId, close);
  }
}
