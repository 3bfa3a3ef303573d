/**
 * The stored rows as both stores (SQLite and PostgreSQL) hand them out, and the fields each
 * row's checksum covers, in order. Both stores use these, so a row copied from one store to the
 * other (scripts/migrateStore.ts) keeps its checksum: SQLite's INTEGER, TEXT and BLOB columns map
 * to PostgreSQL's bigint, text and bytea, which come back as the same JavaScript values.
 */
import type { Role } from '../../shared/boardDoc.ts';
import type { StoredTable } from './damagedRow.ts';
import type { ChecksumField } from './rowChecksum.ts';
import type { BoardRecord, LogName, TokenRecord } from './store.ts';
import type { StoredUpdate } from './storedUpdate.ts';

export interface Checksummed {
  /** The row's id in its table: SQLite's rowid, PostgreSQL's identity column. */
  rowid: number;
  checksum: number | null;
}

export interface BoardRow extends Checksummed {
  board_id: string;
  join_code: string;
  title: string;
  /** JSON text of the organisation names. */
  organisations: string;
  created_at: number;
}

export interface TokenRow extends Checksummed {
  token_hash: Buffer;
  board_id: string;
  participant_id: string;
  role: Role;
  created_at: number;
  revoked_at: number | null;
}

export interface UpdateRow extends Checksummed {
  board_id: string;
  log: LogName;
  data: Buffer;
  format: number;
}

/** Each table's checksummed columns, in order (the same order as the functions below). */
export const CHECKSUMMED: Record<StoredTable, readonly string[]> = {
  boards: ['board_id', 'join_code', 'title', 'organisations', 'created_at'],
  tokens: ['token_hash', 'board_id', 'participant_id', 'role', 'created_at', 'revoked_at'],
  updates: ['board_id', 'log', 'data', 'format'],
};

export const boardFields = (row: Omit<BoardRow, keyof Checksummed>): ChecksumField[] => [
  row.board_id,
  row.join_code,
  row.title,
  row.organisations,
  row.created_at,
];

export const tokenFields = (row: Omit<TokenRow, keyof Checksummed>): ChecksumField[] => [
  row.token_hash,
  row.board_id,
  row.participant_id,
  row.role,
  row.created_at,
  row.revoked_at,
];

export const updateFields = (row: Omit<UpdateRow, keyof Checksummed>): ChecksumField[] => [
  row.board_id,
  row.log,
  row.data,
  row.format,
];

/** The board row of a new board, before its checksum. */
export function boardRowOf(board: BoardRecord): Omit<BoardRow, keyof Checksummed> {
  return {
    board_id: board.boardId,
    join_code: board.joinCode,
    title: board.title,
    organisations: JSON.stringify(board.organisations),
    created_at: board.createdAt,
  };
}

export function toRecord(row: BoardRow): BoardRecord {
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

export function toTokenRecord(row: TokenRow): TokenRecord {
  return {
    tokenHash: row.token_hash,
    boardId: row.board_id,
    participantId: row.participant_id,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export function toStoredUpdate(row: UpdateRow): StoredUpdate {
  return {
    data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.length),
    format: row.format === 2 ? 2 : 1,
  };
}
