/**
 * The rooms in memory, by board id. A room is loaded from the store when first needed and
 * unloaded (compacted into one stored state) when its last connection leaves. A board that
 * failed to load is not tried again for a few seconds, so its retrying clients do not reread
 * (and re-log) its damaged data many times a second.
 */

import type { Close } from '../../shared/closeCodes.ts';
import { RoomLoadError } from '../persistence/roomLoad.ts';
import type { Logger, UpdateLog } from '../persistence/updateLog.ts';
import { Room } from './room.ts';

const RELOAD_AFTER_FAILURE_MS = 5_000;

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly failures = new Map<string, { error: RoomLoadError; at: number }>();

  constructor(
    private readonly log: UpdateLog,
    private readonly logger: Logger,
    private readonly budgetBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  /** The live room of a board, loading it if needed. Throws RoomLoadError if it cannot load. */
  open(boardId: string): Room {
    const existing = this.rooms.get(boardId);
    if (existing) return existing;
    const failure = this.failures.get(boardId);
    if (failure && this.now() - failure.at < RELOAD_AFTER_FAILURE_MS) throw failure.error;
    let room: Room;
    try {
      room = new Room(boardId, this.log, this.budgetBytes);
    } catch (error) {
      const loadError =
        error instanceof RoomLoadError
          ? error
          : new RoomLoadError(`board ${boardId} could not be loaded: ${String(error)}`);
      this.logger.error(`ROOM NOT LOADED: ${loadError.message}`);
      this.failures.set(boardId, { error: loadError, at: this.now() });
      throw loadError;
    }
    this.failures.delete(boardId);
    this.rooms.set(boardId, room);
    return room;
  }

  /** The room of a board if it is in memory; never loads one. */
  peek(boardId: string): Room | null {
    return this.rooms.get(boardId) ?? null;
  }

  /** Unloads a room that nobody is connected to any more. */
  release(room: Room): void {
    if (room.connectionCount > 0 || this.rooms.get(room.boardId) !== room) return;
    this.rooms.delete(room.boardId);
    room.destroy();
  }

  /** Runs a server-side change on a board whether or not anyone is connected to it. */
  withRoom<T>(boardId: string, use: (room: Room) => T): T {
    const room = this.open(boardId);
    try {
      return use(room);
    } finally {
      this.release(room);
    }
  }

  /**
   * Forgets a deleted board: closes its sockets and drops its room and queued updates without
   * storing anything, so nothing of it is written back.
   */
  discard(boardId: string, close: Close): void {
    this.log.forget(boardId);
    this.failures.delete(boardId);
    const room = this.rooms.get(boardId);
    if (!room) return;
    this.rooms.delete(boardId);
    room.closeAll(close);
    room.discard();
  }

  /** Closes every connection and stores every room (shutdown). */
  closeAll(close: Close): void {
    for (const room of [...this.rooms.values()]) {
      room.closeAll(close);
      this.rooms.delete(room.boardId);
      room.destroy();
    }
    this.logger.info('all rooms stored and closed');
  }
}
