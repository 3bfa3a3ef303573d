/**
 * Two would-be holders of one board (a lease lost while its holder still ran, as after a Redis
 * restart): the board's fencing epoch moved in PostgreSQL, so the former holder's next append is
 * refused. That holder steps down for that board alone: nothing it wrote afterwards is stored or
 * sent, its clients reconnect and converge with the new holder's, and it keeps saving its other
 * boards. Real servers on port 0, one PostgreSQL, one Redis, stock clients.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/persistence/postgres/postgresStore.ts';
import { applyStoredUpdate } from '../../server/persistence/storedUpdate.ts';
import type { Logger } from '../../server/persistence/updateLog.ts';
import { placeMap, readControl, setPhase, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import { freshSchemaUrl, skipWithoutPostgres } from '../support/postgresDatabase.ts';
import { type RedisServer, skipWithoutRedis, startRedisServer } from '../support/redisServer.ts';
import {
  createBoard,
  joinBoard,
  newDataDir,
  nextClose,
  serverHarness,
  storeHealth,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await harness.stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The board as PostgreSQL holds it. */
async function storedBoard(store: PostgresStore, boardId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const row of await store.loadUpdates(boardId)) applyStoredUpdate(doc, row);
  return doc;
}

describe('two would-be holders of a board', () => {
  skipWithoutPostgres();
  skipWithoutRedis();

  it("two would-be owners after a lease loss: the fenced one's appends are refused", async () => {
    const redis: RedisServer = await startRedisServer();
    cleanups.push(() => redis.stop());
    const url = await freshSchemaUrl();
    const errors: string[] = [];
    const loggerOfA: Logger = { info: () => undefined, error: (line) => errors.push(line) };
    const storeOfA = await PostgresStore.open(url);
    const a = await harness.start(newDataDir(), {
      openStore: () => storeOfA,
      redisUrl: redis.url,
      logger: loggerOfA,
    });
    const storeOfB = await PostgresStore.open(url);
    const b = await harness.start(newDataDir(), { openStore: () => storeOfB, redisUrl: redis.url });
    const reader = await PostgresStore.open(url);
    cleanups.push(() => reader.close());

    const board = await createBoard(a);
    const other = await createBoard(a);
    const ana = await joinBoard(a, board, 'Ana');
    const ben = await joinBoard(a, board, 'Ben');
    const cy = await joinBoard(a, other, 'Cy');
    // A holds both boards; the facilitator is on B, forwarded to A.
    const anaOnA = await harness.connect(a, board.boardId, ana.token);
    const anaOtherTab = await harness.connect(a, board.boardId, ana.token);
    const facilitatorOnB = await harness.connect(b, board.boardId, board.facilitatorToken);
    const cyOnA = await harness.connect(a, other.boardId, cy.token);
    const otherFacilitator = await harness.connect(a, other.boardId, other.facilitatorToken);

    // Another holder took the board behind A's back: it raised the epoch and wrote with it.
    const epoch = await reader.claimBoard(board.boardId);
    expect(epoch).not.toBeNull();
    const written = new Y.Doc();
    setPlacement(written, ben.participantId, 'trust.v3', { x: 0.9, round: 1, at: 1 }, 'local');
    await reader.appendUpdates([
      { boardId: board.boardId, update: Y.encodeStateAsUpdate(written), fence: epoch ?? 0 },
    ]);

    // A's next append of that board is refused: its writer is closed to reconnect, and this
    // one never comes back (what it wrote must reach nobody).
    const anaClosed = nextClose(anaOnA);
    anaOnA.provider.once('connection-close', () => anaOnA.provider.disconnect());
    setPlacement(anaOnA.doc, ana.participantId, 'trust.v1', { x: 0.1, round: 1, at: 2 }, 'local');
    expect((await anaClosed).code).toBe(CLOSES.restarting.code);
    expect(errors.join('\n')).toContain('FencedError');

    // A keeps saving its other board.
    setPlacement(cyOnA.doc, cy.participantId, 'trust.p1', { x: 0.5, round: 1, at: 3 }, 'local');
    await waitFor(
      () => placeMap(otherFacilitator.doc, cy.participantId).has('trust.p1'),
      "Cy's placement on A's other board to be stored and sent",
    );
    expect((await storeHealth(a)).store.savingPaused).toBe(false);
    expect(
      placeMap(await storedBoard(reader, other.boardId), cy.participantId).has('trust.p1'),
    ).toBe(true);

    // The board's other clients, on A and on B, reconnect and converge with the other holder's
    // write; what they write now is stored and reaches each other.
    await waitFor(
      () => placeMap(facilitatorOnB.doc, ben.participantId).has('trust.v3'),
      "the other holder's write to reach the facilitator on B",
      8_000,
    );
    setPlacement(
      anaOtherTab.doc,
      ana.participantId,
      'trust.p2',
      { x: 0.2, round: 1, at: 5 },
      'local',
    );
    // One after the other: a reveal that reached the holder first would refuse the placement.
    await waitFor(
      () => placeMap(facilitatorOnB.doc, ana.participantId).has('trust.p2'),
      "Ana's placement to reach the facilitator on B",
    );
    setPhase(facilitatorOnB.doc, 'revealed', 'local');
    await waitFor(
      () => readControl(anaOtherTab.doc).phase === 'revealed',
      "the facilitator's reveal to reach Ana's other tab",
    );
    const stored = await waitForStored(reader, board.boardId, (doc) =>
      placeMap(doc, ana.participantId).has('trust.p2'),
    );
    expect(placeMap(stored, ben.participantId).has('trust.v3')).toBe(true);
    // What A took after it was fenced is stored and sent nowhere.
    expect(placeMap(stored, ana.participantId).has('trust.v1')).toBe(false);
    expect(placeMap(facilitatorOnB.doc, ana.participantId).has('trust.v1')).toBe(false);
    expect(placeMap(anaOtherTab.doc, ana.participantId).has('trust.v1')).toBe(false);
  });
});

async function waitForStored(
  store: PostgresStore,
  boardId: string,
  holds: (doc: Y.Doc) => boolean,
): Promise<Y.Doc> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const doc = await storedBoard(store, boardId);
    if (holds(doc)) return doc;
    if (Date.now() > deadline) throw new Error('timed out waiting for the stored board');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
