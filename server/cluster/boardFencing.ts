/**
 * A board's fencing epoch as this process uses it (docs/design.md, "Fencing"): raised in
 * PostgreSQL when this process takes the board's lease, carried by every write of the board
 * from then on, dropped once its room has unloaded. A write refused because another process
 * raised the epoch since is heard of through `onFenced`: this process then stops serving that
 * board (and only that board).
 */
import { RoomLoadError } from '../persistence/roomLoad.ts';
import type { Store } from '../persistence/store.ts';
import type { UpdateLog } from '../persistence/updateLog.ts';

export interface Fencing {
  /** Raises the board's epoch; its writes here carry the new one. Rejects if no such board. */
  claim(boardId: string): Promise<void>;
  /** Its room here is gone: its writes carry no epoch any more. */
  drop(boardId: string): void;
  /** Called when a board's writes were refused: another process holds it now. */
  onFenced(listener: (boardId: string) => void): void;
}

export class BoardFencing implements Fencing {
  constructor(
    private readonly store: Pick<Store, 'claimBoard'>,
    private readonly log: Pick<UpdateLog, 'fence' | 'onFenced'>,
  ) {}

  async claim(boardId: string): Promise<void> {
    const epoch = await this.store.claimBoard(boardId);
    if (epoch === null) throw new RoomLoadError(`board ${boardId} does not exist`);
    this.log.fence(boardId, epoch);
  }

  drop(boardId: string): void {
    this.log.fence(boardId, null);
  }

  onFenced(listener: (boardId: string) => void): void {
    this.log.onFenced(listener);
  }
}
