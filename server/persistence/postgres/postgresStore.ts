/**
 * The store in PostgreSQL (DATABASE_URL), for several server instances sharing one database. It
 * keeps SQLite's promises (store.ts): all-or-nothing writes, a write that has answered is durable
 * (synchronous_commit=on, pool.ts), every row checksummed exactly as SQLite does it (a row copied
 * from SQLite keeps its checksum, storedRows.ts), checked on every read and, when the store
 * opens, for every row.
 *
 * Fencing: every append and compaction locks its board rows FOR SHARE and compares the owner
 * epoch in the same transaction. A takeover (`claimBoard`, an UPDATE of that row) therefore waits
 * for fenced writes in progress, and a fenced write after it sees the new epoch and is refused.
 * FOR KEY SHARE would not do: it does not conflict with an UPDATE of a non-key column.
 */
import type pg from 'pg';
import { type DamagedRow, DamageLedger, type StoredTable } from '../damagedRow.ts';
import { FencedError } from '../fencedError.ts';
import { type ChecksumField, rowChecksum } from '../rowChecksum.ts';
import type {
  BoardRecord,
  LogName,
  Store,
  StoredTimelineEntry,
  TokenRecord,
  UpdateEntry,
} from '../store.ts';
import {
  type BoardRow,
  boardFields,
  boardRowOf,
  CHECKSUMMED,
  type TokenRow,
  tokenFields,
  toRecord,
  toStoredUpdate,
  toTokenRecord,
  type UpdateRow,
  updateFields,
} from '../storedRows.ts';
import type { StoredUpdate } from '../storedUpdate.ts';
import { migrate, requireCurrentSchema } from './migrations.ts';
import { createPool, type PoolLogger } from './pool.ts';

const BOARD_COLUMNS = `id AS rowid, checksum, ${CHECKSUMMED.boards.join(', ')}`;
const TOKEN_COLUMNS = `id AS rowid, checksum, ${CHECKSUMMED.tokens.join(', ')}`;
const UPDATE_COLUMNS = `id AS rowid, checksum, ${CHECKSUMMED.updates.join(', ')}`;
/** Rows per query of the check of every row when the store opens. */
const CHECK_PAGE_ROWS = 500;

export interface PostgresStoreOptions {
  /** Where a failing idle connection is reported. */
  logger?: PoolLogger;
  /** Connections kept at most (pool.ts's default unless given). */
  poolSize?: number;
  /**
   * False for readers that must not change the database (the export command): the schema must
   * then be the code's already.
   */
  migrate?: boolean;
  /** False to skip the check of every row when opening (the row-by-row checks on read remain). */
  checkEveryRow?: boolean;
}

/** A board's stored rows with their checksums, as copied from another store. */
export interface BoardRows {
  board: BoardRow;
  tokens: readonly TokenRow[];
  updates: readonly UpdateRow[];
  /** Its timeline, oldest first (absent: none). */
  timeline?: readonly StoredTimelineEntry[];
}

const consoleLogger: PoolLogger = { error: (message) => console.error(message) };

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function updateChecksum(boardId: string, log: LogName, data: Buffer, format: number): number {
  return rowChecksum(updateFields({ board_id: boardId, log, data, format }));
}

export class PostgresStore implements Store {
  private readonly damage = new DamageLedger();

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, brings the schema up to date and checks every row: fails at once on a bad URL. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = createPool(url, options.logger ?? consoleLogger, options.poolSize);
    try {
      if (options.migrate === false) await requireCurrentSchema(pool);
      else await migrate(pool);
      const store = new PostgresStore(pool);
      if (options.checkEveryRow !== false) await store.checkEveryRow();
      return store;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async createBoard(
    board: BoardRecord,
    initialState: Uint8Array,
    token: TokenRecord,
  ): Promise<void> {
    const row = boardRowOf(board);
    await this.transaction(async (client) => {
      await client.query(
        'INSERT INTO boards (board_id, join_code, title, organisations, created_at, checksum) VALUES ($1, $2, $3, $4, $5, $6)',
        [
          row.board_id,
          row.join_code,
          row.title,
          row.organisations,
          row.created_at,
          rowChecksum(boardFields(row)),
        ],
      );
      await this.insertUpdate(client, board.boardId, 'board', asBuffer(initialState), 1);
      await this.insertTokenWith(client, token);
    });
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    return this.oneBoard(`SELECT ${BOARD_COLUMNS} FROM boards WHERE board_id = $1`, boardId);
  }

  async findBoardByJoinCode(joinCode: string): Promise<BoardRecord | null> {
    return this.oneBoard(`SELECT ${BOARD_COLUMNS} FROM boards WHERE join_code = $1`, joinCode);
  }

  async isJoinCodeTaken(joinCode: string): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM boards WHERE join_code = $1', [joinCode]);
    return result.rows.length > 0;
  }

  /**
   * Deletes a board with all its tokens, updates and timeline (ON DELETE CASCADE). The rows are gone for
   * every reader at once; their bytes stay in the table files until (auto)vacuum reuses the
   * space and in write-ahead log segments until they are recycled (docs/security-and-limits.md).
   */
  async deleteBoard(boardId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM boards WHERE board_id = $1', [boardId]);
    return (result.rowCount ?? 0) > 0;
  }

  async creatorOf(boardId: string): Promise<string | null> {
    const result = await this.pool.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE board_id = $1 AND role = 'facilitator' ORDER BY id LIMIT 1`,
      [boardId],
    );
    const row = result.rows[0];
    return row ? this.damage.checked('tokens', row, tokenFields(row)).participant_id : null;
  }

  async claimBoard(boardId: string): Promise<number | null> {
    const result = await this.pool.query<{ owner_epoch: number }>(
      'UPDATE boards SET owner_epoch = owner_epoch + 1 WHERE board_id = $1 RETURNING owner_epoch',
      [boardId],
    );
    return result.rows[0]?.owner_epoch ?? null;
  }

  async insertToken(token: TokenRecord): Promise<void> {
    await this.transaction((client) => this.insertTokenWith(client, token));
  }

  async findToken(tokenHash: Buffer): Promise<TokenRecord | null> {
    const result = await this.pool.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    const row = result.rows[0];
    return row ? toTokenRecord(this.damage.checked('tokens', row, tokenFields(row))) : null;
  }

  /**
   * Revokes every live token of one participant, each row with its new checksum (computed here:
   * PostgreSQL before 18 has no CRC-32). A damaged row is recorded and left as it is: a new
   * checksum would make its damage look sound, and it refuses itself on every read anyway.
   */
  async revokeTokensOf(boardId: string, participantId: string, at: number): Promise<void> {
    await this.transaction(async (client) => {
      const live = await client.query<TokenRow>(
        `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE board_id = $1 AND participant_id = $2 AND revoked_at IS NULL FOR UPDATE`,
        [boardId, participantId],
      );
      for (const row of live.rows) {
        if (!this.damage.isSound('tokens', row, tokenFields(row))) continue;
        const checksum = rowChecksum(tokenFields({ ...row, revoked_at: at }));
        await client.query('UPDATE tokens SET revoked_at = $1, checksum = $2 WHERE id = $3', [
          at,
          checksum,
          row.rowid,
        ]);
      }
    });
  }

  async appendUpdate(boardId: string, update: Uint8Array, log: LogName = 'board'): Promise<void> {
    await this.appendUpdates([{ boardId, update, log }]);
  }

  /** One transaction: the boards' rows locked FOR SHARE, their epochs checked, the rows inserted. */
  async appendUpdates(entries: readonly UpdateEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.transaction(async (client) => {
      const epochs = await this.lockBoards(client, [...new Set(entries.map((e) => e.boardId))]);
      const fenced = new Set<string>();
      for (const entry of entries) {
        const epoch = epochs.get(entry.boardId);
        if (entry.fence !== undefined && epoch !== undefined && epoch !== entry.fence) {
          fenced.add(entry.boardId);
        }
      }
      if (fenced.size > 0) throw new FencedError([...fenced]);
      // A row for a board deleted meanwhile is dropped: it could never be read again.
      const kept = entries.filter((entry) => epochs.has(entry.boardId));
      if (kept.length === 0) return;
      const rows = kept.map((entry) => {
        const log = entry.log ?? 'board';
        const data = asBuffer(entry.update);
        return {
          boardId: entry.boardId,
          log,
          data,
          checksum: updateChecksum(entry.boardId, log, data, 1),
        };
      });
      // One statement for the whole batch, in the batch's order (the identity ids follow it).
      await client.query(
        `INSERT INTO updates (board_id, log, data, format, checksum)
         SELECT board_id, log, data, 1, checksum
         FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bigint[])
              WITH ORDINALITY AS batch(board_id, log, data, checksum, position)
         ORDER BY position`,
        [
          rows.map((row) => row.boardId),
          rows.map((row) => row.log),
          rows.map((row) => row.data),
          rows.map((row) => row.checksum),
        ],
      );
    });
  }

  async loadUpdates(boardId: string, log: LogName = 'board'): Promise<StoredUpdate[]> {
    const result = await this.pool.query<UpdateRow>(
      `SELECT ${UPDATE_COLUMNS} FROM updates WHERE board_id = $1 AND log = $2 ORDER BY id`,
      [boardId, log],
    );
    return result.rows.map((row) =>
      toStoredUpdate(this.damage.checked('updates', row, updateFields(row))),
    );
  }

  async countUpdates(boardId: string, log: LogName = 'board'): Promise<number> {
    const result = await this.pool.query<{ count: number }>(
      'SELECT count(*) AS count FROM updates WHERE board_id = $1 AND log = $2',
      [boardId, log],
    );
    return result.rows[0]?.count ?? 0;
  }

  async compact(
    boardId: string,
    state: StoredUpdate,
    log: LogName = 'board',
    fence?: number,
  ): Promise<void> {
    await this.transaction(async (client) => {
      const epoch = (await this.lockBoards(client, [boardId])).get(boardId);
      if (epoch === undefined) return; // deleted meanwhile: nothing left to compact
      if (fence !== undefined && epoch !== fence) throw new FencedError([boardId]);
      await client.query('DELETE FROM updates WHERE board_id = $1 AND log = $2', [boardId, log]);
      await this.insertUpdate(client, boardId, log, asBuffer(state.data), state.format);
    });
  }

  /** In one statement, in order; dropped for a board deleted meanwhile. */
  async appendTimeline(
    boardId: string,
    entries: readonly StoredTimelineEntry[],
    fence?: number,
  ): Promise<void> {
    if (entries.length === 0) return;
    if (fence === undefined) {
      await this.insertTimeline(this.pool, boardId, entries);
      return;
    }
    await this.transaction(async (client) => {
      // FOR SHARE, as fenced update writes do: a claim waits for this append, or this one sees it.
      const owner = await client.query<{ owner_epoch: number }>(
        'SELECT owner_epoch FROM boards WHERE board_id = $1 FOR SHARE',
        [boardId],
      );
      const epoch = owner.rows[0]?.owner_epoch;
      if (epoch === undefined) return; // deleted meanwhile
      if (Number(epoch) !== fence) throw new FencedError([boardId]);
      await this.insertTimeline(client, boardId, entries);
    });
  }

  async loadTimeline(boardId: string): Promise<StoredTimelineEntry[]> {
    const result = await this.pool.query<{ at: string; entry: string }>(
      'SELECT at, entry FROM timeline WHERE board_id = $1 ORDER BY id',
      [boardId],
    );
    return result.rows.map((row) => ({ at: Number(row.at), entry: row.entry }));
  }

  async probeWrite(): Promise<void> {
    await this.pool.query(
      'INSERT INTO write_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at',
      [Date.now()],
    );
  }

  damagedRows(): DamagedRow[] {
    return this.damage.rows();
  }

  /**
   * Copies a board's rows from another store with their checksums as they are, in one
   * transaction, tokens and updates in their order there. False (nothing written) when a board
   * with that id is here already. Reads through this store check the copied checksums.
   */
  async importBoard(rows: BoardRows): Promise<boolean> {
    return this.transaction(async (client) => {
      const { board } = rows;
      const inserted = await client.query(
        `INSERT INTO boards (board_id, join_code, title, organisations, created_at, checksum)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (board_id) DO NOTHING`,
        [
          board.board_id,
          board.join_code,
          board.title,
          board.organisations,
          board.created_at,
          board.checksum,
        ],
      );
      if (inserted.rowCount === 0) return false;
      for (const token of rows.tokens) {
        await client.query(
          'INSERT INTO tokens (token_hash, board_id, participant_id, role, created_at, revoked_at, checksum) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [
            token.token_hash,
            token.board_id,
            token.participant_id,
            token.role,
            token.created_at,
            token.revoked_at,
            token.checksum,
          ],
        );
      }
      for (const update of rows.updates) {
        await client.query(
          'INSERT INTO updates (board_id, log, data, format, checksum) VALUES ($1, $2, $3, $4, $5)',
          [update.board_id, update.log, update.data, update.format, update.checksum],
        );
      }
      if (rows.timeline && rows.timeline.length > 0) {
        await this.insertTimeline(client, board.board_id, rows.timeline);
      }
      return true;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Locks the boards' rows FOR SHARE: their owner epochs, by board (a deleted board is missing). */
  private async lockBoards(
    client: pg.ClientBase,
    boardIds: string[],
  ): Promise<Map<string, number>> {
    const result = await client.query<{ board_id: string; owner_epoch: number }>(
      'SELECT board_id, owner_epoch FROM boards WHERE board_id = ANY($1::text[]) ORDER BY board_id FOR SHARE',
      [boardIds],
    );
    return new Map(result.rows.map((row) => [row.board_id, row.owner_epoch]));
  }

  private async oneBoard(sql: string, value: string): Promise<BoardRecord | null> {
    const result = await this.pool.query<BoardRow>(sql, [value]);
    const row = result.rows[0];
    return row ? toRecord(this.damage.checked('boards', row, boardFields(row))) : null;
  }

  private async insertTokenWith(client: pg.ClientBase, token: TokenRecord): Promise<void> {
    const checksum = rowChecksum(
      tokenFields({
        token_hash: token.tokenHash,
        board_id: token.boardId,
        participant_id: token.participantId,
        role: token.role,
        created_at: token.createdAt,
        revoked_at: null,
      }),
    );
    await client.query(
      'INSERT INTO tokens (token_hash, board_id, participant_id, role, created_at, checksum) VALUES ($1, $2, $3, $4, $5, $6)',
      [token.tokenHash, token.boardId, token.participantId, token.role, token.createdAt, checksum],
    );
  }

  private async insertUpdate(
    client: pg.ClientBase,
    boardId: string,
    log: LogName,
    data: Buffer,
    format: number,
  ): Promise<void> {
    await client.query(
      'INSERT INTO updates (board_id, log, data, format, checksum) VALUES ($1, $2, $3, $4, $5)',
      [boardId, log, data, format, updateChecksum(boardId, log, data, format)],
    );
  }

  private async insertTimeline(
    client: pg.ClientBase | pg.Pool,
    boardId: string,
    entries: readonly StoredTimelineEntry[],
  ): Promise<void> {
    await client.query(
      `INSERT INTO timeline (board_id, at, entry)
       SELECT $1, at, entry FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS batch(at, entry, position)
       WHERE EXISTS (SELECT 1 FROM boards WHERE board_id = $1)
       ORDER BY position`,
      [boardId, entries.map((entry) => entry.at), entries.map((entry) => entry.entry)],
    );
  }

  /** Runs `work` in one transaction on one connection; any error rolls it back. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true; // the connection itself failed: the pool must not hand it out again
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Every row's checksum, page by page, so that damage anywhere is known from the start. */
  private async checkEveryRow(): Promise<void> {
    await this.checkTable<BoardRow>('boards', BOARD_COLUMNS, boardFields);
    await this.checkTable<TokenRow>('tokens', TOKEN_COLUMNS, tokenFields);
    await this.checkTable<UpdateRow>('updates', UPDATE_COLUMNS, updateFields);
  }

  private async checkTable<Row extends BoardRow | TokenRow | UpdateRow>(
    table: StoredTable,
    columns: string,
    fields: (row: Row) => ChecksumField[],
  ): Promise<void> {
    let after = 0;
    for (;;) {
      const page = await this.pool.query<Row>(
        `SELECT ${columns} FROM ${table} WHERE id > $1 ORDER BY id LIMIT ${CHECK_PAGE_ROWS}`,
        [after],
      );
      for (const row of page.rows) this.damage.isSound(table, row, fields(row));
      const last = page.rows.at(-1);
      if (!last || page.rows.length < CHECK_PAGE_ROWS) return;
      after = last.rowid;
    }
  }
}
