/** Compacted boards are stored in Yjs's V2 encoding; older stores (all V1) still load. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/persistence/sqlite.ts';
import { applyStoredUpdate, compactedState } from '../../server/persistence/storedUpdate.ts';
import { initBoardDoc, readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../shared/rubric.ts';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(
    doc,
    { title: 'T', createdAt: 1, organisations: [], rubric: ELEMENTS_OF_PARTNERSHIP },
    'server',
  );
  for (let i = 0; i < 200; i++) {
    setPlacement(
      doc,
      'p1',
      `trust.v${(i % 3) + 1}`,
      { x: (i % 10) / 10, round: 1, at: i },
      'local',
    );
  }
  return doc;
}

const record = (boardId: string) => ({
  boardId,
  joinCode: 'ABCDEF',
  title: 'T',
  organisations: [],
  createdAt: 1,
});
const token = (boardId: string) => ({
  tokenHash: Buffer.alloc(32, 1),
  boardId,
  participantId: 'f1',
  role: 'facilitator' as const,
  createdAt: 1,
  revokedAt: null,
});

describe('stored updates', () => {
  it('compacts into one V2 row that is smaller than V1 and loads back the same board', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'continuum-stored-')), 'store.sqlite');
    const store = new SqliteStore(file);
    const doc = board();
    store.createBoard(record('b1'), Y.encodeStateAsUpdate(doc), token('b1'));
    store.compact('b1', compactedState(doc));
    const rows = store.loadUpdates('b1');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.format).toBe(2);
    expect(rows[0]?.data.length).toBeLessThan(Y.encodeStateAsUpdate(doc).length);
    const loaded = new Y.Doc();
    for (const row of rows) applyStoredUpdate(loaded, row);
    expect(Y.encodeStateAsUpdate(loaded)).toEqual(Y.encodeStateAsUpdate(doc));
    expect(readPlacement(loaded, 'p1', 'trust.v2')).toEqual(readPlacement(doc, 'p1', 'trust.v2'));
    store.close();
  });

  it('opens a store written before the format and log columns existed, its rows read as V1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'continuum-stored-')), 'store.sqlite');
    const legacy = new Database(file);
    legacy.exec(`
      CREATE TABLE boards (board_id TEXT PRIMARY KEY, join_code TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
        organisations TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE updates (id INTEGER PRIMARY KEY AUTOINCREMENT, board_id TEXT NOT NULL, data BLOB NOT NULL);
    `);
    legacy.prepare("INSERT INTO boards VALUES ('b1', 'ABCDEF', 'T', '[]', 1)").run();
    legacy
      .prepare("INSERT INTO updates (board_id, data) VALUES ('b1', ?)")
      .run(Y.encodeStateAsUpdate(board()));
    legacy.close();
    const store = new SqliteStore(file);
    const rows = store.loadUpdates('b1');
    expect(rows.map((row) => row.format)).toEqual([1]);
    // Its rows are the boards' own documents; no board has a stored view yet.
    expect(store.loadUpdates('b1', 'view')).toEqual([]);
    const loaded = new Y.Doc();
    for (const row of rows) applyStoredUpdate(loaded, row);
    expect(readPlacement(loaded, 'p1', 'trust.v1')).not.toBeNull();
    store.close();
  });
});
