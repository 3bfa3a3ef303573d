/**
 * A stored row that fails its checksum (rowChecksum.ts). The store refuses to hand it out and
 * throws DamagedRowError instead, so only what depends on that row is refused: its board for a
 * board or update row, its token for a token row. Damaged rows are left as they are, for
 * whoever repairs the file.
 */
import { type ChecksumField, rowChecksum } from './rowChecksum.ts';

export type StoredTable = 'boards' | 'tokens' | 'updates';

export interface DamagedRow {
  table: StoredTable;
  /** The row's id in its table (SQLite's rowid, PostgreSQL's identity column). */
  rowid: number;
  /** The board the row names (as stored: it may be the damaged part). */
  boardId: string;
}

export class DamagedRowError extends Error {
  constructor(readonly row: DamagedRow) {
    super(`stored row ${row.rowid} of ${row.table} (board ${row.boardId}) fails its checksum`);
  }
}

/** A store's damaged rows found so far: each row read goes through `checked`. */
export class DamageLedger {
  private readonly damaged = new Map<string, DamagedRow>();

  /** The row, if its checksum holds; otherwise it is recorded as damaged and DamagedRowError thrown. */
  checked<Row extends { rowid: number; checksum: number | null; board_id: string }>(
    table: StoredTable,
    row: Row,
    fields: readonly ChecksumField[],
  ): Row {
    if (row.checksum === rowChecksum(fields)) return row;
    const damaged: DamagedRow = { table, rowid: row.rowid, boardId: row.board_id };
    this.damaged.set(`${table}:${row.rowid}`, damaged);
    throw new DamagedRowError(damaged);
  }

  /** Like `checked`, without throwing: false (and the damage recorded) when the checksum fails. */
  isSound(
    table: StoredTable,
    row: { rowid: number; checksum: number | null; board_id: string },
    fields: readonly ChecksumField[],
  ): boolean {
    try {
      this.checked(table, row, fields);
      return true;
    } catch (error) {
      if (!(error instanceof DamagedRowError)) throw error;
      return false;
    }
  }

  rows(): DamagedRow[] {
    return [...this.damaged.values()];
  }
}

/** How many damaged rows each table has: what /healthz shows (no ids, it is public). */
export type DamageCounts = Record<StoredTable, number>;

export function countDamage(rows: readonly DamagedRow[]): DamageCounts {
  const counts: DamageCounts = { boards: 0, tokens: 0, updates: 0 };
  for (const row of rows) counts[row.table] += 1;
  return counts;
}
