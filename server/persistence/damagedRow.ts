/**
 * A stored row that fails its checksum (rowChecksum.ts). The store refuses to hand it out and
 * throws DamagedRowError instead, so only what depends on that row is refused: its board for a
 * board or update row, its token for a token row. Damaged rows are left as they are, for
 * whoever repairs the file.
 */
export type StoredTable = 'boards' | 'tokens' | 'updates';

export interface DamagedRow {
  table: StoredTable;
  /** The row's id in its table (SQLite's rowid). */
  rowid: number;
  /** The board the row names (as stored: it may be the damaged part). */
  boardId: string;
}

export class DamagedRowError extends Error {
  constructor(readonly row: DamagedRow) {
    super(`stored row ${row.rowid} of ${row.table} (board ${row.boardId}) fails its checksum`);
  }
}

/** How many damaged rows each table has: what /healthz shows (no ids, it is public). */
export type DamageCounts = Record<StoredTable, number>;

export function countDamage(rows: readonly DamagedRow[]): DamageCounts {
  const counts: DamageCounts = { boards: 0, tokens: 0, updates: 0 };
  for (const row of rows) counts[row.table] += 1;
  return counts;
}
