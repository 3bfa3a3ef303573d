/**
 * What the server needs of its storage: boards, their access tokens (hashes only) and each
 * board's update log. The SQLite store (sqlite.ts) implements it, and every store must pass the
 * storage contract (tests/server/storageContract.ts).
 *
 * Each call may answer at once or later (`Awaitable`): SQLite answers synchronously, while a
 * networked database answers with a Promise. Callers await, except on the hot path, where an
 * answer that is not a Promise is used at once (no promise allocated per frame).
 *
 * A write that has answered is durable: it survives a crash of the process or of the machine.
 * A row that fails its checksum is never handed out: reading it throws DamagedRowError.
 *
 * Fencing (several instances, one owner per board): an instance that takes over a board's writes
 * calls `claimBoard` and passes the epoch it got as the `fence` of its appends and compactions. A
 * fenced write on a board whose epoch has moved since is refused whole with FencedError
 * (fencedError.ts), so a former owner can never write after the new owner has loaded the board.
 * Without a fence a write is not checked (one instance, the command-line tools).
 */
import type { Role } from '../../shared/boardDoc.ts';
import type { DamagedRow } from './damagedRow.ts';
import type { StoredUpdate } from './storedUpdate.ts';

export type Awaitable<T> = T | Promise<T>;

export interface BoardRecord {
  boardId: string;
  joinCode: string;
  title: string;
  organisations: string[];
  createdAt: number;
}

export interface TokenRecord {
  tokenHash: Buffer;
  boardId: string;
  participantId: string;
  role: Role;
  createdAt: number;
  revokedAt: number | null;
}

export interface BoardStore {
  /** Creates a board with its first document state and its first token, all or nothing. */
  createBoard(board: BoardRecord, initialState: Uint8Array, token: TokenRecord): Awaitable<void>;
  getBoard(boardId: string): Awaitable<BoardRecord | null>;
  findBoardByJoinCode(joinCode: string): Awaitable<BoardRecord | null>;
  isJoinCodeTaken(joinCode: string): Awaitable<boolean>;
  /** Deletes a board with all its tokens, updates and timeline; false if there was no such board. */
  deleteBoard(boardId: string): Awaitable<boolean>;
  /** The participant id of the facilitator who created the board, or null for no such board. */
  creatorOf(boardId: string): Awaitable<string | null>;
  /**
   * Takes over the board's writes: bumps its owner epoch and returns the new one (null for no
   * such board). Waits for fenced writes in progress; later ones with an older epoch are refused.
   */
  claimBoard(boardId: string): Awaitable<number | null>;
}

export interface TokenStore {
  insertToken(token: TokenRecord): Awaitable<void>;
  findToken(tokenHash: Buffer): Awaitable<TokenRecord | null>;
  /** Revokes every live token of one participant (a token revoked before keeps its time). */
  revokeTokensOf(boardId: string, participantId: string, at: number): Awaitable<void>;
}

/**
 * A board keeps two update logs: `board`, the whole document (facilitators get it), and `view`,
 * the document that participants and observers get (server/rooms/publicView.ts), which is
 * stored like any document so that every device's copy continues the server's history.
 */
export type LogName = 'board' | 'view';

/** One row to append: to the board's `board` log unless `log` says otherwise. */
export interface UpdateEntry {
  boardId: string;
  update: Uint8Array;
  log?: LogName;
  /** The owner epoch the writer claimed (BoardStore's claimBoard); none: not checked. */
  fence?: number;
}

export interface UpdateStore {
  appendUpdate(boardId: string, update: Uint8Array, log?: LogName): Awaitable<void>;
  /**
   * Appends several rows (of any boards and logs) at once, all or nothing. A row for a board
   * deleted meanwhile is dropped; a fenced row of a board claimed since fails the whole call
   * with FencedError.
   */
  appendUpdates(entries: readonly UpdateEntry[]): Awaitable<void>;
  /** A board's log, oldest first. */
  loadUpdates(boardId: string, log?: LogName): Awaitable<StoredUpdate[]>;
  countUpdates(boardId: string, log?: LogName): Awaitable<number>;
  /**
   * Replaces a board's whole log by one state update, which must contain every stored row. With
   * a fence, refused with FencedError (nothing changed) when the board was claimed since.
   */
  compact(boardId: string, state: StoredUpdate, log?: LogName, fence?: number): Awaitable<void>;
}

/** One entry of a board's timeline as stored: its time and the entry's JSON (shared/timeline.ts). */
export interface StoredTimelineEntry {
  at: number;
  entry: string;
}

/**
 * A board's figures over the day (shared/timeline.ts), for facilitators: kept apart from the
 * board's documents, deleted with the board. Entries are not counted in the board's storage
 * budget: they are small and capped in number (MAX_TIMELINE_ENTRIES), and a full board must not
 * stop its own record.
 */
export interface TimelineStore {
  /**
   * Appends entries in order, in one transaction; dropped for a board deleted meanwhile. With
   * `fence` (the owner epoch the writer claimed), refused whole with FencedError once the board's
   * epoch has moved: a former holder adds nothing to the new holder's record.
   */
  appendTimeline(
    boardId: string,
    entries: readonly StoredTimelineEntry[],
    fence?: number,
  ): Awaitable<void>;
  /** A board's timeline, oldest first. */
  loadTimeline(boardId: string): Awaitable<StoredTimelineEntry[]>;
}

export interface StoreHealth {
  /** Writes something that means nothing, to learn whether the store takes writes again. */
  probeWrite(): Awaitable<void>;
  /** The rows found damaged so far: by the check when the store opened, and by reads since. */
  damagedRows(): Awaitable<readonly DamagedRow[]>;
}

export interface Store extends BoardStore, TokenStore, UpdateStore, TimelineStore, StoreHealth {
  close(): Awaitable<void>;
}
