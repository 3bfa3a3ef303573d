/**
 * Damage that would pass for data: every stored row carries a checksum, so a flipped bit in a
 * real store file's update, token or board row refuses only what needs that row, with the
 * damaged message, while /healthz and the log say what is damaged and every other board works.
 * Stores made before checksums get them when they open. Commits are synced (synchronous=FULL).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DamagedRowError } from '../../server/persistence/damagedRow.ts';
import { SqliteStore, STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import type { Logger } from '../../server/persistence/updateLog.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { placeMap, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  newDataDir,
  nextClose,
  serverHarness,
  storeHealth,
  synced,
  waitFor,
} from '../support/testServer.ts';

const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
const harness = serverHarness();
const databases: Database.Database[] = [];

afterEach(() => {
  for (const db of databases.splice(0)) if (db.open) db.close();
});

/** A connection of the test's own to a store file, as a disk or another program would touch it. */
function openFile(dataDir: string): Database.Database {
  const db = new Database(join(dataDir, STORE_FILE_NAME));
  databases.push(db);
  return db;
}

function flipBit(bytes: Uint8Array, bit: number): Buffer {
  const flipped = Buffer.from(bytes);
  flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return flipped;
}

/** The same text with the lowest bit of its last character flipped (still valid UTF-8). */
function flipTextBit(text: string): string {
  return text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) ^ 1);
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(line) };
}

interface PlacedBoard {
  board: CreateBoardResponse;
  ana: JoinResponse;
}

describe('stored rows with checksums', () => {
  it('refuses only the board or token whose row is damaged; /healthz and the log say what', {
    timeout: 30_000,
  }, async () => {
    let running = await harness.start();
    const { dataDir } = running;
    const placed: PlacedBoard[] = [];
    for (const title of ['Update damaged', 'Board row damaged', 'Token damaged', 'Healthy']) {
      const board = await createBoard(running, { title });
      const ana = await joinBoard(running, board, 'Ana');
      const client = harness.client(running, board.boardId, ana.token);
      await synced(client);
      for (const [index, cardId] of CARD_IDS.slice(0, 3).entries()) {
        setPlacement(
          client.doc,
          ana.participantId,
          cardId,
          { x: index / 10, round: 1, at: index },
          'local',
        );
      }
      const room = running.server.rooms.peek(board.boardId);
      await waitFor(
        () => placeMap(room?.doc ?? new Y.Doc(), ana.participantId).size === 3,
        'placements',
      );
      placed.push({ board, ana });
    }
    await harness.stop(); // stores every board (one compacted row each)
    const [updateDamaged, boardDamaged, tokenDamaged, healthy] = placed;
    if (!updateDamaged || !boardDamaged || !tokenDamaged || !healthy)
      throw new Error('four boards');

    // One bit each, straight in the file's rows, checksums left as they were.
    const db = openFile(dataDir);
    const row = db
      .prepare<[string], { id: number; data: Buffer }>(
        'SELECT id, data FROM updates WHERE board_id = ?',
      )
      .get(updateDamaged.board.boardId);
    if (!row) throw new Error('no update row');
    db.prepare('UPDATE updates SET data = ? WHERE id = ?').run(
      flipBit(row.data, 8 * 20 + 3),
      row.id,
    );
    db.prepare('UPDATE boards SET title = ? WHERE board_id = ?').run(
      flipTextBit('Board row damaged'),
      boardDamaged.board.boardId,
    );
    db.prepare(
      'UPDATE tokens SET participant_id = ? WHERE board_id = ? AND participant_id = ?',
    ).run(
      flipTextBit(tokenDamaged.ana.participantId),
      tokenDamaged.board.boardId,
      tokenDamaged.ana.participantId,
    );
    db.close();

    const logger = recordingLogger();
    running = await harness.start(dataDir, { logger });
    const health = await storeHealth(running);
    expect(health.status).toBe('degraded');
    expect(health.damage).toEqual({ boards: 1, tokens: 1, updates: 1 });
    expect(health.store.savingPaused).toBe(false);
    await waitFor(
      () => logger.lines.filter((line) => line.startsWith('STORED DATA DAMAGED')).length === 3,
      'the damage in the log',
    );

    const updateVictim = harness.client(
      running,
      updateDamaged.board.boardId,
      updateDamaged.ana.token,
    );
    expect(await nextClose(updateVictim)).toEqual(CLOSES.roomDamaged);
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^ROOM NOT LOADED: board ${updateDamaged.board.boardId}: stored row \\d+ of updates`,
        ),
      ),
    );

    const boardVictim = harness.client(running, boardDamaged.board.boardId, boardDamaged.ana.token);
    expect(await nextClose(boardVictim)).toEqual(CLOSES.roomDamaged);
    const info = await callApi<{ error: string }>(
      running,
      'GET',
      `/api/boards/${boardDamaged.board.boardId}`,
    );
    expect(info.status).toBe(503);
    expect(info.body.error).toMatch(/damaged/);
    expect(info.body).toMatchObject({ code: 'storeDamaged' });

    // The damaged token alone is refused (retried, so the device keeps its link); its board works.
    const tokenVictim = harness.client(running, tokenDamaged.board.boardId, tokenDamaged.ana.token);
    expect(await nextClose(tokenVictim)).toEqual(CLOSES.accessDamaged);
    const facilitator = harness.client(
      running,
      tokenDamaged.board.boardId,
      tokenDamaged.board.facilitatorToken,
    );
    await synced(facilitator);
    expect(placeMap(facilitator.doc, tokenDamaged.ana.participantId).size).toBe(3);

    const fine = harness.client(running, healthy.board.boardId, healthy.ana.token);
    await synced(fine);
    expect(placeMap(fine.doc, healthy.ana.participantId).size).toBe(3);
  });

  it('catches every single-bit flip of a compacted row', () => {
    const dataDir = newDataDir();
    const file = join(dataDir, STORE_FILE_NAME);
    const store = new SqliteStore(file);
    const doc = new Y.Doc();
    for (const [index, cardId] of CARD_IDS.entries()) {
      setPlacement(doc, 'p1', cardId, { x: index / CARD_IDS.length, round: 1, at: index }, 'local');
    }
    const board = { boardId: 'b1', joinCode: 'CODE', title: 'B', organisations: [], createdAt: 1 };
    const token = {
      tokenHash: Buffer.alloc(32, 1),
      boardId: 'b1',
      participantId: 'p1',
      role: 'facilitator' as const,
      createdAt: 1,
      revokedAt: null,
    };
    store.createBoard(board, Y.encodeStateAsUpdate(doc), token);
    store.compact('b1', { data: Y.encodeStateAsUpdateV2(doc), format: 2 });
    const db = openFile(dataDir);
    db.pragma('synchronous = OFF'); // the test's own writes need no sync
    const row = db.prepare<[], { id: number; data: Buffer }>('SELECT id, data FROM updates').get();
    if (!row) throw new Error('no row');
    const flip = db.prepare<[Buffer, number]>('UPDATE updates SET data = ? WHERE id = ?');
    let caught = 0;
    const bits = row.data.length * 8;
    for (let bit = 0; bit < bits; bit++) {
      flip.run(flipBit(row.data, bit), row.id);
      try {
        store.loadUpdates('b1');
      } catch (error) {
        if (error instanceof DamagedRowError) caught += 1;
      }
    }
    flip.run(row.data, row.id);
    expect(caught).toBe(bits);
    expect(store.loadUpdates('b1')).toHaveLength(1);
    store.close();
  });

  it('gives the rows of a store made before checksums their own when it opens', () => {
    const dataDir = newDataDir();
    const file = join(dataDir, STORE_FILE_NAME);
    const old = new Database(file);
    old.exec(`
      CREATE TABLE boards (board_id TEXT PRIMARY KEY, join_code TEXT NOT NULL UNIQUE, title TEXT NOT NULL, organisations TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE tokens (token_hash BLOB PRIMARY KEY, board_id TEXT NOT NULL, participant_id TEXT NOT NULL, role TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);
      CREATE TABLE updates (id INTEGER PRIMARY KEY AUTOINCREMENT, board_id TEXT NOT NULL, data BLOB NOT NULL, format INTEGER NOT NULL DEFAULT 1, log TEXT NOT NULL DEFAULT 'board');
    `);
    old.prepare('INSERT INTO boards VALUES (?, ?, ?, ?, ?)').run('b1', 'CODE', 'Old', '[]', 1);
    old
      .prepare('INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?)')
      .run(Buffer.alloc(32, 1), 'b1', 'p1', 'facilitator', 1, null);
    old
      .prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)')
      .run('b1', Buffer.from([0, 0]));
    old.close();

    const store = new SqliteStore(file);
    expect(store.damagedRows()).toEqual([]);
    expect(store.getBoard('b1')?.title).toBe('Old');
    expect(store.findToken(Buffer.alloc(32, 1))?.participantId).toBe('p1');
    expect(store.loadUpdates('b1')).toEqual([{ data: new Uint8Array([0, 0]), format: 1 }]);
    // Revoking recomputes the token's checksum.
    store.revokeTokensOf('b1', 'p1', 5);
    expect(store.findToken(Buffer.alloc(32, 1))?.revokedAt).toBe(5);
    store.close();

    // And from now on a flipped bit shows.
    const db = openFile(dataDir);
    db.prepare('UPDATE boards SET title = ? WHERE board_id = ?').run('Olc', 'b1');
    db.close();
    const reopened = new SqliteStore(file);
    expect(reopened.damagedRows()).toEqual([{ table: 'boards', rowid: 1, boardId: 'b1' }]);
    expect(() => reopened.getBoard('b1')).toThrow(DamagedRowError);
    reopened.close();
  });

  it('syncs every commit (synchronous=FULL), so a power cut cannot roll back what was sent', () => {
    const file = join(newDataDir(), STORE_FILE_NAME);
    const store = new SqliteStore(file);
    // The store's own connection: a pragma is per connection, so it is read through the store.
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });
});
