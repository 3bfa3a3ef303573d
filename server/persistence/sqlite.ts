/**
 * The embedded store (store.ts's Store): one SQLite file (better-sqlite3, WAL, synchronous=NORMAL).
 * Boards and their access tokens are rows; each board's two documents (store.ts's LogName) are
 * append logs of Yjs updates, compacted now and then into one state update. Only token hashes are stored.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Role } from '../../shared/boardDoc.ts';
import type { BoardRecord, LogName, Store, TokenRecord, UpdateEntry } from './store.ts';
import type { StoredUpdate } from './storedUpdate.ts';

/** The store's file in the data folder (DATA_DIR). */
export const STORE_FILE_NAME = 'continuum.sqlite';

interface BoardRow {
  board_id: string;
  join_code: string;
  title: string;
  organisations: string;
  created_at: number;
}

interface TokenRow {
  token_hash: Buffer;
  board_id: string;
  participant_id: string;
  role: Role;
  created_at: number;
  revoked_at: number | null;
}

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
`;

/** Created once the columns exist (stores made before may lack \`log\` until migrated). */
const INDEXES = `
DROP INDEX IF EXISTS updates_by_board;
CREATE INDEX IF NOT EXISTS updates_by_log ON updates(board_id, log, id);
`;

function toRecord(row: BoardRow): BoardRecord {
  return {
    boardId: row.board_id,
    joinCode: row.join_code,
    title: row.title,
    organisations: parseOrganisations(row.organisations),
    createdAt: row.created_at,
  };
}

function parseOrganisations(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((o): o is string => typeof o === 'string') : [];
}

function toTokenRecord(row: TokenRow): TokenRecord {
  return {
    tokenHash: row.token_hash,
    boardId: row.board_id,
    participantId: row.participant_id,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Answers every call synchronously. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // After a checkpoint the WAL file shrinks back to this size instead of keeping its peak.
    this.db.pragma('journal_size_limit = 1048576');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros, so a deleted board's names leave the file.
    this.db.pragma('secure_delete = ON');
    // A locked file (another process) waits a little before failing, instead of at once. The
    // wait blocks the event loop, so it is short: a failing append is queued and retried later.
    this.db.pragma('busy_timeout = 150');
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
    this.db.exec(INDEXES);
    this.statements = {
      insertBoard: this.db.prepare<[string, string, string, string, number]>(
        'INSERT INTO boards (board_id, join_code, title, organisations, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      boardById: this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE board_id = ?'),
      boardByJoinCode: this.db.prepare<[string], BoardRow>(
        'SELECT * FROM boards WHERE join_code = ?',
      ),
      joinCodeTaken: this.db.prepare<[string], { one: number }>(
        'SELECT 1 AS one FROM boards WHERE join_code = ?',
      ),
      insertToken: this.db.prepare<[Buffer, string, string, string, number]>(
        'INSERT INTO tokens (token_hash, board_id, participant_id, role, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      tokenByHash: this.db.prepare<[Buffer], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?'),
      revokeTokensOf: this.db.prepare<[number, string, string]>(
        'UPDATE tokens SET revoked_at = ? WHERE board_id = ? AND participant_id = ? AND revoked_at IS NULL',
      ),
      // The creator's token is the board's first row: createBoard inserts it with the board.
      creatorOf: this.db.prepare<[string], { participant_id: string }>(
        "SELECT participant_id FROM tokens WHERE board_id = ? AND role = 'facilitator' ORDER BY rowid LIMIT 1",
      ),
      appendUpdate: this.db.prepare<[string, LogName, Uint8Array]>(
        'INSERT INTO updates (board_id, log, data) VALUES (?, ?, ?)',
      ),
      updatesOf: this.db.prepare<[string, LogName], { data: Buffer; format: number }>(
        'SELECT data, format FROM updates WHERE board_id = ? AND log = ? ORDER BY id',
      ),
      appendCompacted: this.db.prepare<[string, LogName, Uint8Array, number]>(
        'INSERT INTO updates (board_id, log, data, format) VALUES (?, ?, ?, ?)',
      ),
      countUpdates: this.db.prepare<[string, LogName], { count: number }>(
        'SELECT COUNT(*) AS count FROM updates WHERE board_id = ? AND log = ?',
      ),
      deleteUpdates: this.db.prepare<[string, LogName]>(
        'DELETE FROM updates WHERE board_id = ? AND log = ?',
      ),
      // Its tokens and updates go with it (ON DELETE CASCADE).
      deleteBoard: this.db.prepare<[string]>('DELETE FROM boards WHERE board_id = ?'),
    };
  }

  /** Creates a board with its first document state and its first token, all or nothing. */
  createBoard(board: BoardRecord, initialState: Uint8Array, token: TokenRecord): void {
    this.db.transaction(() => {
      this.statements.insertBoard.run(
        board.boardId,
        board.joinCode,
        board.title,
        JSON.stringify(board.organisations),
        board.createdAt,
      );
      this.statements.appendUpdate.run(board.boardId, 'board', initialState);
      this.insertToken(token);
    })();
  }

  getBoard(boardId: string): BoardRecord | null {
    const row = this.statements.boardById.get(boardId);
    return row ? toRecord(row) : null;
  }

  findBoardByJoinCode(joinCode: string): BoardRecord | null {
    const row = this.statements.boardByJoinCode.get(joinCode);
    return row ? toRecord(row) : null;
  }

  isJoinCodeTaken(joinCode: string): boolean {
    return this.statements.joinCodeTaken.get(joinCode) !== undefined;
  }

  insertToken(token: TokenRecord): void {
    this.statements.insertToken.run(
      token.tokenHash,
      token.boardId,
      token.participantId,
      token.role,
      token.createdAt,
    );
  }

  findToken(tokenHash: Buffer): TokenRecord | null {
    const row = this.statements.tokenByHash.get(tokenHash);
    return row ? toTokenRecord(row) : null;
  }

  /** Revokes every live token of one participant (a token revoked before keeps its time). */
  revokeTokensOf(boardId: string, participantId: string, at: number): void {
    this.statements.revokeTokensOf.run(at, boardId, participantId);
  }

  /** The participant id of the facilitator who created the board, or null for no such board. */
  creatorOf(boardId: string): string | null {
    return this.statements.creatorOf.get(boardId)?.participant_id ?? null;
  }

  appendUpdate(boardId: string, update: Uint8Array, log: LogName = 'board'): void {
    this.statements.appendUpdate.run(boardId, log, update);
  }

  /** Appends several rows in one transaction (one fsync-free WAL commit). */
  appendUpdates(entries: readonly UpdateEntry[]): void {
    this.db.transaction(() => {
      for (const entry of entries) {
        this.statements.appendUpdate.run(entry.boardId, entry.log ?? 'board', entry.update);
      }
    })();
  }

  loadUpdates(boardId: string, log: LogName = 'board'): StoredUpdate[] {
    return this.statements.updatesOf.all(boardId, log).map((row) => ({
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.length),
      format: row.format === 2 ? 2 : 1,
    }));
  }

  countUpdates(boardId: string, log: LogName = 'board'): number {
    return this.statements.countUpdates.get(boardId, log)?.count ?? 0;
  }

  /**
   * Replaces a board's whole log by one state update. `state` must contain every stored row:
   * the caller encodes the live room's document, which was loaded from the log and has had
   * every later row applied (appends and applies happen in the same synchronous step).
   */
  compact(boardId: string, state: StoredUpdate, log: LogName = 'board'): void {
    this.db.transaction(() => {
      this.statements.deleteUpdates.run(boardId, log);
      this.statements.appendCompacted.run(boardId, log, state.data, state.format);
    })();
  }

  /**
   * Deletes a board with all its tokens and updates; false if there was no such board. The
   * write-ahead log still holds the deleted pages as they were, so it is checkpointed into the
   * (zeroed) file and truncated at once.
   */
  deleteBoard(boardId: string): boolean {
    const deleted = this.statements.deleteBoard.run(boardId).changes > 0;
    if (deleted) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  close(): void {
    this.db.close();
  }
}
