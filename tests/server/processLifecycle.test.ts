/**
 * The server as a real process: killed with SIGKILL while 20 stock clients drag and drop, it
 * comes back on the same port and data folder, every client reconnects by itself and the board
 * holds every write any client made; killed during a write burst or while its store is locked,
 * every write any client saw is stored before anyone re-sends anything, and nobody is refused
 * when they come back; stopped with SIGTERM, it stores every board, closes every socket with
 * 1001 and exits with 0.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import type { JoinResponse } from '../../shared/api.ts';
import { placeMap, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSE_GOING_AWAY, CLOSES } from '../../shared/closeCodes.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { freePort, type ServerProcess, startServerProcess } from '../support/serverProcess.ts';
import {
  connectClient,
  createBoard,
  joinBoard,
  newDataDir,
  synced,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

const processes: ServerProcess[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of processes.splice(0)) {
    server.kill('SIGKILL');
    await server.exited;
  }
});

async function start(dataDir: string, port: number): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir, port);
  processes.push(server);
  return server;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Writer {
  person: JoinResponse;
  client: TestClient;
  writes: number;
  closeCodes: number[];
}

/** Each writer drags (awareness) and drops one of its own cards every `everyMs`. */
function keepWriting(writers: Writer[], everyMs: number): () => void {
  const timer = setInterval(() => {
    for (const [index, writer] of writers.entries()) {
      const cardId = CARD_IDS[(writer.writes * 3 + index) % CARD_IDS.length] ?? 'trust.v1';
      const x = ((writer.writes * 7919 + index * 104_729) % 10_001) / 10_000;
      const user = { participantId: writer.person.participantId };
      writer.client.provider.awareness.setLocalState({ user, drag: { cardId } });
      setPlacement(
        writer.client.doc,
        writer.person.participantId,
        cardId,
        { x, round: 1, at: writer.writes },
        'local',
      );
      writer.writes += 1;
    }
  }, everyMs);
  return () => clearInterval(timer);
}

/** Every write of every writer (each is one clock of its client id) is in `doc`. */
function writesPresent(doc: Y.Doc, writers: readonly Writer[]): number {
  return writers.reduce(
    (sum, writer) =>
      sum + Math.min(Y.getState(doc.store, writer.client.doc.clientID), writer.writes),
    0,
  );
}

/** How far each writer's writes reached the others: the writes any client saw, by writer. */
function seenByOthers(writers: readonly Writer[], witness: TestClient): Map<Writer, number> {
  const seen = new Map<Writer, number>();
  for (const writer of writers) {
    const id = writer.client.doc.clientID;
    const others = [witness, ...writers.filter((other) => other !== writer).map((w) => w.client)];
    seen.set(writer, Math.max(...others.map((client) => Y.getState(client.doc.store, id))));
  }
  return seen;
}

async function startWriters(
  server: ServerProcess,
  boardId: string,
  board: Awaited<ReturnType<typeof createBoard>>,
  count: number,
): Promise<Writer[]> {
  const writers: Writer[] = [];
  for (let i = 0; i < count; i++) {
    const person = await joinBoard(server, board, `Writer ${i + 1}`);
    const client = connectClient(server, boardId, person.token);
    clients.push(client);
    const writer: Writer = { person, client, writes: 0, closeCodes: [] };
    // A close by the server (a local disconnect has no event).
    client.provider.on('connection-close', (event) => {
      if (event) writer.closeCodes.push(event.code);
    });
    writers.push(writer);
  }
  await Promise.all(writers.map((writer) => synced(writer.client)));
  return writers;
}

/**
 * Kills the server (after `beforeKill`), then restarts it with every client held offline: every
 * write any client saw must be on the board before anyone re-sends. Then the clients come back
 * and every write of everyone arrives; nobody is refused.
 */
async function killAndCheckSeenWrites(
  beforeKill: (dataDir: string, writers: readonly Writer[]) => Promise<() => void>,
): Promise<void> {
  const dataDir = newDataDir();
  const port = await freePort();
  let server = await start(dataDir, port);
  const board = await createBoard(server);
  const writers = await startWriters(server, board.boardId, board, 8);
  const witness = connectClient(server, board.boardId, board.facilitatorToken);
  clients.push(witness);
  await synced(witness);

  const stop = keepWriting(writers, 40);
  await waitFor(
    () => writers.every((writer) => Y.getState(witness.doc.store, writer.client.doc.clientID) > 0),
    'the writes to be shared',
    10_000,
  );
  const afterKill = await beforeKill(dataDir, writers);
  server.kill('SIGKILL');
  await server.exited;
  stop();
  for (const client of [witness, ...writers.map((writer) => writer.client)]) {
    client.provider.disconnect(); // nobody re-sends until the check
  }
  const seen = seenByOthers(writers, witness);
  afterKill();

  server = await start(dataDir, port);
  const fresh = connectClient(server, board.boardId, board.facilitatorToken);
  clients.push(fresh);
  await synced(fresh);
  const seenTotal = [...seen.values()].reduce((sum, count) => sum + count, 0);
  expect(seenTotal).toBeGreaterThan(0);
  for (const [writer, count] of seen) {
    expect(Y.getState(fresh.doc.store, writer.client.doc.clientID)).toBeGreaterThanOrEqual(count);
  }

  for (const writer of writers) writer.client.provider.connect();
  const made = writers.reduce((sum, writer) => sum + writer.writes, 0);
  await waitFor(() => writesPresent(fresh.doc, writers) === made, 'every write to arrive', 20_000);
  for (const writer of writers) {
    // The crash (1006) and the pause (4507) only: nobody was refused.
    for (const code of writer.closeCodes) {
      expect([1006, CLOSES.savingPaused.code]).toContain(code);
    }
  }
}

describe('the server process', () => {
  it('keeps every write anyone saw through kill -9 during a write burst', {
    timeout: 90_000,
  }, async () => {
    await killAndCheckSeenWrites(async () => {
      await sleep(1_000);
      return () => undefined;
    });
  });

  it('keeps every write anyone saw through kill -9 while its store is locked', {
    timeout: 90_000,
  }, async () => {
    await killAndCheckSeenWrites(async (dataDir, writers) => {
      const lock = new Database(join(dataDir, STORE_FILE_NAME));
      lock.exec('BEGIN EXCLUSIVE');
      await waitFor(
        () => writers.every((writer) => writer.closeCodes.includes(CLOSES.savingPaused.code)),
        'every writer to hear that saving is paused',
        10_000,
      );
      await sleep(300); // writing on, refused while it lasts
      return () => {
        lock.exec('COMMIT');
        lock.close();
      };
    });
  });

  it('loses nothing to kill -9: 20 clients reconnect by themselves and every write is kept', {
    timeout: 90_000,
  }, async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    let server = await start(dataDir, port);
    const board = await createBoard(server);
    const writers: Writer[] = [];
    for (let i = 0; i < 20; i++) {
      const person = await joinBoard(server, board, `Writer ${i + 1}`);
      const client = connectClient(server, board.boardId, person.token);
      clients.push(client);
      const writer: Writer = { person, client, writes: 0, closeCodes: [] };
      client.provider.on('connection-close', (event) => writer.closeCodes.push(event?.code ?? 0));
      writers.push(writer);
    }
    await Promise.all(writers.map((writer) => synced(writer.client)));

    const stop = keepWriting(writers, 40);
    await sleep(1_500);
    server.kill('SIGKILL');
    const killed = await server.exited;
    expect(killed.signal).toBe('SIGKILL');
    const madeBeforeKill = writers.reduce((sum, writer) => sum + writer.writes, 0);
    await sleep(500); // writing on, offline
    server = await start(dataDir, port);
    await waitFor(
      () => writers.every((writer) => writer.client.provider.synced),
      'every client to reconnect and resync by itself',
      20_000,
    );
    await sleep(1_000); // and on, online again
    stop();

    const fresh = connectClient(server, board.boardId, board.facilitatorToken);
    clients.push(fresh);
    await synced(fresh);
    const made = writers.reduce((sum, writer) => sum + writer.writes, 0);
    await waitFor(
      () => writesPresent(fresh.doc, writers) === made,
      'every write to arrive',
      15_000,
    );
    console.log(
      `kill -9: 20 clients made ${made} writes (${madeBeforeKill} before the kill); ${writesPresent(fresh.doc, writers)} of ${made} are on the board after the restart`,
    );
    for (const writer of writers) {
      const id = writer.person.participantId;
      expect(placeMap(fresh.doc, id).toJSON()).toEqual(placeMap(writer.client.doc, id).toJSON());
      // Every close was the crash (1006): nobody was refused, rate-limited or cut off.
      expect(new Set(writer.closeCodes)).toEqual(new Set([1006]));
    }
  });

  it('stores every board on SIGTERM, closes sockets with 1001 and exits with 0', {
    timeout: 60_000,
  }, async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    const server = await start(dataDir, port);
    const board = await createBoard(server);
    const writers: Writer[] = [];
    for (let i = 0; i < 3; i++) {
      const person = await joinBoard(server, board, `Writer ${i + 1}`);
      const client = connectClient(server, board.boardId, person.token);
      clients.push(client);
      const writer: Writer = { person, client, writes: 0, closeCodes: [] };
      client.provider.on('connection-close', (event) => writer.closeCodes.push(event?.code ?? 0));
      writers.push(writer);
    }
    await Promise.all(writers.map((writer) => synced(writer.client)));
    const stop = keepWriting(writers, 20);
    await sleep(500);
    stop();
    const witness = connectClient(server, board.boardId, board.facilitatorToken);
    clients.push(witness);
    await synced(witness);
    const made = writers.reduce((sum, writer) => sum + writer.writes, 0);
    await waitFor(() => writesPresent(witness.doc, writers) === made, 'the writes to be shared');

    server.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    for (const writer of writers) expect(writer.closeCodes[0]).toBe(CLOSE_GOING_AWAY);
    expect(server.output()).toContain('all rooms stored and closed');
    // Only the store can bring the writes back: no client is left to re-send them.
    for (const client of clients.splice(0)) client.provider.destroy(); // the docs stay readable

    const again = await start(dataDir, port);
    const fresh = connectClient(again, board.boardId, board.facilitatorToken);
    clients.push(fresh);
    await synced(fresh);
    expect(writesPresent(fresh.doc, writers)).toBe(made);
    for (const writer of writers) {
      const id = writer.person.participantId;
      expect(placeMap(fresh.doc, id).toJSON()).toEqual(placeMap(writer.client.doc, id).toJSON());
    }
  });
});
