/**
 * The rooms in memory, by board id. A room is loaded from the store when first needed (once,
 * however many connections ask for it while it loads) and unloaded (compacted into one stored
 * state) when the last one holding it lets go: every connection holds its room, and so does a
 * server-side change while it runs. A board is not loaded again before its previous room has
 * stored its state. A board that failed to load is not tried again for a few seconds, so its
 * retrying clients do not reread (and re-log) its damaged data many times a second.
 *
 * While saving is paused (persistence/updateLog.ts) no room lives: every room is closed with
 * CLOSES.savingPaused and dropped without storing anything (what the store lacks was never
 * sent to anyone), and none loads until the store takes writes again.
 */

import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import { RoomLoadError } from '../persistence/roomLoad.ts';
import type { Awaitable } from '../persistence/store.ts';
import type { Logger, UpdateLog } from '../persistence/updateLog.ts';
import { Room } from './room.ts';

const RELOAD_AFTER_FAILURE_MS = 5_000;

interface LiveRoom {
  room: Room;
  /** Connections and server-side changes holding it. */
  holders: number;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, LiveRoom>();
  private readonly loading = new Map<string, Promise<void>>();
  /** Rooms storing their state on the way out, by board id. */
  private readonly unloading = new Map<string, { room: Room; stored: Promise<void> }>();
  /** Boards discarded while their room loaded: that room is dropped once loaded, with this close. */
  private readonly discardedWhileLoading = new Map<string, Close>();
  private readonly failures = new Map<string, { error: RoomLoadError; at: number }>();
  private readonly unloadListeners = new Set<(boardId: string) => void>();
  private closed = false;

  constructor(
    private readonly log: UpdateLog,
    private readonly logger: Logger,
    private readonly budgetBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    log.onPause(() => this.pauseAll());
  }

  get size(): number {
    return this.rooms.size;
  }

  /**
   * The live room of a board, loading it if needed, held until `release`. Rejects with
   * RoomLoadError if it cannot load.
   */
  async hold(boardId: string): Promise<Room> {
    for (;;) {
      const live = this.rooms.get(boardId);
      if (live) {
        live.holders += 1;
        return live.room;
      }
      await this.loaded(boardId);
    }
  }

  /** Whether the board's room is in memory, loading or storing itself on the way out. */
  inUse(boardId: string): boolean {
    return this.rooms.has(boardId) || this.loading.has(boardId) || this.unloading.has(boardId);
  }

  /** The room of a board if it is in memory; never loads one. */
  peek(boardId: string): Room | null {
    return this.rooms.get(boardId)?.room ?? null;
  }

  /** Called with a board's id once its room is gone from memory, its state stored (or dropped). */
  onUnloaded(listener: (boardId: string) => void): void {
    this.unloadListeners.add(listener);
  }

  /** Lets go of a held room; the last to let go unloads it. */
  release(room: Room): void {
    const live = this.rooms.get(room.boardId);
    if (live?.room !== room) return;
    live.holders -= 1;
    if (live.holders > 0) return;
    this.rooms.delete(room.boardId);
    const unloading = {
      room,
      stored: this.store(room).finally(() => {
        if (this.unloading.get(room.boardId) === unloading) this.unloading.delete(room.boardId);
        this.unloaded(room.boardId);
      }),
    };
    this.unloading.set(room.boardId, unloading);
  }

  /** Runs a server-side change on a board, in its order, whether or not anyone is connected. */
  async withRoom<T>(boardId: string, use: (room: Room) => Awaitable<T>): Promise<T> {
    const room = await this.hold(boardId);
    try {
      return await room.exclusively(() => {
        // Its board was deleted while this waited for its turn.
        if (room.isDiscarded) throw new RoomLoadError(`board ${boardId} was deleted`);
        return use(room);
      });
    } finally {
      this.release(room);
    }
  }

  /**
   * Forgets a board (deleted, or no longer this process's to serve): closes its sockets and
   * drops its room and queued updates without storing anything, so nothing of it is written
   * back. A room still loading is dropped once loaded (its holds fail with `close`); one storing
   * itself on the way out stores nothing more (its appends are stored already).
   */
  discard(boardId: string, close: Close): void {
    this.log.forget(boardId);
    this.failures.delete(boardId);
    if (this.loading.has(boardId)) this.discardedWhileLoading.set(boardId, close);
    this.unloading.get(boardId)?.room.discard();
    const live = this.rooms.get(boardId);
    if (!live) return;
    this.rooms.delete(boardId);
    live.room.closeAll(close);
    live.room.discard();
    this.unloaded(boardId);
  }

  /** Saving paused: closes and drops every room, storing nothing. */
  private pauseAll(): void {
    for (const { room } of [...this.rooms.values()]) {
      this.rooms.delete(room.boardId);
      room.closeAll(CLOSES.savingPaused);
      room.discard();
      this.unloaded(room.boardId);
    }
  }

  /** Closes every connection and stores every room (shutdown); loads nothing afterwards. */
  async closeAll(close: Close): Promise<void> {
    this.closed = true;
    const stored: Promise<void>[] = [...this.unloading.values()].map(({ stored }) => stored);
    for (const { room } of [...this.rooms.values()]) {
      room.closeAll(close);
      this.rooms.delete(room.boardId);
      stored.push(this.store(room).then(() => this.unloaded(room.boardId)));
    }
    await Promise.all(stored);
    this.logger.info('all rooms stored and closed');
  }

  private unloaded(boardId: string): void {
    // A room loaded again meanwhile is not gone.
    if (this.rooms.has(boardId) || this.loading.has(boardId)) return;
    for (const listener of this.unloadListeners) listener(boardId);
  }

  /** Destroys a room, storing its state; never rejects. */
  private store(room: Room): Promise<void> {
    return room.destroy().catch((error: unknown) => {
      this.logger.error(`storing board ${room.boardId} on unload: ${String(error)}`);
    });
  }

  /** Resolves once the board's room is live (by this call or one already under way). */
  private loaded(boardId: string): Promise<void> {
    const under = this.loading.get(boardId);
    if (under) return under;
    const loading = this.load(boardId).finally(() => {
      this.loading.delete(boardId);
      this.discardedWhileLoading.delete(boardId);
    });
    this.loading.set(boardId, loading);
    return loading;
  }

  private async load(boardId: string): Promise<void> {
    // Its previous room may still be storing its state: a load now could miss it, and that
    // compaction could drop what the new room appends.
    await this.unloading.get(boardId)?.stored;
    if (this.closed) throw new RoomLoadError('the server is closing', CLOSES.restarting);
    if (this.log.savingPaused) throw new RoomLoadError('saving is paused', CLOSES.savingPaused);
    const failure = this.failures.get(boardId);
    if (failure && this.now() - failure.at < RELOAD_AFTER_FAILURE_MS) throw failure.error;
    let room: Room;
    try {
      room = await Room.load(boardId, this.log, this.budgetBytes);
    } catch (error) {
      const loadError =
        error instanceof RoomLoadError
          ? error
          : new RoomLoadError(`board ${boardId} could not be loaded: ${String(error)}`);
      this.logger.error(`ROOM NOT LOADED: ${loadError.message}`);
      this.failures.set(boardId, { error: loadError, at: this.now() });
      throw loadError;
    }
    if (this.closed) {
      room.discard();
      throw new RoomLoadError('the server is closing', CLOSES.restarting);
    }
    if (this.log.savingPaused) {
      room.discard();
      throw new RoomLoadError('saving is paused', CLOSES.savingPaused);
    }
    const discarded = this.discardedWhileLoading.get(boardId);
    if (discarded) {
      room.discard();
      throw new RoomLoadError(`board ${boardId} was closed while it loaded`, discarded);
    }
    this.failures.delete(boardId);
    this.rooms.set(boardId, { room, holders: 0 });
  }
}
