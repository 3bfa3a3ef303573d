/**
 * Loading a board's document from the store. A row that fails its checksum (its board's row or
 * one of its updates), that Yjs cannot read, or that leaves parts waiting for changes nobody
 * has, means damaged data: the board stays closed with a clear message rather than opening
 * with holes in it.
 */
import type * as Y from 'yjs';
import { readMeta, SCHEMA_VERSION, type TransactionOrigin } from '../../shared/boardDoc.ts';
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import { DamagedRowError } from './damagedRow.ts';
import type { LogName } from './store.ts';
import { applyStoredUpdate, type StoredUpdate } from './storedUpdate.ts';
import type { UpdateLog } from './updateLog.ts';

export class RoomLoadError extends Error {
  constructor(
    message: string,
    /** How the board's sockets are closed: its reason is what its clients are told. */
    readonly close: Close = CLOSES.roomUnavailable,
  ) {
    super(message);
  }

  /** What the board's clients are told (short, no internals). */
  get publicReason(): string {
    return this.close.reason;
  }
}

const DAMAGED = CLOSES.roomDamaged;

/** A board's stored log, oldest first. Rejects with RoomLoadError. */
export async function readStoredLog(
  boardId: string,
  log: UpdateLog,
  name: LogName = 'board',
): Promise<StoredUpdate[]> {
  try {
    // Its own row first: a board whose row is damaged stays closed too.
    if (name === 'board') await log.store.getBoard(boardId);
    return await log.store.loadUpdates(boardId, name);
  } catch (error) {
    if (error instanceof DamagedRowError) {
      throw new RoomLoadError(
        `board ${boardId}: ${error.message}; the board stays closed, other boards are unaffected`,
        DAMAGED,
      );
    }
    throw new RoomLoadError(`board ${boardId}: the store could not be read: ${String(error)}`);
  }
}

/**
 * Applies a board's stored log to `doc` and checks that it is a board this server can open;
 * returns its bytes. Throws RoomLoadError.
 */
export function loadStoredDoc(
  doc: Y.Doc,
  boardId: string,
  stored: readonly StoredUpdate[],
): number {
  const bytes = applyStoredLog(doc, boardId, stored);
  const meta = readMeta(doc);
  if (meta === null) {
    throw new RoomLoadError(`board ${boardId}: the stored document has no readable meta`, DAMAGED);
  }
  if (meta.schemaVersion > SCHEMA_VERSION) {
    throw new RoomLoadError(
      `board ${boardId} uses schema ${meta.schemaVersion}, newer than this server's ${SCHEMA_VERSION}`,
      CLOSES.newerSchema,
    );
  }
  return bytes;
}

/** Applies a stored log to `doc`, whole or not at all; returns its bytes. Throws RoomLoadError. */
export function applyStoredLog(
  doc: Y.Doc,
  boardId: string,
  stored: readonly StoredUpdate[],
): number {
  let bytes = 0;
  doc.transact(() => {
    for (const [index, update] of stored.entries()) {
      try {
        applyStoredUpdate(doc, update);
      } catch (error) {
        throw new RoomLoadError(
          `board ${boardId}: stored update ${index + 1} of ${stored.length} is unreadable (${String(error)}); the board stays closed, other boards are unaffected`,
          DAMAGED,
        );
      }
      bytes += update.data.length;
    }
  }, 'persistence' satisfies TransactionOrigin);
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    throw new RoomLoadError(
      `board ${boardId}: the stored updates refer to changes that are not stored; the board stays closed, other boards are unaffected`,
      DAMAGED,
    );
  }
  return bytes;
}
