/**
 * Exports a board straight from the SQLite store, so it works while the server is down
 * (README "Exporting"). Reads DATA_DIR (default ./data) as the server does.
 *
 *   npm run export -- --board ID --format json|placements-csv|cards-csv [--anonymous] --out FILE
 *
 * Exit code 0 when the file is written, 1 with a message on stderr otherwise.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { dataDirFromEnv } from '../server/config.ts';
import { SqliteStore, STORE_FILE_NAME } from '../server/persistence/sqlite.ts';
import { applyStoredUpdate } from '../server/persistence/storedUpdate.ts';
import { EXPORT_FORMATS, type ExportFormat, exportFile } from '../shared/exportFile.ts';
import { snapshotFromDoc } from '../shared/snapshot/fromDoc.ts';

const USAGE = `usage: npm run export -- --board ID --format ${EXPORT_FORMATS.join('|')} [--anonymous] --out FILE`;

/** A mistake in the command line: the usage line helps. */
class UsageError extends Error {}

interface Request {
  boardId: string;
  format: ExportFormat;
  anonymous: boolean;
  out: string;
}

function isFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

function parseRequest(args: string[]): Request {
  let values: { board?: string; format?: string; anonymous?: boolean; out?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        board: { type: 'string' },
        format: { type: 'string' },
        anonymous: { type: 'boolean' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { board, format, out } = values;
  if (!board) throw new UsageError('--board ID is required');
  if (!format || !isFormat(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (!out) throw new UsageError('--out FILE is required');
  return { boardId: board, format, anonymous: values.anonymous === true, out };
}

function exportBoard(request: Request, dataDir: string): string {
  const file = join(dataDir, STORE_FILE_NAME);
  // Opening a missing store would create an empty one.
  if (!existsSync(file)) {
    throw new Error(`there is no Continuum store at ${file} (set DATA_DIR to the server's)`);
  }
  const store = new SqliteStore(file);
  try {
    const board = store.getBoard(request.boardId);
    if (!board) throw new Error(`there is no board "${request.boardId}" in ${file}`);
    const doc = new Y.Doc();
    for (const update of store.loadUpdates(board.boardId)) applyStoredUpdate(doc, update);
    const snapshot = snapshotFromDoc(doc, board.boardId, {
      exportedAt: Date.now(),
      anonymous: request.anonymous,
    });
    if (!snapshot) throw new Error(`board "${board.boardId}" is stored without readable meta`);
    writeFileSync(request.out, exportFile(snapshot, request.format).body);
    return `Wrote ${request.out} (${request.format} of "${board.title}")`;
  } finally {
    store.close();
  }
}

try {
  console.log(exportBoard(parseRequest(process.argv.slice(2)), dataDirFromEnv()));
} catch (error) {
  console.error(`export: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exitCode = 1;
}
