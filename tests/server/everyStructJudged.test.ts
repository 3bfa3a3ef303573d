/**
 * Issue 12, findings 2–4: every struct is judged and every byte counted.
 * - A GC struct holds nothing but still takes clocks: on clocks the room lacks it is refused,
 *   from anyone (an observer, anyone once the board is final), never stored nor sent.
 * - Deletes of what is deleted already (every sync step 2 repeats the whole delete set) are
 *   dropped, neither stored nor sent, and their bytes count against the sender's byte rate.
 * - Awareness echoes are free only up to what the server sent that client lately.
 * - A participant's new Yjs client ids (a page load each) are limited by rate.
 * And honest stock clients still work: offline edits and reconnects, reload storms.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Limits } from '../../server/config.ts';
import { STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import {
  encodeAwareness,
  encodeSyncUpdate,
  MESSAGE_SYNC,
  SYNC_UPDATE,
} from '../../server/rooms/protocol.ts';
import type { CreateBoardResponse } from '../../shared/api.ts';
import {
  type Phase,
  readControl,
  readPlacement,
  setPhase,
  setPlacement,
} from '../../shared/boardDoc.ts';
import {
  CLOSE_FORBIDDEN_WRITE,
  CLOSE_MALFORMED,
  CLOSE_RATE_LIMITED,
  CLOSE_REASONS,
} from '../../shared/closeCodes.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRules.ts';
import { boardSocketUrl, gcUpdate, type RawSocket } from '../support/rawSocket.ts';
import {
  createBoard,
  joinBoard,
  nextClose,
  type RunningServer,
  serverHarness,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const CARDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
const card = (index: number): string => CARDS[index] ?? 'missing card';
/** A client id nobody on the board has used. */
const FRESH_CLIENT = 987_654_321;

/** The board's own stored log (not its view's), loaded into a document as the server loads it. */
function storedDoc(running: RunningServer, boardId: string): { doc: Y.Doc; rows: number } {
  const store = new Database(join(running.dataDir, STORE_FILE_NAME), { readonly: true });
  try {
    const rows = store
      .prepare<[string], { data: Buffer; format: number }>(
        "SELECT data, format FROM updates WHERE board_id = ? AND log = 'board' ORDER BY id",
      )
      .all(boardId);
    const doc = new Y.Doc();
    for (const row of rows) {
      if (row.format === 2) Y.applyUpdateV2(doc, row.data);
      else Y.applyUpdate(doc, row.data);
    }
    return { doc, rows: rows.length };
  } finally {
    store.close();
  }
}

/** The document updates a raw socket was sent (sync update frames). */
function receivedUpdates(socket: RawSocket): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const frame of socket.received) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    if (decoding.readVarUint(decoder) !== SYNC_UPDATE) continue;
    updates.push(decoding.readVarUint8Array(decoder));
  }
  return updates;
}

/** A v1 update with no structs and `copies` copies of one delete range. */
function deletesOnly(client: number, clock: number, len: number, copies: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client's deletes
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, copies);
  for (let i = 0; i < copies; i++) {
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarUint(encoder, len);
  }
  return encoding.toUint8Array(encoder);
}

interface Board {
  running: RunningServer;
  board: CreateBoardResponse;
  facilitator: TestClient;
}

async function startBoard(limits: Partial<Limits> = {}): Promise<Board> {
  const running = await harness.start(undefined, { limits });
  const board = await createBoard(running);
  const facilitator = await harness.connect(running, board.boardId, board.facilitatorToken);
  return { running, board, facilitator };
}

async function rawSocket({ running, board }: Board, token: string): Promise<RawSocket> {
  return harness.socket(boardSocketUrl(running.wsUrl, board.boardId, token));
}

async function phaseReaches(clients: TestClient[], phase: Phase): Promise<void> {
  await waitFor(
    () => clients.every((client) => readControl(client.doc).phase === phase),
    `every client to see the phase ${phase}`,
  );
}

const contentless = { code: CLOSE_FORBIDDEN_WRITE, reason: WRITE_REJECTIONS.contentless };

describe('empty structs on clocks the room does not have (finding 2)', () => {
  it("are refused from an observer (a projector's link): not stored, not sent", async () => {
    const session = await startBoard();
    const wall = await joinBoard(session.running, session.board, 'Wall', { role: 'observer' });
    const ana = await joinBoard(session.running, session.board, 'Ana');
    const witness = await rawSocket(session, ana.token);
    const projector = await rawSocket(session, wall.token);
    projector.send(encodeSyncUpdate(gcUpdate(FRESH_CLIENT, 0, 1)));
    expect(await projector.closed).toEqual(contentless);

    // A write after it reaches the witness: had the GC struct been sent, it came first.
    setPhase(session.facilitator.doc, 'revealed', 'local');
    await waitFor(() => receivedUpdates(witness).length > 0, 'the witness to get the next write');
    const seen = new Y.Doc();
    for (const update of receivedUpdates(witness)) Y.applyUpdate(seen, update);
    expect(seen.store.clients.has(FRESH_CLIENT)).toBe(false);
    const { doc } = storedDoc(session.running, session.board.boardId);
    expect(doc.store.clients.has(FRESH_CLIENT)).toBe(false);
  });

  it('are refused from anyone once the board is final, thousands under fresh ids in one frame too', async () => {
    const session = await startBoard();
    const ana = await joinBoard(session.running, session.board, 'Ana');
    setPhase(session.facilitator.doc, 'final', 'local');
    const anaClient = await harness.connect(session.running, session.board.boardId, ana.token);
    await phaseReaches([anaClient], 'final');

    const many = Y.mergeUpdates(
      Array.from({ length: 2_000 }, (_, index) => gcUpdate(FRESH_CLIENT + index, 0, 1)),
    );
    for (const [token, update] of [
      [ana.token, gcUpdate(FRESH_CLIENT, 0, 1)],
      [session.board.facilitatorToken, many],
    ] as const) {
      const socket = await rawSocket(session, token);
      socket.send(encodeSyncUpdate(update));
      expect(await socket.closed).toEqual(contentless);
    }
    const { doc } = storedDoc(session.running, session.board.boardId);
    expect(doc.store.clients.has(FRESH_CLIENT)).toBe(false);
    expect(anaClient.doc.store.clients.has(FRESH_CLIENT)).toBe(false);
  });

  it('are refused on the next clocks of an id the writer owns, too', async () => {
    const session = await startBoard();
    const ana = await joinBoard(session.running, session.board, 'Ana');
    const client = await harness.connect(session.running, session.board.boardId, ana.token);
    setPlacement(client.doc, ana.participantId, card(0), { x: 0.2, round: 1, at: 1 }, 'local');
    const id = client.doc.clientID;
    await waitFor(
      () => Y.getState(session.facilitator.doc.store, id) > 0,
      "Ana's placement to arrive",
    );
    const next = Y.getState(client.doc.store, id);
    const socket = await rawSocket(session, ana.token);
    socket.send(encodeSyncUpdate(gcUpdate(id, next, 1_000)));
    expect(await socket.closed).toEqual(contentless);
  });
});

describe('deletes that delete nothing new (finding 3)', () => {
  /** Ana moves a card twice: her first placement is deleted, a range anyone may repeat. */
  async function deletedRange(session: Board) {
    const ana = await joinBoard(session.running, session.board, 'Ana');
    const client = await harness.connect(session.running, session.board.boardId, ana.token);
    for (const x of [0.1, 0.9]) {
      setPlacement(client.doc, ana.participantId, card(0), { x, round: 1, at: 1 }, 'local');
    }
    await waitFor(
      () => readPlacement(session.facilitator.doc, ana.participantId, card(0))?.x === 0.9,
      "Ana's second placement to arrive",
    );
    const ds = Y.createDeleteSetFromStructStore(client.doc.store);
    const range = ds.clients.get(client.doc.clientID)?.[0];
    if (!range) throw new Error('no deleted range');
    return { ana, client: client.doc.clientID, clock: range.clock, len: range.len };
  }

  it('are neither stored nor sent', async () => {
    const session = await startBoard();
    const deleted = await deletedRange(session);
    const witness = await rawSocket(session, deleted.ana.token);
    const rowsBefore = storedDoc(session.running, session.board.boardId).rows;
    const sender = await rawSocket(session, deleted.ana.token);
    for (let i = 0; i < 5; i++) {
      sender.send(encodeSyncUpdate(deletesOnly(deleted.client, deleted.clock, deleted.len, 1_000)));
    }
    // A write after them reaches the witness: had they been sent, they came first.
    setPhase(session.facilitator.doc, 'revealed', 'local');
    await waitFor(() => receivedUpdates(witness).length > 0, 'the witness to get the next write');
    for (const update of receivedUpdates(witness)) {
      expect(Y.decodeUpdate(update).structs.length).toBeGreaterThan(0);
    }
    expect(sender.isClosed()).toBe(false);
    // The phase change is the only row added.
    expect(storedDoc(session.running, session.board.boardId).rows).toBe(rowsBefore + 1);
  });

  it('are refused when they delete what the writer may not delete', async () => {
    const session = await startBoard();
    const ana = await joinBoard(session.running, session.board, 'Ana');
    const client = await harness.connect(session.running, session.board.boardId, ana.token);
    setPlacement(client.doc, ana.participantId, card(0), { x: 0.3, round: 1, at: 1 }, 'local');
    const id = client.doc.clientID;
    await waitFor(() => Y.getState(session.facilitator.doc.store, id) > 0, "Ana's placement");
    const wall = await joinBoard(session.running, session.board, 'Wall', { role: 'observer' });
    const ben = await joinBoard(session.running, session.board, 'Ben');
    for (const [token, reason] of [
      [wall.token, WRITE_REJECTIONS.observer],
      [ben.token, WRITE_REJECTIONS.otherCard],
    ] as const) {
      const socket = await rawSocket(session, token);
      socket.send(encodeSyncUpdate(deletesOnly(id, 0, Y.getState(client.doc.store, id), 3)));
      expect(await socket.closed).toEqual({ code: CLOSE_FORBIDDEN_WRITE, reason });
    }
    expect(readPlacement(session.facilitator.doc, ana.participantId, card(0))?.x).toBe(0.3);
  });

  it('a count of ranges its frame could not hold is refused as malformed', async () => {
    const session = await startBoard();
    const ana = await joinBoard(session.running, session.board, 'Ana');
    const sender = await rawSocket(session, ana.token);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // no structs
    encoding.writeVarUint(encoder, 1); // one client's deletes…
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 2 ** 40); // …claiming a trillion ranges
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
    sender.send(encodeSyncUpdate(encoding.toUint8Array(encoder)));
    expect(await sender.closed).toEqual({
      code: CLOSE_MALFORMED,
      reason: WRITE_REJECTIONS.unreadable,
    });
  });

  it('count against the byte rate: a flood of them is closed', async () => {
    const session = await startBoard({ byteRate: { perSecond: 10_000, burst: 1_048_576 } });
    const deleted = await deletedRange(session);
    const sender = await rawSocket(session, deleted.ana.token);
    // About 200 kB a frame: far under the message rate, far over the byte rate.
    const frame = encodeSyncUpdate(deletesOnly(deleted.client, deleted.clock, deleted.len, 60_000));
    for (let i = 0; i < 20 && !sender.isClosed(); i++) sender.send(frame);
    expect(await sender.closed).toEqual({
      code: CLOSE_RATE_LIMITED,
      reason: CLOSE_REASONS.rateLimited,
    });
  });

  it('are cut from an update that also brings something new, which is stored without them', async () => {
    const session = await startBoard();
    const deleted = await deletedRange(session);
    // A write made offline, as the board is now.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(session.facilitator.doc));
    const updates: Uint8Array[] = [];
    offline.on('update', (update: Uint8Array) => updates.push(update));
    const placement = { x: 0.4, round: 1, at: 2 };
    setPlacement(offline, deleted.ana.participantId, card(1), placement, 'local');
    const write = updates[0];
    if (!write) throw new Error('no update');
    const withRepeats = Y.mergeUpdates([
      write,
      deletesOnly(deleted.client, deleted.clock, deleted.len, 100),
    ]);
    const sender = await rawSocket(session, deleted.ana.token);
    sender.send(encodeSyncUpdate(withRepeats));
    await waitFor(
      () => readPlacement(session.facilitator.doc, deleted.ana.participantId, card(1)) !== null,
      'the new placement to arrive',
    );
    const store = new Database(join(session.running.dataDir, STORE_FILE_NAME), { readonly: true });
    const last = store
      .prepare<[string], { data: Buffer }>(
        "SELECT data FROM updates WHERE board_id = ? AND log = 'board' ORDER BY id DESC LIMIT 1",
      )
      .get(session.board.boardId);
    store.close();
    if (!last) throw new Error('nothing stored');
    expect(Y.decodeUpdate(last.data).ds.clients.size).toBe(0);
    expect(Y.decodeUpdate(last.data).structs.length).toBeGreaterThan(0);
  });
});

describe('awareness echoes (finding 4)', () => {
  it('are free only up to what the client was sent: a flood of them is closed', async () => {
    const session = await startBoard({ byteRate: { perSecond: 10_000, burst: 1_048_576 } });
    const ana = await joinBoard(session.running, session.board, 'Ana');
    const ben = await joinBoard(session.running, session.board, 'Ben');
    const benClient = await harness.connect(session.running, session.board.boardId, ben.token);
    const user = { participantId: ben.participantId };
    benClient.provider.awareness.setLocalState({ user, drag: null });
    const echoed = benClient.doc.clientID;
    const sender = await rawSocket(session, ana.token);
    await waitFor(() => sender.received.length >= 2, 'the room to show who is here');
    // Entries at the clock the room holds for Ben's presence: echoes, 200 kB a frame.
    const encoder = encoding.createEncoder();
    const copies = 2_000;
    encoding.writeVarUint(encoder, copies);
    const state = JSON.stringify({ user, drag: null, pad: 'x'.repeat(80) });
    for (let i = 0; i < copies; i++) {
      encoding.writeVarUint(encoder, echoed);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarString(encoder, state);
    }
    const frame = encodeAwareness(encoding.toUint8Array(encoder));
    for (let i = 0; i < 20 && !sender.isClosed(); i++) sender.send(frame);
    expect(await sender.closed).toEqual({
      code: CLOSE_RATE_LIMITED,
      reason: CLOSE_REASONS.rateLimited,
    });
  });

  it('a count the frame could not hold is refused before any entry is read', async () => {
    const session = await startBoard();
    const ana = await joinBoard(session.running, session.board, 'Ana');
    const sender = await rawSocket(session, ana.token);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2 ** 40);
    encoding.writeVarUint(encoder, 1);
    const frame = encodeAwareness(encoding.toUint8Array(encoder));
    sender.send(frame);
    expect((await sender.closed).code).toBe(CLOSE_MALFORMED);
  });
});

describe('honest clients', () => {
  it('an offline participant who moves and re-moves cards reconnects, is accepted and converges', async () => {
    const session = await startBoard();
    const ana = await joinBoard(session.running, session.board, 'Ana');
    const client = await harness.connect(session.running, session.board.boardId, ana.token);
    const cards = CARDS.slice(0, 12);
    for (const id of cards) {
      setPlacement(client.doc, ana.participantId, id, { x: 0.5, round: 1, at: 1 }, 'local');
    }
    await waitFor(
      () => cards.every((id) => readPlacement(session.facilitator.doc, ana.participantId, id)),
      "Ana's first placements",
    );
    client.provider.disconnect();
    await waitFor(() => !client.provider.wsconnected, 'Ana to go offline');
    for (let move = 1; move <= 6; move++) {
      for (const [index, id] of cards.entries()) {
        const x = ((move * 7 + index) % 10) / 10;
        const reason = `move ${move}: ${'because '.repeat(20)}`;
        setPlacement(client.doc, ana.participantId, id, { x, round: 1, at: move, reason }, 'local');
      }
    }
    // Closes the client did not ask for: the server's.
    const closes: number[] = [];
    client.provider.on('connection-close', (event) => {
      if (client.provider.shouldConnect) closes.push(event?.code ?? 0);
    });
    client.provider.connect();
    const last = (index: number) => ((6 * 7 + index) % 10) / 10;
    await waitFor(
      () =>
        cards.every(
          (id, index) =>
            readPlacement(session.facilitator.doc, ana.participantId, id)?.x === last(index),
        ),
      "Ana's offline moves to arrive",
    );
    expect(closes).toEqual([]);

    // A reconnect with nothing new repeats the whole delete set: nothing is stored.
    const rows = storedDoc(session.running, session.board.boardId).rows;
    client.provider.disconnect();
    await waitFor(() => !client.provider.wsconnected, 'Ana to go offline again');
    client.provider.connect();
    await waitFor(() => client.provider.synced, 'Ana to sync again');
    setPhase(session.facilitator.doc, 'revealed', 'local');
    await phaseReaches([client], 'revealed');
    expect(storedDoc(session.running, session.board.boardId).rows).toBe(rows + 1);
    expect(closes).toEqual([]);
  });

  it('a reload storm within the new client id rate works; past it the next is retried later', async () => {
    const session = await startBoard({ newClientIds: { max: 6, windowMs: 60_000 } });
    const ana = await joinBoard(session.running, session.board, 'Ana');
    for (let reload = 0; reload < 6; reload++) {
      const tab = harness.client(session.running, session.board.boardId, ana.token);
      await waitFor(() => tab.provider.synced, 'the tab to sync');
      const placement = { x: reload / 10, round: 1, at: reload };
      setPlacement(tab.doc, ana.participantId, card(0), placement, 'local');
      await waitFor(
        () => readPlacement(session.facilitator.doc, ana.participantId, card(0))?.x === reload / 10,
        `reload ${reload}'s placement`,
      );
      tab.destroy();
    }
    const tab = harness.client(session.running, session.board.boardId, ana.token);
    await waitFor(() => tab.provider.synced, 'the tab to sync');
    const refused = nextClose(tab);
    setPlacement(tab.doc, ana.participantId, card(0), { x: 0.9, round: 1, at: 9 }, 'local');
    expect(await refused).toEqual({
      code: CLOSE_RATE_LIMITED,
      reason: CLOSE_REASONS.tooManyClientIds,
    });
    expect(readPlacement(session.facilitator.doc, ana.participantId, card(0))?.x).toBe(0.5);
    // Writing under an id the board knows still works: the tabs' ids, and presence is free.
    tab.destroy();
  });
});
