/**
 * Moves an existing SQLite store into the PostgreSQL store at DATABASE_URL, with the server
 * stopped (docs/design.md, "Storage"):
 *
 *   DATABASE_URL=postgresql://… npm run migrate-store -- [--from FILE] [--skip-existing] [--skip-damaged]
 *
 * `--from` defaults to the store in DATA_DIR (default ./data). Each board moves in one
 * transaction with its tokens (in their order: the first facilitator token is the creator's)
 * and both update logs, every row with the checksum it has in SQLite; the board is then read
 * back through the PostgreSQL store, which checks each copied checksum, and compared with the
 * source. A board already in PostgreSQL is refused (`--skip-existing` leaves it as it is); a
 * damaged row in the source is refused (`--skip-damaged` leaves its board out). The SQLite file
 * is only read.
 *
 * Exit code 0 when every board is moved (or skipped as asked), 1 with a message otherwise.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { databaseUrlFromEnv, dataDirFromEnv } from '../server/config.ts';
import { PostgresStore } from '../server/persistence/postgres/postgresStore.ts';
import { rowChecksum } from '../server/persistence/rowChecksum.ts';
import { SqliteStore, STORE_FILE_NAME } from '../server/persistence/sqlite.ts';
import type { LogName, StoredTimelineEntry } from '../server/persistence/store.ts';
import {
  type BoardRow,
  boardFields,
  CHECKSUMMED,
  type TokenRow,
  tokenFields,
  type UpdateRow,
  updateFields,
} from '../server/persistence/storedRows.ts';

const USAGE =
  'usage: DATABASE_URL=postgresql://… npm run migrate-store -- [--from FILE] [--skip-existing] [--skip-damaged]';

class UsageError extends Error {}

interface Options {
  from: string;
  skipExisting: boolean;
  skipDamaged: boolean;
}

function parseOptions(args: readonly string[]): Options {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        from: { type: 'string' },
        'skip-existing': { type: 'boolean' },
        'skip-damaged': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
    return {
      from: values.from ?? join(dataDirFromEnv(), STORE_FILE_NAME),
      skipExisting: values['skip-existing'] === true,
      skipDamaged: values['skip-damaged'] === true,
    };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The boards with a damaged row, as SqliteStore's check of every row finds them. */
function damagedBoards(file: string): Set<string> {
  // Opening brings a file of an older release up to date, as the server would.
  const store = new SqliteStore(file);
  try {
    return new Set(store.damagedRows().map((row) => row.boardId));
  } finally {
    store.close();
  }
}

/** The source's rows as stored, checksums included, with a read-only handle. */
class SourceRows {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  boards(): BoardRow[] {
    return this.db
      .prepare<[], BoardRow>(
        `SELECT rowid, checksum, ${CHECKSUMMED.boards.join(', ')} FROM boards ORDER BY rowid`,
      )
      .all();
  }

  tokensOf(boardId: string): TokenRow[] {
    return this.db
      .prepare<[string], TokenRow>(
        `SELECT rowid, checksum, ${CHECKSUMMED.tokens.join(', ')} FROM tokens WHERE board_id = ? ORDER BY rowid`,
      )
      .all(boardId);
  }

  updatesOf(boardId: string): UpdateRow[] {
    return this.db
      .prepare<[string], UpdateRow>(
        `SELECT id AS rowid, checksum, ${CHECKSUMMED.updates.join(', ')} FROM updates WHERE board_id = ? ORDER BY id`,
      )
      .all(boardId);
  }

  /** Its timeline, oldest first; none in a store made before timelines. */
  timelineOf(boardId: string): StoredTimelineEntry[] {
    const table = this.db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'timeline'",
      )
      .get();
    if (!table) return [];
    return this.db
      .prepare<[string], StoredTimelineEntry>(
        'SELECT at, entry FROM timeline WHERE board_id = ? ORDER BY id',
      )
      .all(boardId);
  }

  close(): void {
    this.db.close();
  }
}

/** Each row's checksum again, here: a row damaged since SqliteStore checked it is not copied. */
function verifySource(rows: { board: BoardRow; tokens: TokenRow[]; updates: UpdateRow[] }): void {
  const sound =
    rows.board.checksum === rowChecksum(boardFields(rows.board)) &&
    rows.tokens.every((row) => row.checksum === rowChecksum(tokenFields(row))) &&
    rows.updates.every((row) => row.checksum === rowChecksum(updateFields(row)));
  if (!sound) throw new Error(`board "${rows.board.board_id}" has a damaged row in the source`);
}

/** Reads the moved board back through the PostgreSQL store (which checks every checksum). */
async function verifyMoved(
  target: PostgresStore,
  rows: {
    board: BoardRow;
    tokens: TokenRow[];
    updates: UpdateRow[];
    timeline: StoredTimelineEntry[];
  },
): Promise<void> {
  const boardId = rows.board.board_id;
  const fail = (what: string) => {
    throw new Error(`board "${boardId}" reads back differently from PostgreSQL: ${what}`);
  };
  if (!(await target.getBoard(boardId))) fail('no board row');
  for (const token of rows.tokens) {
    if ((await target.findToken(token.token_hash))?.revokedAt !== token.revoked_at) fail('a token');
  }
  for (const log of ['board', 'view'] as LogName[]) {
    const expected = rows.updates.filter((row) => row.log === log);
    const moved = await target.loadUpdates(boardId, log);
    const same =
      moved.length === expected.length &&
      moved.every((update, index) => {
        const source = expected[index];
        return (
          source !== undefined &&
          update.format === source.format &&
          Buffer.from(update.data).equals(source.data)
        );
      });
    if (!same) fail(`the ${log} log`);
  }
  const timeline = await target.loadTimeline(boardId);
  const sameTimeline =
    timeline.length === rows.timeline.length &&
    timeline.every(
      (entry, index) =>
        entry.at === rows.timeline[index]?.at && entry.entry === rows.timeline[index]?.entry,
    );
  if (!sameTimeline) fail('the timeline');
}

async function migrateStore(options: Options, databaseUrl: string): Promise<string[]> {
  if (!existsSync(options.from)) throw new Error(`there is no Continuum store at ${options.from}`);
  const damaged = damagedBoards(options.from);
  if (damaged.size > 0 && !options.skipDamaged) {
    throw new Error(
      `boards with damaged rows in ${options.from}: ${[...damaged].join(', ')} (--skip-damaged leaves them out)`,
    );
  }
  const source = new SourceRows(options.from);
  const target = await PostgresStore.open(databaseUrl);
  const report: string[] = [];
  let moved = 0;
  try {
    for (const board of source.boards()) {
      const boardId = board.board_id;
      if (damaged.has(boardId)) {
        report.push(`Left out board ${boardId}: it has a damaged row`);
        continue;
      }
      const rows = {
        board,
        tokens: source.tokensOf(boardId),
        updates: source.updatesOf(boardId),
        timeline: source.timelineOf(boardId),
      };
      verifySource(rows);
      if (!(await target.importBoard(rows))) {
        if (!options.skipExisting) {
          throw new Error(
            `board ${boardId} is in PostgreSQL already (--skip-existing leaves it as it is there)`,
          );
        }
        report.push(`Skipped board ${boardId}: in PostgreSQL already`);
        continue;
      }
      await verifyMoved(target, rows);
      moved += 1;
      report.push(
        `Moved board ${boardId} ("${board.title}"): ${rows.tokens.length} tokens, ${rows.updates.length} updates, ${rows.timeline.length} timeline entries`,
      );
    }
  } finally {
    source.close();
    await target.close();
  }
  report.push(`${moved} boards moved from ${options.from} to PostgreSQL.`);
  return report;
}

try {
  const options = parseOptions(process.argv.slice(2));
  const databaseUrl = databaseUrlFromEnv();
  if (databaseUrl === null) throw new UsageError('DATABASE_URL is not set');
  for (const line of await migrateStore(options, databaseUrl)) console.log(line);
} catch (error) {
  console.error(`migrate-store: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exitCode = 1;
}
