/**
 * What the screen hides, the browser never receives (schema version 2): participants and
 * observers get the board's view, never another person's position or reason before the reveal,
 * nor, while names are hidden, any link between a person and a position. Recorded at the
 * socket: every byte a participant's and an observer's connection receives.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import { applyStoredUpdate } from '../../server/persistence/storedUpdate.ts';
import { encodeSyncUpdate } from '../../server/rooms/protocol.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import {
  metaMap,
  placementOwners,
  ROOT_ROUND_PROGRESS,
  readControl,
  readParticipants,
  readPlacement,
  readRounds,
  SCHEMA_VERSION,
  setControl,
  setPhase,
  setPlacement,
  startRound,
} from '../../shared/boardDoc.ts';
import { readFigures, readProgress } from '../../shared/publicView.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRules.ts';
import { boardSocketUrl } from '../support/rawSocket.ts';
import {
  callApi,
  createBoard,
  type Endpoint,
  joinBoard,
  newDataDir,
  nextClose,
  serverHarness,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

const CARD = 'trust.v1';
const OTHER_CARD = 'trust.v2';
const SECRET_REASON = 'Honestly, we do not trust them at all';

/** A stock client whose socket's every received byte is kept. */
function recordingClient(running: Endpoint, boardId: string, token: string) {
  const client = harness.client(running, boardId, token);
  const frames: Uint8Array[] = [];
  const record = () => {
    client.provider.ws?.addEventListener('message', (event: MessageEvent) => {
      frames.push(new Uint8Array(event.data as ArrayBuffer));
    });
  };
  // The provider opens its socket in its constructor: nothing has arrived yet.
  record();
  return { client, frames, bytes: () => Buffer.concat(frames) };
}

function float64(x: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeDoubleBE(x);
  return buffer;
}

function float32(x: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeFloatBE(x);
  return buffer;
}

/** Whether `bytes` hold `x` the way lib0 writes a number (float32 when exact, else float64). */
function holdsPosition(bytes: Buffer, x: number): boolean {
  return bytes.includes(float64(x)) || bytes.includes(float32(x));
}

interface Room {
  board: CreateBoardResponse;
  facilitator: TestClient;
  people: { join: JoinResponse; client: TestClient }[];
}

async function roomOf(running: Endpoint, names: string[]): Promise<Room> {
  const board = await createBoard(running);
  const facilitator = await harness.connect(running, board.boardId, board.facilitatorToken);
  const people = [];
  for (const name of names) {
    const join = await joinBoard(running, board, name);
    people.push({ join, client: await harness.connect(running, board.boardId, join.token) });
  }
  return { board, facilitator, people };
}

function place(
  person: { join: JoinResponse; client: TestClient },
  cardId: string,
  x: number,
  reason?: string,
) {
  setPlacement(
    person.client.doc,
    person.join.participantId,
    cardId,
    { x, round: 1, at: Date.now(), ...(reason ? { reason } : {}) },
    'local',
  );
}

describe('a silent round, recorded at the socket', () => {
  it("sends a participant and an observer nobody else's position, reason or root", async () => {
    const running = await harness.start();
    const room = await roomOf(running, ['Ana', 'Ben']);
    const [ana, ben] = room.people;
    if (!ana || !ben) throw new Error('two people');
    const cat = await joinBoard(running, room.board, 'Cat');
    const wall = await joinBoard(running, room.board, 'Wall', { role: 'observer' });
    const catSocket = recordingClient(running, room.board.boardId, cat.token);
    const wallSocket = recordingClient(running, room.board.boardId, wall.token);

    place(ana, CARD, 0.1234, SECRET_REASON);
    place(ben, CARD, 0.7771, 'They deliver on time');
    place(ana, OTHER_CARD, 0.3333);
    await waitFor(
      () =>
        readPlacement(room.facilitator.doc, ana.join.participantId, OTHER_CARD) !== null &&
        readPlacement(room.facilitator.doc, ben.join.participantId, CARD) !== null,
      'the facilitator to see both placements',
    );
    await waitFor(
      () =>
        readFigures(catSocket.client.doc).get(CARD)?.placed === 2 &&
        readFigures(wallSocket.client.doc).get(CARD)?.placed === 2 &&
        readProgress(catSocket.client.doc)[ana.join.participantId] === 2,
      'the counts to reach Cat and the wall',
    );

    for (const socket of [catSocket, wallSocket]) {
      const bytes = socket.bytes();
      expect(bytes.length).toBeGreaterThan(1000); // the whole view arrived through it
      for (const x of [0.1234, 0.7771, 0.3333]) expect(holdsPosition(bytes, x)).toBe(false);
      expect(bytes.includes(Buffer.from(SECRET_REASON))).toBe(false);
      expect(bytes.includes(Buffer.from('They deliver on time'))).toBe(false);
      for (const person of [ana, ben]) {
        expect(bytes.includes(Buffer.from(`place:${person.join.participantId}`))).toBe(false);
      }
      const doc = socket.client.doc;
      expect(placementOwners(doc)).toEqual([]);
      expect(readFigures(doc).get(CARD)).toEqual({ round: 1, placed: 2 });
      // Who is here, and how far each has got: no positions.
      expect([...readParticipants(doc).values()].map((p) => p.name).sort()).toEqual([
        'Ana',
        'Ben',
        'Cat',
        'Facilitator',
        'Wall',
      ]);
    }
    // The facilitator's document is the whole board, and the participants' own are theirs.
    expect(readPlacement(room.facilitator.doc, ana.join.participantId, CARD)?.reason).toBe(
      SECRET_REASON,
    );
    expect(placementOwners(ben.client.doc)).toEqual([ben.join.participantId]);
  });
});

describe('the reveal', () => {
  it('sends revealed positions per card as one sorted list with no identifier, from three', async () => {
    const running = await harness.start();
    const room = await roomOf(running, ['Ana', 'Ben', 'Cat']);
    const [ana, ben, cat] = room.people;
    if (!ana || !ben || !cat) throw new Error('three people');
    place(ana, CARD, 0.9, 'Strong');
    place(ben, CARD, 0.1, 'Weak');
    place(cat, CARD, 0.5);
    place(ana, OTHER_CARD, 0.2);
    place(ben, OTHER_CARD, 0.8);
    await waitFor(
      () => readFigures(cat.client.doc).get(CARD)?.placed === 3,
      'three placements counted',
    );
    setPhase(room.facilitator.doc, 'revealed', 'local');
    await waitFor(
      () => readFigures(cat.client.doc).get(CARD)?.dots !== undefined,
      'the reveal to reach Cat',
    );
    const figures = readFigures(cat.client.doc);
    expect(figures.get(CARD)?.dots).toEqual([{ x: 0.1 }, { x: 0.5 }, { x: 0.9 }]);
    expect(figures.get(CARD)?.reasons).toEqual(['Strong', 'Weak']);
    // Two placements: a median would tell each where the other stands.
    expect(figures.get(OTHER_CARD)).toEqual({ round: 1, placed: 2 });
    expect(placementOwners(cat.client.doc)).toEqual([cat.join.participantId]);

    setControl(room.facilitator.doc, 'showNames', true, 'local');
    await waitFor(
      () => readFigures(cat.client.doc).get(CARD)?.dots?.[0]?.participantId !== undefined,
      'names to be shown',
    );
    expect(readFigures(cat.client.doc).get(CARD)?.dots).toEqual([
      { x: 0.1, participantId: ben.join.participantId },
      { x: 0.5, participantId: cat.join.participantId },
      { x: 0.9, participantId: ana.join.participantId },
    ]);
  });

  it('keeps closed rounds to their figures, and none of fewer than three', async () => {
    const running = await harness.start();
    const room = await roomOf(running, ['Ana', 'Ben', 'Cat']);
    const [ana, ben, cat] = room.people;
    if (!ana || !ben || !cat) throw new Error('three people');
    place(ana, CARD, 0.9);
    place(ben, CARD, 0.1);
    place(cat, CARD, 0.5);
    place(ana, OTHER_CARD, 0.2);
    await waitFor(
      () => readPlacement(room.facilitator.doc, cat.join.participantId, CARD) !== null,
      'the facilitator to see the placements',
    );
    setPhase(room.facilitator.doc, 'revealed', 'local');
    await waitFor(
      () => readFigures(cat.client.doc).get(CARD)?.dots !== undefined,
      'the reveal to reach Cat',
    );
    // The facilitator's screen freezes the round as it does (shared/rounds.ts freezeRound).
    const doc = room.facilitator.doc;
    doc.transact(() => {
      doc.getArray('rounds').push([
        {
          round: 1,
          cardIds: [CARD, OTHER_CARD],
          closedAt: Date.now(),
          positions: {
            [ana.join.participantId]: { [CARD]: 0.9, [OTHER_CARD]: 0.2 },
            [ben.join.participantId]: { [CARD]: 0.1 },
            [cat.join.participantId]: { [CARD]: 0.5 },
          },
          summaries: { [CARD]: { n: 3, median: 0.5 }, [OTHER_CARD]: { n: 1, median: 0.2 } },
        },
      ]);
      doc.getMap('control').set('round', 2);
    }, 'local');
    await waitFor(() => readRounds(cat.client.doc).length === 1, 'the round to reach Cat');
    const [record] = readRounds(cat.client.doc);
    expect(record?.positions).toEqual({});
    expect(record?.summaries).toEqual({ [CARD]: { n: 3, median: 0.5 }, [OTHER_CARD]: { n: 1 } });
    expect(readControl(cat.client.doc).round).toBe(2);
  });

  it('keeps only the counts of a round closed before its group was shown', async () => {
    const running = await harness.start();
    const room = await roomOf(running, ['Ana', 'Ben', 'Cat']);
    const positions = [0.13, 0.52, 0.91];
    for (const [index, person] of room.people.entries()) place(person, CARD, positions[index] ?? 0);
    await waitFor(() => placementOwners(room.facilitator.doc).length === 3, 'the placements');
    const wall = await joinBoard(running, room.board, 'Wall', { role: 'observer' });
    const socket = recordingClient(running, room.board.boardId, wall.token);
    await waitFor(() => socket.client.provider.synced, 'the wall to sync');
    setPhase(room.facilitator.doc, 'setup', 'local');
    const doc = room.facilitator.doc;
    doc.transact(() => {
      doc.getArray('rounds').push([
        {
          round: 1,
          cardIds: [CARD],
          closedAt: Date.now(),
          positions: {},
          // Three people's quartiles are their positions.
          summaries: { [CARD]: { n: 3, median: 0.52, q1: 0.325, q3: 0.715 } },
        },
      ]);
      doc.getMap('control').set('round', 2);
    }, 'local');
    await waitFor(() => readRounds(socket.client.doc).length === 1, 'the round to reach the wall');
    expect(readRounds(socket.client.doc)[0]?.summaries).toEqual({ [CARD]: { n: 3 } });
    for (const x of [0.325, 0.52, 0.715, ...positions]) {
      expect(holdsPosition(socket.bytes(), x)).toBe(false);
    }
  });

  it("holds back a removal while the group is shown: nobody learns the removed person's dot", async () => {
    const running = await harness.start();
    const room = await roomOf(running, ['Ana', 'Ben', 'Cat', 'Dan']);
    for (const [index, person] of room.people.entries()) {
      place(person, CARD, 0.11 + index * 0.2, `reason of ${person.join.participantId}`);
    }
    await waitFor(() => placementOwners(room.facilitator.doc).length === 4, 'the placements');
    setPhase(room.facilitator.doc, 'revealed', 'local');
    const wall = await joinBoard(running, room.board, 'Wall', { role: 'observer' });
    const socket = recordingClient(running, room.board.boardId, wall.token);
    await waitFor(() => readFigures(socket.client.doc).get(CARD)?.dots?.length === 4, 'the reveal');
    const before = readFigures(socket.client.doc).get(CARD);
    const cat = room.people[2];
    if (!cat) throw new Error('Cat');
    const removed = await callApi(
      running,
      'DELETE',
      `/api/boards/${room.board.boardId}/participants/${cat.join.participantId}`,
      { token: room.board.facilitatorToken },
    );
    expect(removed.status).toBeLessThan(300);
    await waitFor(
      () => readParticipants(room.facilitator.doc).get(cat.join.participantId)?.removed === true,
      'the removal',
    );
    setPhase(room.facilitator.doc, 'discussing', 'local');
    await waitFor(() => readControl(socket.client.doc).phase === 'discussing', 'discussing');
    expect(readFigures(socket.client.doc).get(CARD)).toEqual(before);

    // A new round hides the group: the removal takes effect where only counts are shown.
    setPhase(room.facilitator.doc, 'placing', 'local');
    await waitFor(
      () => readParticipants(socket.client.doc).get(cat.join.participantId)?.removed === true,
      'the removal to reach the view once hidden',
    );
    expect(readFigures(socket.client.doc).get(CARD)).toEqual({ round: 1, placed: 3 });
  });
});

describe("a participant's own placements", () => {
  it('reach their other devices, and nobody writes the view but the server', async () => {
    const running = await harness.start();
    const room = await roomOf(running, ['Ana']);
    const [ana] = room.people;
    if (!ana) throw new Error('one person');
    const phone = await harness.connect(running, room.board.boardId, ana.join.token);
    place(ana, CARD, 0.4, 'Mine');
    await waitFor(
      () => readPlacement(phone.doc, ana.join.participantId, CARD)?.reason === 'Mine',
      'the placement to reach her phone',
    );

    // Overwriting the view's own entries is refused too (they depend on the view's history,
    // which the board does not have); a new key shows the rule itself.
    const closed = nextClose(phone);
    phone.doc.transact(() => phone.doc.getMap('figures').set('made.up', { round: 1, placed: 99 }));
    expect(await closed).toEqual({
      code: 4403,
      reason: WRITE_REJECTIONS.serverOnly,
    });
  });

  it('continue the same view after a restart, with the schema version of the view', async () => {
    const harnessDir = newDataDir();
    let running = await harness.start(harnessDir);
    const room = await roomOf(running, ['Ana', 'Ben', 'Cat']);
    const [ana] = room.people;
    if (!ana) throw new Error('Ana');
    place(ana, CARD, 0.25);
    await waitFor(
      () => readFigures(ana.client.doc).get(CARD)?.placed === 1,
      'the count to reach Ana',
    );
    expect(ana.client.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    await running.close();
    running = await harness.start(harnessDir);
    // The same clients reconnect by themselves to the new server on the same port? No: a new
    // port, so connect again with the same documents' contents through fresh providers.
    const again = await harness.connect(running, room.board.boardId, ana.join.token);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(ana.client.doc));
    const facilitator = await harness.connect(
      running,
      room.board.boardId,
      room.board.facilitatorToken,
    );
    setPhase(facilitator.doc, 'revealed', 'local');
    await waitFor(() => readControl(again.doc).phase === 'revealed', 'the reveal after restart');
    expect(readFigures(again.doc).get(CARD)?.placed).toBe(1);
    expect(readPlacement(again.doc, ana.join.participantId, CARD)?.x).toBe(0.25);
  });
});

describe('a board stored before the view existed', () => {
  it('is brought to schema 2 when its room loads, and its view is built then', async () => {
    const dataDir = newDataDir();
    let running = await harness.start(dataDir);
    const room = await roomOf(running, ['Ana', 'Ben', 'Cat']);
    for (const [index, person] of room.people.entries()) place(person, CARD, 0.2 + index / 10);
    await waitFor(
      () => placementOwners(room.facilitator.doc).length === 3,
      'the placements to be stored',
    );
    await harness.stop();

    // What a schema-1 server left: the board's log saying version 1, and no view log.
    const db = new Database(join(dataDir, STORE_FILE_NAME));
    const rows = db
      .prepare<[string], { data: Buffer; format: number }>(
        "SELECT data, format FROM updates WHERE board_id = ? AND log = 'board' ORDER BY id",
      )
      .all(room.board.boardId);
    const old = new Y.Doc();
    for (const row of rows)
      applyStoredUpdate(old, { data: new Uint8Array(row.data), format: row.format === 2 ? 2 : 1 });
    const before = Y.encodeStateVector(old);
    metaMap(old).set('schemaVersion', 1);
    db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)').run(
      room.board.boardId,
      Y.encodeStateAsUpdate(old, before),
    );
    db.prepare("DELETE FROM updates WHERE board_id = ? AND log = 'view'").run(room.board.boardId);
    db.close();

    running = await harness.start(dataDir);
    const [ana] = room.people;
    if (!ana) throw new Error('Ana');
    const phone = await harness.connect(running, room.board.boardId, ana.join.token);
    await waitFor(() => readFigures(phone.doc).get(CARD)?.placed === 3, 'the view to be built');
    expect(phone.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(placementOwners(phone.doc)).toEqual([ana.join.participantId]);
    const laptop = await harness.connect(running, room.board.boardId, room.board.facilitatorToken);
    expect(laptop.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(placementOwners(laptop.doc)).toHaveLength(3);
  });
});

describe("a device's saved copy", () => {
  it('is taken as it comes, view and all, even when it arrives as an ordinary update', async () => {
    const running = await harness.start();
    const room = await roomOf(running, ['Ana', 'Ben', 'Cat']);
    const [ana] = room.people;
    if (!ana) throw new Error('Ana');
    place(ana, CARD, 0.4);
    await waitFor(() => readFigures(ana.client.doc).get(CARD)?.placed === 1, 'the count');
    // What y-indexeddb applies when it loads after the provider connected: the whole saved
    // copy, view included, which the provider then sends as an update.
    const saved = Y.encodeStateAsUpdate(ana.client.doc);
    const socket = await harness.socket(
      boardSocketUrl(running.wsUrl, room.board.boardId, ana.join.token),
    );
    socket.send(encodeSyncUpdate(saved));
    place(ana, OTHER_CARD, 0.6);
    await waitFor(
      () => readPlacement(room.facilitator.doc, ana.join.participantId, OTHER_CARD) !== null,
      'her next placement',
    );
    expect(socket.isClosed()).toBe(false);
    // The view follows the board a tick later.
    await waitFor(
      () => readFigures(ana.client.doc).get(OTHER_CARD)?.placed === 1,
      'her view to count it',
    );
  });
});

describe('a damaged view', () => {
  it('is built again from the board, which stays open', async () => {
    const dataDir = newDataDir();
    let running = await harness.start(dataDir);
    const room = await roomOf(running, ['Ana', 'Ben', 'Cat']);
    for (const [index, person] of room.people.entries()) place(person, CARD, 0.2 + index / 10);
    await waitFor(() => placementOwners(room.facilitator.doc).length === 3, 'the placements');
    await harness.stop();

    const db = new Database(join(dataDir, STORE_FILE_NAME));
    const zeroed = db
      .prepare(
        "UPDATE updates SET data = zeroblob(length(data)) WHERE board_id = ? AND log = 'view'",
      )
      .run(room.board.boardId).changes;
    db.close();
    expect(zeroed).toBeGreaterThan(0);

    running = await harness.start(dataDir);
    const laptop = await harness.connect(running, room.board.boardId, room.board.facilitatorToken);
    expect(placementOwners(laptop.doc)).toHaveLength(3);
    const [ana] = room.people;
    if (!ana) throw new Error('Ana');
    const phone = await harness.connect(running, room.board.boardId, ana.join.token);
    await waitFor(() => readFigures(phone.doc).get(CARD)?.placed === 3, 'the view built again');
    expect(placementOwners(phone.doc)).toEqual([ana.join.participantId]);
  });
});

describe('who has finished the round, in the view', () => {
  it("counts only the open round's cards placed in this round, for participants and the wall", async () => {
    const running = await harness.start();
    const room = await roomOf(running, ['Ana', 'Ben']);
    const [ana, ben] = room.people;
    if (!ana || !ben) throw new Error('two people');
    const wall = await joinBoard(running, room.board, 'Wall', { role: 'observer' });
    const wallClient = await harness.connect(running, room.board.boardId, wall.token);
    place(ana, CARD, 0.2);
    place(ana, 'values.v1', 0.4);
    place(ben, CARD, 0.6);
    await waitFor(
      () => readProgress(wallClient.doc)[ana.join.participantId] === 2,
      'the wall to count Ana',
    );
    // A round on trust alone: Ana's values card stays from round 1 and does not count toward it.
    const trust = ['trust.v1', 'trust.v2'];
    startRound(
      room.facilitator.doc,
      { cardIds: trust, closedAt: Date.now(), positions: {}, summaries: {} },
      false,
      'local',
    );
    await waitFor(() => readControl(ana.client.doc).round === 2, 'round 2 to reach Ana');
    for (const cardId of trust) {
      setPlacement(
        ana.client.doc,
        ana.join.participantId,
        cardId,
        { x: 0.5, round: 2, at: Date.now() },
        'local',
      );
    }
    setPlacement(
      ben.client.doc,
      ben.join.participantId,
      CARD,
      { x: 0.5, round: 2, at: Date.now() },
      'local',
    );
    const roundProgress = (doc: Y.Doc) => readProgress(doc, ROOT_ROUND_PROGRESS);
    await waitFor(
      () =>
        roundProgress(wallClient.doc)[ana.join.participantId] === 2 &&
        roundProgress(wallClient.doc)[ben.join.participantId] === 1,
      'the wall to count round 2',
    );
    expect(roundProgress(ben.client.doc)).toEqual({
      [ana.join.participantId]: 2,
      [ben.join.participantId]: 1,
    });
    // progress still counts Ana's values card, placed in its own current round.
    expect(readProgress(wallClient.doc)[ana.join.participantId]).toBe(3);
  });
});
