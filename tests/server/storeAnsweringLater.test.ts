/**
 * The real server over a store that answers later (tests/support/laterStore.ts: SQLite behind a
 * random, seeded 0–20 ms delay per call), as a networked database would. Each board's messages
 * still go through one order (check → append → apply → send): stock clients writing at once
 * converge on what is stored, no frame carries an update before the store has it, a refused
 * write is neither stored nor sent, a client's writes reach the others in the order it sent
 * them, and a store that fails pauses saving: its rooms close (4507) and nothing unstored is
 * sent, while clients keep their writes and send them again once it answers.
 */
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SqliteStore, STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import type { LogName } from '../../server/persistence/store.ts';
import { applyStoredUpdate } from '../../server/persistence/storedUpdate.ts';
import {
  encodeSyncStep1,
  encodeSyncUpdate,
  MESSAGE_SYNC,
  SYNC_STEP2,
  SYNC_UPDATE,
} from '../../server/rooms/protocol.ts';
import type { JoinResponse } from '../../shared/api.ts';
import {
  participantsMap,
  placeMap,
  placementOwners,
  readPlacement,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSES } from '../../shared/closeCodes.ts';
import { readProgress } from '../../shared/publicView.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRules.ts';
import { LaterStore } from '../support/laterStore.ts';
import { boardSocketUrl } from '../support/rawSocket.ts';
import {
  createBoard,
  joinBoard,
  nextClose,
  serverHarness,
  storeHealth,
  storeRecovered,
  type TestClient,
  type TestServerOptions,
  waitFor,
} from '../support/testServer.ts';

const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
const harness = serverHarness();

/** The stores the server opened, newest last, each with the SQLite store behind it. */
let opened: { later: LaterStore; sqlite: SqliteStore }[] = [];
let seed = 1;

beforeEach(() => {
  opened = [];
});

function laterStoreOptions(): TestServerOptions {
  return {
    openStore: (dataDir) => {
      const sqlite = new SqliteStore(join(dataDir, STORE_FILE_NAME));
      const later = new LaterStore(sqlite, seed++);
      opened.push({ later, sqlite });
      return later;
    },
  };
}

function currentStore(): { later: LaterStore; sqlite: SqliteStore } {
  const store = opened.at(-1);
  if (!store) throw new Error('no store opened');
  return store;
}

/**
 * The board (or its view) as stored right now, read straight from SQLite (which answers at
 * once).
 */
function storedDoc(sqlite: SqliteStore, boardId: string, log: LogName = 'board'): Y.Doc {
  const doc = new Y.Doc();
  for (const row of sqlite.loadUpdates(boardId, log)) applyStoredUpdate(doc, row);
  return doc;
}

function place(client: TestClient, person: JoinResponse, index: number): void {
  const cardId = CARD_IDS[index % CARD_IDS.length] ?? 'trust.v1';
  setPlacement(
    client.doc,
    person.participantId,
    cardId,
    { x: index / 100, round: 1, at: index },
    'local',
  );
}

/** The document update a server frame carries (sync step 2 or update), or null. */
function carriedUpdate(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
  const kind = decoding.readVarUint(decoder);
  if (kind !== SYNC_STEP2 && kind !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(decoder);
}

/**
 * Structs of `update` that no `stored` document holds, as "client:clock" (empty when all are
 * stored). The board and its view are written under client ids of their own, so a frame that
 * mixes both (a participant's view with their own placements) is checked against both.
 */
function unstoredStructs(update: Uint8Array, ...stored: Y.Doc[]): string[] {
  const { to } = Y.parseUpdateMeta(update);
  const missing: string[] = [];
  for (const [client, clock] of to) {
    const held = Math.max(...stored.map((doc) => Y.getState(doc.store, client)));
    if (held < clock) missing.push(`${client}:${clock}`);
  }
  return missing;
}

/**
 * Watches every frame the server's own sockets send (ws marks them `_isServer`) and records
 * the ones whose update the store did not hold at that moment.
 */
function watchServerFrames(check: (update: Uint8Array) => string[]): {
  frames: () => number;
  violations: string[];
  stop(): void;
} {
  const violations: string[] = [];
  let frames = 0;
  const original = WebSocket.prototype.send;
  WebSocket.prototype.send = function send(this: WebSocket, data: unknown, ...rest: unknown[]) {
    const isServer = (this as unknown as { _isServer: boolean })._isServer;
    if (isServer && data instanceof Uint8Array) {
      const update = carriedUpdate(data);
      if (update !== null) {
        frames += 1;
        const missing = check(update);
        if (missing.length > 0) violations.push(missing.join(', '));
      }
    }
    return (original as (...args: unknown[]) => void).call(this, data, ...rest);
  } as typeof WebSocket.prototype.send;
  return {
    frames: () => frames,
    violations,
    stop: () => {
      WebSocket.prototype.send = original;
    },
  };
}

let stopWatching: (() => void) | null = null;
afterEach(() => {
  stopWatching?.();
  stopWatching = null;
});

describe('a store that answers later', () => {
  it('lets stock clients writing at once converge on the stored log; no frame carries an update the store lacks', async () => {
    const running = await harness.start(undefined, laterStoreOptions());
    const board = await createBoard(running);
    const people = await Promise.all(
      ['Ana', 'Ben', 'Cy', 'Di'].map((name) => joinBoard(running, board, name)),
    );
    const { sqlite } = currentStore();
    const watch = watchServerFrames((update) =>
      unstoredStructs(
        update,
        storedDoc(sqlite, board.boardId),
        storedDoc(sqlite, board.boardId, 'view'),
      ),
    );
    stopWatching = watch.stop;
    // Connected at once: the first ones arrive while the room loads. The facilitator's device
    // syncs the whole board; the participants' sync the view with their own placements.
    const [facilitator, ...clients] = await Promise.all(
      [board.facilitatorToken, ...people.map((person) => person.token)].map((token) =>
        harness.connect(running, board.boardId, token),
      ),
    );
    if (!facilitator) throw new Error('no facilitator');
    const writes = 12;
    // Server-side writes (a join adds a participant) go through the same order.
    let lateJoin: Promise<JoinResponse> | null = null;
    for (let i = 0; i < writes; i++) {
      if (i === writes / 2) lateJoin = joinBoard(running, board, 'Late');
      for (const [index, client] of clients.entries()) {
        const person = people[index];
        if (person) place(client, person, i);
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const everyone = (doc: Y.Doc) =>
      people.every((person) => placeMap(doc, person.participantId).size === writes);
    // What a participant's view says: everyone has placed all of theirs.
    const everyoneCounted = (doc: Y.Doc) =>
      people.every((person) => readProgress(doc)[person.participantId] === writes);
    await waitFor(
      () =>
        everyone(facilitator.doc) &&
        clients.every((client, index) => {
          const person = people[index];
          return (
            person !== undefined &&
            placeMap(client.doc, person.participantId).size === writes &&
            everyoneCounted(client.doc)
          );
        }),
      'every write everywhere',
    );
    await waitFor(() => everyone(storedDoc(sqlite, board.boardId)), 'every write stored');
    await waitFor(
      () => everyoneCounted(storedDoc(sqlite, board.boardId, 'view')),
      'every count stored in the view',
    );
    const late = await lateJoin;
    if (!late) throw new Error('no late join');
    await waitFor(
      () =>
        [facilitator, ...clients].every((client) =>
          participantsMap(client.doc).has(late.participantId),
        ),
      'the late participant everywhere',
    );

    // The facilitator holds the stored board; each participant the stored view and their own
    // placements as stored, and no one else's.
    const stored = storedDoc(sqlite, board.boardId);
    const storedView = storedDoc(sqlite, board.boardId, 'view');
    expect(Y.encodeStateVector(facilitator.doc)).toEqual(Y.encodeStateVector(stored));
    for (const [index, client] of clients.entries()) {
      const person = people[index];
      if (!person) throw new Error('no person');
      expect(placeMap(stored, person.participantId).size).toBe(writes);
      const held = Y.decodeStateVector(Y.encodeStateVector(client.doc));
      for (const [id, clock] of Y.decodeStateVector(Y.encodeStateVector(storedView))) {
        expect(held.get(id)).toBe(clock);
        held.delete(id);
      }
      // What is left is the participant's own: written under their client id, as stored.
      expect([...held.keys()]).toEqual([client.doc.clientID]);
      expect(held.get(client.doc.clientID)).toBe(Y.getState(stored.store, client.doc.clientID));
      expect(placementOwners(client.doc)).toEqual([person.participantId]);
      expect(placeMap(client.doc, person.participantId).toJSON()).toEqual(
        placeMap(stored, person.participantId).toJSON(),
      );
      expect(readProgress(client.doc)).toEqual(readProgress(storedView));
    }
    expect(watch.frames()).toBeGreaterThan(writes);
    expect(watch.violations).toEqual([]);
  });

  it('loads a room once for connections that arrive together, holding what they send meanwhile', async () => {
    const running = await harness.start(undefined, laterStoreOptions());
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    await waitFor(() => running.server.rooms.size === 0, 'the room to unload after the join');
    // Each load of a log now waits until the test lets it go.
    const { later } = currentStore();
    const loads: Record<LogName, number> = { board: 0, view: 0 };
    let letLoadsGo: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      letLoadsGo = resolve;
    });
    const load = later.loadUpdates.bind(later);
    later.loadUpdates = async (boardId, log) => {
      loads[log ?? 'board'] += 1;
      await gate;
      return load(boardId, log);
    };

    const socket = await harness.socket(boardSocketUrl(running.wsUrl, board.boardId, ana.token));
    const anaDoc = new Y.Doc();
    const placed: Uint8Array[] = [];
    anaDoc.on('update', (update: Uint8Array) => placed.push(update));
    for (const [index, cardId] of CARD_IDS.slice(0, 3).entries()) {
      setPlacement(
        anaDoc,
        ana.participantId,
        cardId,
        { x: index / 10, round: 1, at: index },
        'local',
      );
    }
    socket.send(encodeSyncStep1(new Uint8Array([0])));
    for (const update of placed) socket.send(encodeSyncUpdate(update));
    const witnesses = [
      harness.client(running, board.boardId, board.facilitatorToken),
      harness.client(running, board.boardId, board.facilitatorToken),
    ];
    await waitFor(() => loads.board === 1, 'the load to start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socket.received).toEqual([]); // nothing is answered before the room is there
    letLoadsGo();

    for (const witness of witnesses) {
      await waitFor(
        () => placeMap(witness.doc, ana.participantId).size === 3,
        "Ana's writes, sent while the room loaded",
      );
    }
    expect(loads).toEqual({ board: 1, view: 1 });
    expect(socket.isClosed()).toBe(false);
    // Its sync step 1 was answered with her view (her placements came after it, in order).
    const first = socket.received[0];
    if (!first) throw new Error('nothing received');
    expect(first[0]).toBe(MESSAGE_SYNC);
    expect(first[1]).toBe(0); // the server's own sync step 1 comes first, as to every newcomer
    expect(socket.received.some((frame) => carriedUpdate(frame) !== null)).toBe(true);
  });

  it('neither stores nor sends a refused write (4403)', async () => {
    const running = await harness.start(undefined, laterStoreOptions());
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const ben = await joinBoard(running, board, 'Ben');
    const offender = await harness.connect(running, board.boardId, ana.token);
    const witness = await harness.connect(running, board.boardId, ben.token);
    const closed = nextClose(offender);
    // Its own write first: the refused one then waits in the queue behind that append.
    setPlacement(offender.doc, ana.participantId, 'trust.v3', { x: 0.3, round: 1, at: 0 }, 'local');
    setPlacement(
      offender.doc,
      ben.participantId,
      'trust.v1',
      { x: 0.13, round: 1, at: 1 },
      'local',
    );
    expect(await closed).toEqual({
      code: CLOSE_FORBIDDEN_WRITE,
      reason: WRITE_REJECTIONS.otherCard,
    });
    // Ben's own write after it round-trips: whatever was sent before it has arrived.
    setPlacement(witness.doc, ben.participantId, 'trust.v2', { x: 0.2, round: 1, at: 2 }, 'local');
    const desk = await harness.connect(running, board.boardId, board.facilitatorToken);
    await waitFor(
      () => readPlacement(desk.doc, ben.participantId, 'trust.v2') !== null,
      "Ben's own write",
    );
    expect(readPlacement(witness.doc, ben.participantId, 'trust.v1')).toBeNull();
    expect(readPlacement(desk.doc, ben.participantId, 'trust.v1')).toBeNull();
    const stored = storedDoc(currentStore().sqlite, board.boardId);
    expect(readPlacement(stored, ben.participantId, 'trust.v1')).toBeNull();
    expect(readPlacement(stored, ben.participantId, 'trust.v2')?.x).toBe(0.2);
    expect(readPlacement(stored, ana.participantId, 'trust.v3')?.x).toBe(0.3);
    expect(readPlacement(desk.doc, ana.participantId, 'trust.v3')?.x).toBe(0.3);
  });

  it("keeps each client's order: its writes reach the others in the order it sent them", async () => {
    const running = await harness.start(undefined, laterStoreOptions());
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const writer = await harness.connect(running, board.boardId, ana.token);
    const witness = await harness.connect(running, board.boardId, board.facilitatorToken);
    const sent = CARD_IDS.slice(0, 20);
    // What the witness holds after each change it sees must be a prefix of what was sent.
    const notPrefixes: string[][] = [];
    placeMap(witness.doc, ana.participantId).observe(() => {
      const held = sent.filter(
        (cardId) => readPlacement(witness.doc, ana.participantId, cardId) !== null,
      );
      if (held.join() !== sent.slice(0, held.length).join()) notPrefixes.push(held);
    });
    for (const [index, cardId] of sent.entries()) {
      setPlacement(
        writer.doc,
        ana.participantId,
        cardId,
        { x: index / 100, round: 1, at: index },
        'local',
      );
      if (index % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await waitFor(
      () => placeMap(witness.doc, ana.participantId).size === sent.length,
      'every write at the witness',
    );
    expect(notPrefixes).toEqual([]);
  });

  it('pauses saving when the store fails: nothing unstored is sent, clients keep their writes and catch up once it answers', async () => {
    const running = await harness.start(undefined, laterStoreOptions());
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const writer = await harness.connect(running, board.boardId, ana.token);
    const witness = await harness.connect(running, board.boardId, board.facilitatorToken);
    const closes: number[] = [];
    for (const client of [writer, witness]) {
      client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    }
    const store = currentStore();
    const watch = watchServerFrames((update) =>
      unstoredStructs(
        update,
        storedDoc(store.sqlite, board.boardId),
        storedDoc(store.sqlite, board.boardId, 'view'),
      ),
    );
    stopWatching = watch.stop;

    store.later.failing = true;
    const paused = nextClose(writer);
    for (let i = 0; i < 10; i++) {
      place(writer, ana, i);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await paused).toEqual(CLOSES.savingPaused);
    expect(placeMap(witness.doc, ana.participantId).size).toBe(0);
    const degraded = await storeHealth(running);
    expect(degraded.status).toBe('degraded');
    expect(degraded.store.savingPaused).toBe(true);

    store.later.failing = false;
    await storeRecovered(running);
    await waitFor(
      () => placeMap(witness.doc, ana.participantId).size === 10,
      'the writes to reach the witness once saving resumes',
      15_000,
    );
    await waitFor(
      () => placeMap(storedDoc(store.sqlite, board.boardId), ana.participantId).size === 10,
      'the writes to be stored',
    );
    expect(placeMap(storedDoc(store.sqlite, board.boardId), ana.participantId).toJSON()).toEqual(
      placeMap(writer.doc, ana.participantId).toJSON(),
    );
    // Refused by nobody: every close was the pause (or a reconnect refused while it lasted).
    expect(new Set(closes)).toEqual(new Set([CLOSES.savingPaused.code]));
    expect(watch.violations).toEqual([]);
  });
});
