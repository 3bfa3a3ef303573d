/**
 * The store under trouble, with real files: the log always holds what the room holds (across
 * compactions); a locked store pauses saving (its rooms close with 4507, nothing unstored is
 * shared, clients keep their writes) and everything converges once the lock is gone; a damaged
 * row closes only its own board, with a clear log line and a clear message to its clients.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rowChecksum } from '../../server/persistence/rowChecksum.ts';
import { SqliteStore, STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import { applyStoredUpdate } from '../../server/persistence/storedUpdate.ts';
import type { Logger } from '../../server/persistence/updateLog.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { placeMap, readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSE_ROOM_UNAVAILABLE, CLOSES } from '../../shared/closeCodes.ts';
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
  it('holds everything anyone was sent, also right after a compaction', async () => {
    // A rate high enough for 520 separate appends on one connection.
    const updateRate = { perSecond: 10_000, burst: 10_000 };
    const running = await harness.start(newDataDir(), { limits: { updateRate } });
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const anaClient = harness.client(running, board.boardId, ana.token);
    const witness = harness.client(running, board.boardId, board.facilitatorToken);
    await Promise.all([synced(anaClient), synced(witness)]);
    const room = running.server.rooms.peek(board.boardId);
    if (!room) throw new Error('no room');
    // Compaction runs every 500 appends; write across it, one update at a time.
    const id = anaClient.doc.clientID;
    const checks: string[] = [];
    witness.doc.on('update', () => {
      // Whatever reaches the witness is stored by then, with nothing missing before it.
      const stored = storedDoc(running.dataDir, board.boardId);
      const seen = Y.getState(witness.doc.store, id);
      if (stored.store.pendingStructs !== null || Y.getState(stored.store, id) < seen) {
        checks.push(`seen ${seen}, stored ${Y.getState(stored.store, id)}`);
      }
    });
    for (let i = 0; i < 520; i++) {
      placeAll(anaClient, ana, 1, i);
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await waitFor(() => Y.getState(witness.doc.store, id) === 520, 'every write at the witness');
    expect(checks).toEqual([]);
    const stored = storedDoc(running.dataDir, board.boardId);
    expect(stored.store.pendingStructs).toBe(null);
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(room.doc));
  });
});

describe('a locked store', () => {
  it('pauses saving: nothing is shared, clients keep their writes, and once unlocked everything converges', async () => {
    const logger = recordingLogger();
    let running = await harness.start(newDataDir(), { logger });
    const { dataDir } = running;
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const anaClient = harness.client(running, board.boardId, ana.token);
    const witness = harness.client(running, board.boardId, board.facilitatorToken);
    await Promise.all([synced(anaClient), synced(witness)]);
    const closes: number[] = [];
    for (const client of [anaClient, witness]) {
      client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    }
    placeAll(anaClient, ana, 5);
    await waitFor(() => placeMap(witness.doc, ana.participantId).size === 5, 'the first writes');

    const lock = openStore(dataDir);
    lock.exec('BEGIN EXCLUSIVE');
    const paused = nextClose(anaClient);
    placeAll(anaClient, ana, 30, 5);
    expect(await paused).toEqual(CLOSES.savingPaused);
    // Nothing the store lacks reached anyone; the writer still has all of it.
    expect(placeMap(witness.doc, ana.participantId).size).toBe(5);
    expect(placeMap(anaClient.doc, ana.participantId).size).toBe(35);
    const degraded = await storeHealth(running);
    expect(degraded.status).toBe('degraded');
    expect(degraded.store.savingPaused).toBe(true);
    expect(logger.lines.some((line) => line.startsWith('STORE FAILURE'))).toBe(true);
    // Coming back while it lasts is refused the same way (retried), and writing on offline.
    const refused = nextClose(anaClient);
    expect(await refused).toEqual(CLOSES.savingPaused);
    placeAll(anaClient, ana, 10, 35);
    expect(running.server.rooms.size).toBe(0);

    lock.exec('COMMIT');
    lock.close();
    await storeRecovered(running);
    expect(logger.lines.some((line) => line.startsWith('store recovered'))).toBe(true);
    await waitFor(
      () => placeMap(witness.doc, ana.participantId).size === 45,
      'every write to reach the witness once saving resumes',
      15_000,
    );
    // Nobody was refused (no 4403): every close was the pause.
    expect(new Set(closes)).toEqual(new Set([CLOSES.savingPaused.code]));

    const written = placeMap(anaClient.doc, ana.participantId).toJSON();
    expect(placeMap(witness.doc, ana.participantId).toJSON()).toEqual(written);
    await harness.stop();
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

    // With the server down, garbage goes into the damaged board's only (compacted) row, with a
    // checksum that matches it (as a faulty version could write): Yjs finds it unreadable.
    const db = openStore(dataDir);
    const garbage = Buffer.from('garbage!garbage!garbage!');
    const checksum = rowChecksum([damaged.board.boardId, 'board', garbage, 2]);
    const changed = db
      .prepare("UPDATE updates SET data = ?, checksum = ? WHERE board_id = ? AND log = 'board'")
      .run(garbage, checksum, damaged.board.boardId).changes;
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
    expect(me.body).toMatchObject({ code: 'storeDamaged' });

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
