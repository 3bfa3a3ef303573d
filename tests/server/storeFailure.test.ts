/**
 * The store under trouble, with real files: the log always holds what the room holds (across
 * compactions); a locked store leaves the rooms working in memory, reported degraded, without
 * freezing the server, and catches up once the lock is gone; a damaged row closes only its own
 * board, with a clear log line and a clear message to its clients.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore, STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import { applyStoredUpdate } from '../../server/persistence/storedUpdate.ts';
import type { Logger } from '../../server/persistence/updateLog.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { placeMap, readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSE_ROOM_UNAVAILABLE } from '../../shared/closeCodes.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  newDataDir,
  nextClose,
  serverHarness,
  storeHealth,
  storeRecovered,
  synced,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

const harness = serverHarness();
const databases: Database.Database[] = [];

afterEach(() => {
  for (const db of databases.splice(0)) if (db.open) db.close();
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(line) };
}

function openStore(dataDir: string): Database.Database {
  const db = new Database(join(dataDir, STORE_FILE_NAME));
  databases.push(db);
  return db;
}

/** The board as the store holds it, read with a connection of its own. */
/** The board as stored, read back the way a room loads it. */
function storedDoc(dataDir: string, boardId: string): Y.Doc {
  const store = new SqliteStore(join(dataDir, STORE_FILE_NAME));
  const rows = store.loadUpdates(boardId);
  store.close();
  const doc = new Y.Doc();
  for (const row of rows) applyStoredUpdate(doc, row);
  return doc;
}

function placeAll(client: TestClient, person: JoinResponse, count: number, offset = 0): void {
  for (let i = 0; i < count; i++) {
    const cardId = CARD_IDS[(i + offset) % CARD_IDS.length] ?? 'trust.v1';
    const placement = { x: ((i + offset) % 100) / 100, round: 1, at: i + offset };
    setPlacement(client.doc, person.participantId, cardId, placement, 'local');
  }
}

describe('the stored log', () => {
  it('holds everything the room holds, also right after a compaction', async () => {
    // A rate high enough for 520 separate appends on one connection.
    const updateRate = { perSecond: 10_000, burst: 10_000 };
    const running = await harness.start(newDataDir(), { limits: { updateRate } });
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const anaClient = harness.client(running, board.boardId, ana.token);
    await synced(anaClient);
    const room = running.server.rooms.peek(board.boardId);
    if (!room) throw new Error('no room');
    // Compaction runs every 500 appends; write across it, one update at a time.
    for (let i = 0; i < 520; i++) {
      placeAll(anaClient, ana, 1, i);
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const id = anaClient.doc.clientID;
    await waitFor(() => Y.getState(room.doc.store, id) === 520, 'every write at the server');
    const stored = storedDoc(running.dataDir, board.boardId);
    expect(stored.store.pendingStructs).toBe(null);
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(room.doc));
  });
});

describe('a locked store', () => {
  it('keeps the room working in memory, reports degraded, and catches up once unlocked', async () => {
    const logger = recordingLogger();
    let running = await harness.start(newDataDir(), { logger });
    const { dataDir } = running;
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const anaClient = harness.client(running, board.boardId, ana.token);
    const witness = harness.client(running, board.boardId, board.facilitatorToken);
    await Promise.all([synced(anaClient), synced(witness)]);

    const lock = openStore(dataDir);
    lock.exec('BEGIN EXCLUSIVE');
    // Each write is its own update; a blocked append would cost 150 ms apiece.
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      placeAll(anaClient, ana, 1, i);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await waitFor(
      () => placeMap(witness.doc, ana.participantId).size === 30,
      'the writes to reach the witness while the store is locked',
    );
    expect(Date.now() - started).toBeLessThan(3_000); // blocked appends would take 4.5 s
    const degraded = await storeHealth(running);
    expect(degraded.status).toBe('degraded');
    expect(degraded.store.queuedUpdates).toBeGreaterThanOrEqual(29);
    expect(logger.lines.some((line) => line.startsWith('STORE FAILURE'))).toBe(true);

    // Everyone leaves and comes back while it is still locked: the room reloads from the
    // store plus what is queued, and nothing stored is overwritten by a partial state.
    anaClient.destroy();
    witness.destroy();
    await waitFor(() => running.server.rooms.size === 0, 'the room to unload');
    const back = harness.client(running, board.boardId, board.facilitatorToken);
    await synced(back);
    expect(placeMap(back.doc, ana.participantId).size).toBe(30);

    lock.exec('COMMIT');
    lock.close();
    await storeRecovered(running);
    expect(logger.lines.some((line) => line.startsWith('store recovered'))).toBe(true);

    const written = placeMap(back.doc, ana.participantId).toJSON();
    back.destroy();
    await running.close();
    running = await harness.start(dataDir);
    const again = harness.client(running, board.boardId, board.facilitatorToken);
    await synced(again);
    expect(placeMap(again.doc, ana.participantId).toJSON()).toEqual(written);
  });
});

describe('a damaged row', () => {
  it('closes only its board, with a clear log line and a readable reason; others go on', async () => {
    let running = await harness.start();
    const { dataDir } = running;
    const boards: { board: CreateBoardResponse; ana: JoinResponse }[] = [];
    for (const title of ['Damaged', 'Healthy']) {
      const board = await createBoard(running, { title });
      const ana = await joinBoard(running, board, 'Ana');
      const client = harness.client(running, board.boardId, ana.token);
      await synced(client);
      placeAll(client, ana, 3);
      const room = running.server.rooms.peek(board.boardId);
      if (!room) throw new Error('no room');
      await waitFor(() => placeMap(room.doc, ana.participantId).size === 3, 'the placements');
      boards.push({ board, ana });
    }
    await running.close();
    await harness.stop(); // its clients, now that the server has stored every room
    const [damaged, healthy] = boards;
    if (!damaged || !healthy) throw new Error('two boards');

    // With the server down, garbage goes into the damaged board's only (compacted) row.
    const db = openStore(dataDir);
    const changed = db
      .prepare('UPDATE updates SET data = ? WHERE board_id = ?')
      .run(Buffer.from('garbage!garbage!garbage!'), damaged.board.boardId).changes;
    expect(changed).toBe(1);
    db.close();

    const logger = recordingLogger();
    running = await harness.start(dataDir, { logger });
    const victim = harness.client(running, damaged.board.boardId, damaged.ana.token);
    expect(await nextClose(victim)).toEqual({
      code: CLOSE_ROOM_UNAVAILABLE,
      reason: 'This board cannot be opened: its stored data is damaged. Tell the organiser.',
    });
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^ROOM NOT LOADED: board ${damaged.board.boardId}: stored update 1 of 1 is unreadable`,
        ),
      ),
    );
    const me = await callApi<{ error: string }>(
      running,
      'GET',
      `/api/boards/${damaged.board.boardId}/me`,
      {
        token: damaged.ana.token,
      },
    );
    expect(me.status).toBe(503);

    const fine = harness.client(running, healthy.board.boardId, healthy.ana.token);
    await synced(fine);
    expect(readPlacement(fine.doc, healthy.ana.participantId, CARD_IDS[2] ?? '')?.x).toBe(0.02);
    // The damaged row is left as it was, for whoever repairs it.
    const stored = openStore(dataDir)
      .prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE board_id = ?')
      .get(damaged.board.boardId);
    expect(stored?.data.toString()).toBe('garbage!garbage!garbage!');
  });
});
