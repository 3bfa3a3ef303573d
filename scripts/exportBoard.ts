/**
 * Exports a board straight from the store, so it works while the server is down
 * (docs/snapshot-format.md). It reads through the storage interface, like the server, from the
 * store the server uses: PostgreSQL when DATABASE_URL is set (read only: its schema must be this
 * code's), otherwise SQLite in DATA_DIR (default ./data).
 *
 *   npm run export -- --board ID --format json|placements-csv|cards-csv [--anonymous] [--lang es] --out FILE
 *
 * `--lang` makes the CSV files' element names and card texts in another of the rubric's
 * languages (the JSON holds them all).
 *
 * Exit code 0 when the file is written, 1 with a message on stderr otherwise.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { databaseUrlFromEnv, dataDirFromEnv } from '../server/config.ts';
import { PostgresStore } from '../server/persistence/postgres/postgresStore.ts';
import { loadStoredDoc } from '../server/persistence/roomLoad.ts';
import { SqliteStore, STORE_FILE_NAME } from '../server/persistence/sqlite.ts';
import type { Store } from '../server/persistence/store.ts';
import { withTimeline } from '../server/persistence/storedTimeline.ts';
import { exportFile, isExportLanguage } from '../shared/exportFile.ts';
import { snapshotFromDoc } from '../shared/snapshot/fromDoc.ts';
import { EXPORT_USAGE, type ExportRequest, parseExportArgs, UsageError } from './exportArgs.ts';

interface OpenedStore {
  store: Store;
  /** Where the store is, for messages (never the URL: it may hold a password). */
  place: string;
}

async function openExportStore(databaseUrl: string | null, dataDir: string): Promise<OpenedStore> {
  if (databaseUrl !== null) {
    // Export reads only: no migration, no check of every row (each row read is checked).
    const store = await PostgresStore.open(databaseUrl, { migrate: false, checkEveryRow: false });
    return { store, place: 'the PostgreSQL store (DATABASE_URL)' };
  }
  const file = join(dataDir, STORE_FILE_NAME);
  // Opening a missing store would create an empty one.
  if (!existsSync(file)) {
    throw new Error(
      `there is no Continuum store at ${file} (set DATA_DIR to the server's, or DATABASE_URL)`,
    );
  }
  return { store: new SqliteStore(file), place: file };
}

async function exportBoard(
  request: ExportRequest,
  databaseUrl: string | null,
  dataDir: string,
): Promise<string> {
  const { store, place } = await openExportStore(databaseUrl, dataDir);
  try {
    const board = await store.getBoard(request.boardId);
    if (!board) throw new Error(`there is no board "${request.boardId}" in ${place}`);
    const doc = new Y.Doc();
    // As the server loads a room: a damaged log or a newer document is refused, not exported.
    loadStoredDoc(doc, board.boardId, await store.loadUpdates(board.boardId));
    const fromDoc = snapshotFromDoc(doc, board.boardId, {
      exportedAt: Date.now(),
      anonymous: request.anonymous,
    });
    if (!fromDoc) throw new Error(`board "${board.boardId}" is stored without readable meta`);
    const snapshot = await withTimeline(fromDoc, store, board.boardId);
    const { lang } = request;
    if (lang !== undefined && !isExportLanguage(snapshot, lang)) {
      throw new UsageError(
        `--lang: the rubric of "${board.title}" is in ${snapshot.languages.join(', ')}`,
      );
    }
    writeFileSync(request.out, exportFile(snapshot, request.format, lang).body);
    return `Wrote ${request.out} (${request.format} of "${board.title}")`;
  } finally {
    await store.close();
  }
}

try {
  const request = parseExportArgs(process.argv.slice(2));
  console.log(await exportBoard(request, databaseUrlFromEnv(), dataDirFromEnv()));
} catch (error) {
  console.error(`export: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError) console.error(EXPORT_USAGE);
  process.exitCode = 1;
}
