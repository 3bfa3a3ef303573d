/**
 * The embedded store (store.ts's Store): one SQLite file (better-sqlite3, WAL, synchronous=FULL,
 * so a commit that has returned survives a power cut too; the rooms' appends sync the log off
 * the main thread instead, and answer once it is synced: `appendUpdates`). Boards and their access tokens are
 * rows; each board's two documents (store.ts's LogName) are append logs of Yjs updates,
 * compacted now and then into one state update. Only token hashes are stored.
 *
 * Every row carries a checksum of its content (rowChecksum.ts), checked whenever it is read and
 * for every row when the store opens; rows of stores made before checksums get theirs then.
 */
import { closeSync, fsync, mkdirSync, openSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type DamagedRow, DamageLedger, type StoredTable } from './damagedRow.ts';
import { FencedError } from './fencedError.ts';
import { type ChecksumField, rowChecksum } from './rowChecksum.ts';
import type {
  BoardRecord,
  LogName,
  Store,
  StoredTimelineEntry,
  TokenRecord,
  UpdateEntry,
} from './store.ts';
import {
  type BoardRow,
  boardFields,
  boardRowOf,
  CHECKSUMMED,
  type Checksummed,
  type TokenRow,
  tokenFields,
  toRecord,
  toStoredUpdate,
  toTokenRecord,
  type UpdateRow,
  updateFields,
} from './storedRows.ts';
import type { StoredUpdate } from './storedUpdate.ts';

/** The store's file in the data folder (DATA_DIR). */
export const STORE_FILE_NAME = 'continuum.sqlite';

/** The SQL function that computes a row's checksum inside a statement (migration, revocation). */
const CHECKSUM_FUNCTION = 'continuum_row_checksum';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  board_id   TEXT PRIMARY KEY,
  join_code  TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  organisations TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash     BLOB PRIMARY KEY,
  board_id       TEXT NOT NULL REFERENCES boards(board_id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL,
  role           TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  revoked_at     INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_by_board ON tokens(board_id);
CREATE TABLE IF NOT EXISTS updates (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(board_id) ON DELETE CASCADE,
  data     BLOB NOT NULL,
  format   INTEGER NOT NULL DEFAULT 1,
  log      TEXT NOT NULL DEFAULT 'board'
);
CREATE TABLE IF NOT EXISTS timeline (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(board_id) ON DELETE CASCADE,
  at       INTEGER NOT NULL,
  entry    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS timeline_by_board ON timeline(board_id, id);
CREATE TABLE IF NOT EXISTS write_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL
);
`;

/** Created once the columns exist (stores made before may lack \`log\` until migrated). */
const INDEXES = `
DROP INDEX IF EXISTS updates_by_board;
CREATE INDEX IF NOT EXISTS updates_by_log ON updates(board_id, log, id);
`;

/** Answers every call synchronously. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly damage = new DamageLedger();
  /** The write-ahead log's file, synced on the thread pool after each append; null: none. */
  private readonly wal: number | null;
  /** The syncs under way: the store closes after them. */
  private readonly syncing = new Set<Promise<void>>();
  /**
   * Set when a sync of the log failed: what it held may never reach the disk, and a later
   * commit after it could be lost with it, so nothing more is written until the process
   * restarts (as PostgreSQL stops at a failed fsync); saving stays paused (updateLog.ts).
   */
  private unsynced: Error | null = null;
  private closed = false;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // After a checkpoint the WAL file shrinks back to this size instead of keeping its peak.
    this.db.pragma('journal_size_limit = 1048576');
    // Every commit syncs the write-ahead log: with NORMAL, a power cut could roll back commits
    // whose updates clients had already been sent.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros, so a deleted board's names leave the file.
    this.db.pragma('secure_delete = ON');
    // A locked file (another process) waits a little before failing, instead of at once. The
    // wait blocks the event loop, so it is short: a failing commit pauses saving (updateLog.ts).
    this.db.pragma('busy_timeout = 150');
    this.db.function(CHECKSUM_FUNCTION, { deterministic: true, varargs: true }, (...fields) =>
      rowChecksum(fields as ChecksumField[]),
    );
    this.db.exec(SCHEMA);
    // Stores made before compacted rows were V2 have no format column: all their rows are V1.
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(updates)').all();
    if (!columns.some((column) => column.name === 'format')) {
      this.db.exec('ALTER TABLE updates ADD COLUMN format INTEGER NOT NULL DEFAULT 1');
    }
    // Stores made before boards had a view log: every row is the board's own.
    if (!columns.some((column) => column.name === 'log')) {
      this.db.exec("ALTER TABLE updates ADD COLUMN log TEXT NOT NULL DEFAULT 'board'");
    }
    // Stores made before fencing (store.ts's claimBoard): no board was ever claimed.
    const boardColumns = this.db.prepare<[], { name: string }>('PRAGMA table_info(boards)').all();
    if (!boardColumns.some((column) => column.name === 'owner_epoch')) {
      this.db.exec('ALTER TABLE boards ADD COLUMN owner_epoch INTEGER NOT NULL DEFAULT 0');
    }
    this.db.exec(INDEXES);
    this.addChecksums();
    this.wal = file === ':memory:' ? null : openWal(file);
    this.statements = {
      insertBoard: this.db.prepare<[string, string, string, string, number, number]>(
        'INSERT INTO boards (board_id, join_code, title, organisations, created_at, checksum) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      boardById: this.db.prepare<[string], BoardRow>(
        `SELECT rowid, checksum, ${CHECKSUMMED.boards.join(', ')} FROM boards WHERE board_id = ?`,
      ),
      boardByJoinCode: this.db.prepare<[string], BoardRow>(
        `SELECT rowid, checksum, ${CHECKSUMMED.boards.join(', ')} FROM boards WHERE join_code = ?`,
      ),
      joinCodeTaken: this.db.prepare<[string], { one: number }>(
        'SELECT 1 AS one FROM boards WHERE join_code = ?',
      ),
      insertToken: this.db.prepare<[Buffer, string, string, string, number, number]>(
        'INSERT INTO tokens (token_hash, board_id, participant_id, role, created_at, checksum) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      tokenByHash: this.db.prepare<[Buffer], TokenRow>(
        'SELECT rowid, * FROM tokens WHERE token_hash = ?',
      ),
      revokeTokensOf: this.db.prepare<{ at: number; boardId: string; participantId: string }>(
        `UPDATE tokens SET revoked_at = @at, checksum = ${CHECKSUM_FUNCTION}(token_hash, board_id, participant_id, role, created_at, @at) WHERE board_id = @boardId AND participant_id = @participantId AND revoked_at IS NULL`,
      ),
      // The creator's token is the board's first row: createBoard inserts it with the board.
      creatorOf: this.db.prepare<[string], TokenRow>(
        "SELECT rowid, * FROM tokens WHERE board_id = ? AND role = 'facilitator' ORDER BY rowid LIMIT 1",
      ),
      // A row for a board deleted meanwhile is dropped: it could never be read again.
      appendUpdate: this.db.prepare<[string, LogName, Uint8Array, number, number, string]>(
        'INSERT INTO updates (board_id, log, data, format, checksum) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE board_id = ?)',
      ),
      updatesOf: this.db.prepare<[string, LogName], UpdateRow>(
        'SELECT id AS rowid, board_id, log, data, format, checksum FROM updates WHERE board_id = ? AND log = ? ORDER BY id',
      ),
      countUpdates: this.db.prepare<[string, LogName], { count: number }>(
        'SELECT COUNT(*) AS count FROM updates WHERE board_id = ? AND log = ?',
      ),
      deleteUpdates: this.db.prepare<[string, LogName]>(
        'DELETE FROM updates WHERE board_id = ? AND log = ?',
      ),
      ownerEpoch: this.db.prepare<[string], { owner_epoch: number }>(
        'SELECT owner_epoch FROM boards WHERE board_id = ?',
      ),
      claimBoard: this.db.prepare<[string], { owner_epoch: number }>(
        'UPDATE boards SET owner_epoch = owner_epoch + 1 WHERE board_id = ? RETURNING owner_epoch',
      ),
      // Like updates, an entry for a board deleted meanwhile is dropped.
      appendTimeline: this.db.prepare<[string, number, string, string]>(
        'INSERT INTO timeline (board_id, at, entry) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE board_id = ?)',
      ),
      timelineOf: this.db.prepare<[string], StoredTimelineEntry>(
        'SELECT at, entry FROM timeline WHERE board_id = ? ORDER BY id',
      ),
      probe: this.db.prepare<[number]>('INSERT OR REPLACE INTO write_probe (id, at) VALUES (1, ?)'),
      // Its tokens, updates and timeline go with it (ON DELETE CASCADE).
      deleteBoard: this.db.prepare<[string]>('DELETE FROM boards WHERE board_id = ?'),
    };
  }

  /** Creates a board with its first document state and its first token, all or nothing. */
  createBoard(board: BoardRecord, initialState: Uint8Array, token: TokenRecord): void {
    this.refuseAfterFailedSync();
    this.db.transaction(() => {
      const row = boardRowOf(board);
      this.statements.insertBoard.run(
        row.board_id,
        row.join_code,
        row.title,
        row.organisations,
        row.created_at,
        rowChecksum(boardFields(row)),
      );
      this.insertRow(board.boardId, 'board', initialState, 1);
      this.insertToken(token);
    })();
  }

  getBoard(boardId: string): BoardRecord | null {
    const row = this.statements.boardById.get(boardId);
    return row ? toRecord(this.checked('boards', row, boardFields(row))) : null;
  }

  findBoardByJoinCode(joinCode: string): BoardRecord | null {
    const row = this.statements.boardByJoinCode.get(joinCode);
    return row ? toRecord(this.checked('boards', row, boardFields(row))) : null;
  }

  isJoinCodeTaken(joinCode: string): boolean {
    return this.statements.joinCodeTaken.get(joinCode) !== undefined;
  }

  insertToken(token: TokenRecord): void {
    this.refuseAfterFailedSync();
    const fields = tokenFields({
      token_hash: token.tokenHash,
      board_id: token.boardId,
      participant_id: token.participantId,
      role: token.role,
      created_at: token.createdAt,
      revoked_at: null,
    });
    this.statements.insertToken.run(
      token.tokenHash,
      token.boardId,
      token.participantId,
      token.role,
      token.createdAt,
      rowChecksum(fields),
    );
  }

  findToken(tokenHash: Buffer): TokenRecord | null {
    const row = this.statements.tokenByHash.get(tokenHash);
    return row ? toTokenRecord(this.checked('tokens', row, tokenFields(row))) : null;
  }

  /** Revokes every live token of one participant (a token revoked before keeps its time). */
  revokeTokensOf(boardId: string, participantId: string, at: number): void {
    this.refuseAfterFailedSync();
    this.statements.revokeTokensOf.run({ at, boardId, participantId });
  }

  /** The participant id of the facilitator who created the board, or null for no such board. */
  creatorOf(boardId: string): string | null {
    const row = this.statements.creatorOf.get(boardId);
    return row ? this.checked('tokens', row, tokenFields(row)).participant_id : null;
  }

  /** Bumps the board's owner epoch (the file is one instance's: nothing else claims it). */
  claimBoard(boardId: string): number | null {
    this.refuseAfterFailedSync();
    return this.statements.claimBoard.get(boardId)?.owner_epoch ?? null;
  }

  appendUpdate(boardId: string, update: Uint8Array, log: LogName = 'board'): void {
    this.refuseAfterFailedSync();
    this.insertRow(boardId, log, update, 1);
  }

  /**
   * Appends several rows in one transaction, and answers once the write-ahead log holding them
   * is synced: the commit itself does not sync (synchronous=NORMAL for it alone), and the log
   * file is synced with fsync on Node's thread pool, so the main thread does not wait on the
   * disk (about 1–3 ms a commit) while awareness and other rooms' frames wait on it. What syncs
   * the log makes the commit as durable as synchronous=FULL does (SQLite syncs it there too,
   * right after writing the commit's frames); a checkpoint in between syncs the log first. The
   * rows are visible at once; what is sent because of them waits for the answer (tickCommit.ts),
   * as with PostgreSQL.
   */
  appendUpdates(entries: readonly UpdateEntry[]): void | Promise<void> {
    this.refuseAfterFailedSync();
    const wal = this.wal;
    if (wal === null) {
      this.appendRows(entries);
      return;
    }
    this.db.pragma('synchronous = NORMAL');
    try {
      this.appendRows(entries);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
    const synced = new Promise<void>((resolve, reject) =>
      fsync(wal, (error) => {
        if (error === null) return resolve();
        this.unsynced ??= new Error(
          `the write-ahead log could not be synced (${error.message}): nothing more is written until the server restarts`,
        );
        // SQLite itself refuses writes from now on too, should a write method miss the check.
        if (this.db.open) this.db.pragma('query_only = ON');
        reject(this.unsynced);
      }),
    );
    this.syncing.add(synced);
    const forget = () => this.syncing.delete(synced);
    synced.then(forget, forget);
    return synced;
  }

  private appendRows(entries: readonly UpdateEntry[]): void {
    this.db.transaction(() => {
      const fenced = new Set<string>();
      for (const entry of entries) {
        if (!this.holdsFence(entry.boardId, entry.fence)) fenced.add(entry.boardId);
      }
      // Thrown inside the transaction: it rolls back.
      if (fenced.size > 0) throw new FencedError([...fenced]);
      for (const entry of entries)
        this.insertRow(entry.boardId, entry.log ?? 'board', entry.update, 1);
    })();
  }

  /** A board's log, oldest first. Throws DamagedRowError at the first row that fails its checksum. */
  loadUpdates(boardId: string, log: LogName = 'board'): StoredUpdate[] {
    return this.statements.updatesOf
      .all(boardId, log)
      .map((row) => toStoredUpdate(this.checked('updates', row, updateFields(row))));
  }

  countUpdates(boardId: string, log: LogName = 'board'): number {
    return this.statements.countUpdates.get(boardId, log)?.count ?? 0;
  }

  /**
   * Replaces a board's whole log by one state update. `state` must contain every stored row:
   * the caller encodes the live room's document, which was loaded from the log and has had
   * every later row applied (appends and applies happen in the same synchronous step).
   */
  compact(boardId: string, state: StoredUpdate, log: LogName = 'board', fence?: number): void {
    this.refuseAfterFailedSync();
    this.db.transaction(() => {
      if (!this.holdsFence(boardId, fence)) throw new FencedError([boardId]);
      this.statements.deleteUpdates.run(boardId, log);
      this.insertRow(boardId, log, state.data, state.format);
    })();
  }

  appendTimeline(boardId: string, entries: readonly StoredTimelineEntry[], fence?: number): void {
    this.refuseAfterFailedSync();
    this.db.transaction(() => {
      if (!this.holdsFence(boardId, fence)) throw new FencedError([boardId]);
      for (const { at, entry } of entries) {
        this.statements.appendTimeline.run(boardId, at, entry, boardId);
      }
    })();
  }

  loadTimeline(boardId: string): StoredTimelineEntry[] {
    return this.statements.timelineOf.all(boardId);
  }

  /** Takes the write lock and writes one small row: throws while the store cannot write. */
  probeWrite(): void {
    this.refuseAfterFailedSync();
    this.statements.probe.run(Date.now());
  }

  damagedRows(): DamagedRow[] {
    return this.damage.rows();
  }

  /**
   * Deletes a board with all its tokens, updates and timeline; false if there was no such board. The
   * write-ahead log still holds the deleted pages as they were, so it is checkpointed into the
   * (zeroed) file and truncated at once.
   */
  deleteBoard(boardId: string): boolean {
    this.refuseAfterFailedSync();
    const deleted = this.statements.deleteBoard.run(boardId).changes > 0;
    if (deleted) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  close(): void | Promise<void> {
    this.closed = true;
    if (this.syncing.size === 0) return this.closeNow();
    return Promise.allSettled([...this.syncing]).then(() => this.close());
  }

  private closeNow(): void {
    if (!this.db.open) return;
    if (this.wal !== null) closeSync(this.wal);
    this.db.close();
  }

  private refuseAfterFailedSync(): void {
    if (this.unsynced) throw this.unsynced;
    if (this.closed) throw new Error('the store is closed');
  }

  private insertRow(boardId: string, log: LogName, data: Uint8Array, format: number): void {
    const checksum = rowChecksum(
      updateFields({ board_id: boardId, log, data: data as Buffer, format }),
    );
    this.statements.appendUpdate.run(boardId, log, data, format, checksum, boardId);
  }

  /** False when a fenced write's board was claimed since (a deleted board holds any fence). */
  private holdsFence(boardId: string, fence: number | undefined): boolean {
    if (fence === undefined) return true;
    const board = this.statements.ownerEpoch.get(boardId);
    return board === undefined || board.owner_epoch === fence;
  }

  private checked<Row extends Checksummed & { board_id: string }>(
    table: StoredTable,
    row: Row,
    fields: readonly ChecksumField[],
  ): Row {
    return this.damage.checked(table, row, fields);
  }

  /**
   * Gives every row without a checksum its own (stores made before checksums, all at once), then
   * checks every row, so that damage anywhere is known from the start (damagedRows).
   */
  private addChecksums(): void {
    for (const [table, columns] of Object.entries(CHECKSUMMED) as [StoredTable, string[]][]) {
      const existing = this.db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
      if (!existing.some((column) => column.name === 'checksum')) {
        this.db.exec(`ALTER TABLE ${table} ADD COLUMN checksum INTEGER`);
      }
      this.db.exec(
        `UPDATE ${table} SET checksum = ${CHECKSUM_FUNCTION}(${columns.join(', ')}) WHERE checksum IS NULL`,
      );
      const rows = this.db
        .prepare<[], Checksummed & { board_id: string } & Record<string, ChecksumField>>(
          `SELECT rowid AS rowid, checksum, ${columns.join(', ')} FROM ${table}`,
        )
        .iterate();
      for (const row of rows) {
        this.damage.isSound(
          table,
          row,
          columns.map((column) => row[column] ?? null),
        );
      }
    }
  }
}

/**
 * Opens the database's write-ahead log to sync it (named after the file a symlink points to, as
 * SQLite names it; writable, which some systems need to sync); null if it cannot, and every
 * commit then syncs itself.
 */
function openWal(databaseFile: string): number | null {
  try {
    return openSync(`${realpathSync(databaseFile)}-wal`, 'r+');
  } catch {
    return null;
  }
}
