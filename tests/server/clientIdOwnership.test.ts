/**
 * A Yjs client id belongs to the participant who first wrote with it (all facilitators count as
 * one, the server's ids to the server). Structs under someone else's id — even a tiny GC struct
 * at a clock they have not reached yet — would make every replica skip that person's real
 * writes, so the server refuses them with 4403, also after a restart.
 */

import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { encodeSyncUpdate } from '../../server/rooms/protocol.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { readControl, readPlacement, setControl, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_REASONS } from '../../shared/closeCodes.ts';
import { readFigures, readProgress } from '../../shared/publicView.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { boardSocketUrl, gcUpdate } from '../support/rawSocket.ts';
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
/** The current test's server. */
let running: RunningServer | null = null;

interface Session {
  board: CreateBoardResponse;
  ana: JoinResponse;
  mallory: JoinResponse;
  facilitator: TestClient;
  /** The facilitator's second device: it syncs the whole board, so it sees everyone's writes. */
  witness: TestClient;
  /** Ana's device: it syncs the board's view, which the server writes. */
  viewer: TestClient;
}

async function connect(token: string, boardId: string): Promise<TestClient> {
  if (!running) throw new Error('no server');
  return harness.connect(running, boardId, token);
}

async function startSession(dataDir?: string): Promise<Session> {
  running = await harness.start(dataDir);
  const board = await createBoard(running);
  const ana = await joinBoard(running, board, 'Ana');
  const mallory = await joinBoard(running, board, 'Mallory');
  const facilitator = await connect(board.facilitatorToken, board.boardId);
  const witness = await connect(board.facilitatorToken, board.boardId);
  const viewer = await connect(ana.token, board.boardId);
  return { board, ana, mallory, facilitator, witness, viewer };
}

/** Mallory sends one raw document update; resolves with how the server closed her socket. */
async function sendAsMallory(session: Session, update: Uint8Array) {
  if (!running) throw new Error('no server');
  const socket = await harness.socket(
    boardSocketUrl(running.wsUrl, session.board.boardId, session.mallory.token),
  );
  socket.send(encodeSyncUpdate(update));
  return socket.closed;
}

/** The focus may name only a card of the board: one marker card per moment a test checks. */
const MARKER_CARDS = new Map(
  ['before', 'after', 'before the restart', 'after the restart'].map((moment, index) => [
    moment,
    rubricCards(ELEMENTS_OF_PARTNERSHIP)[index]?.id ?? null,
  ]),
);

/**
 * The facilitator's next write still arrives: nothing made the others skip its clock. The board
 * applied it (the witness has all of the facilitator's structs), and the view shows it.
 */
async function facilitatorStillWrites(session: Session, moment: string): Promise<void> {
  const marker = MARKER_CARDS.get(moment) ?? null;
  setControl(session.facilitator.doc, 'focusCardId', marker, 'local');
  await waitFor(
    () =>
      readControl(session.witness.doc).focusCardId === marker &&
      readControl(session.viewer.doc).focusCardId === marker,
    "the facilitator's write to reach the witness and the view",
  );
  const id = session.facilitator.doc.clientID;
  expect(Y.getState(session.witness.doc.store, id)).toBe(
    Y.getState(session.facilitator.doc.store, id),
  );
}

const refusal = { code: CLOSE_FORBIDDEN_WRITE, reason: CLOSE_REASONS.foreignClientId };

describe("structs under someone else's client id", () => {
  it("refuses a GC struct at the facilitator's next clock, which would swallow their next write", async () => {
    const session = await startSession();
    await facilitatorStillWrites(session, 'before');
    const id = session.facilitator.doc.clientID;
    const next = Y.getState(session.facilitator.doc.store, id);
    expect(await sendAsMallory(session, gcUpdate(id, next, 5))).toEqual(refusal);
    await facilitatorStillWrites(session, 'after');
  });

  it('refuses a valid placement of her own written under the facilitator’s client id', async () => {
    const session = await startSession();
    await facilitatorStillWrites(session, 'before');
    const mallory = await connect(session.mallory.token, session.board.boardId);
    const closed = nextClose(mallory);
    const own = mallory.doc.clientID;
    // Her view holds none of the facilitator's structs: she learns their next clock (as one
    // could guess it) and moves hers there, so her write is new to the board, not a repeat.
    const id = session.facilitator.doc.clientID;
    const next = Y.getState(session.facilitator.doc.store, id);
    Y.applyUpdate(mallory.doc, gcUpdate(id, 0, next), mallory.provider);
    mallory.doc.clientID = id;
    setPlacement(mallory.doc, session.mallory.participantId, 'trust.v1', at(0.5), 'local');
    expect(await closed).toEqual(refusal);
    mallory.doc.clientID = own; // its awareness still speaks as `own`
    await facilitatorStillWrites(session, 'after');
    expect(readPlacement(session.witness.doc, session.mallory.participantId, 'trust.v1')).toBe(
      null,
    );
    expect(readFigures(session.viewer.doc).get('trust.v1')?.placed).toBe(0);
    expect(readProgress(session.viewer.doc)).toEqual({});
  });

  it("refuses structs under another participant's id and under the server's ids", async () => {
    const session = await startSession();
    const ana = await connect(session.ana.token, session.board.boardId);
    setPlacement(ana.doc, session.ana.participantId, 'trust.v1', at(0.1), 'local');
    await waitFor(
      () => readPlacement(session.witness.doc, session.ana.participantId, 'trust.v1') !== null,
      "Ana's first placement",
    );
    const anaNext = Y.getState(ana.doc.store, ana.doc.clientID);
    expect(await sendAsMallory(session, gcUpdate(ana.doc.clientID, anaNext, 1))).toEqual(refusal);

    // Everything in a fresh board's document was written by the server, but for Ana's placement.
    const writers = [session.facilitator.doc.clientID, ana.doc.clientID];
    const serverIds = [...session.witness.doc.store.clients.keys()].filter(
      (id) => !writers.includes(id),
    );
    expect(serverIds.length).toBeGreaterThan(0);
    for (const id of serverIds) {
      const next = Y.getState(session.witness.doc.store, id);
      expect(await sendAsMallory(session, gcUpdate(id, next, 1))).toEqual(refusal);
    }
    // The view's ids too, at the view's next clock. (What a device sends under them up to the
    // view's own clock is what it holds of the view already, and is cut before the write gate.)
    const viewIds = [...session.viewer.doc.store.clients.keys()].filter(
      (id) => !writers.includes(id) && !serverIds.includes(id),
    );
    expect(viewIds.length).toBeGreaterThan(0);
    for (const id of viewIds) {
      const next = Y.getState(session.viewer.doc.store, id);
      expect(await sendAsMallory(session, gcUpdate(id, next, 1))).toEqual(refusal);
    }

    setPlacement(ana.doc, session.ana.participantId, 'trust.v1', at(0.2), 'local');
    await waitFor(
      () =>
        readPlacement(session.witness.doc, session.ana.participantId, 'trust.v1')?.x === 0.2 &&
        readPlacement(session.viewer.doc, session.ana.participantId, 'trust.v1')?.x === 0.2,
      "Ana's next placement",
    );
  });

  it('lets a participant write from two tabs, each with its own client id', async () => {
    const session = await startSession();
    const tab1 = await connect(session.ana.token, session.board.boardId);
    const tab2 = await connect(session.ana.token, session.board.boardId);
    setPlacement(tab1.doc, session.ana.participantId, 'trust.v1', at(0.3), 'local');
    setPlacement(tab2.doc, session.ana.participantId, 'trust.v2', at(0.4), 'local');
    await waitFor(
      () =>
        readPlacement(session.witness.doc, session.ana.participantId, 'trust.v1')?.x === 0.3 &&
        readPlacement(session.witness.doc, session.ana.participantId, 'trust.v2')?.x === 0.4,
      "both tabs' placements",
    );
    expect(tab1.provider.wsconnected && tab2.provider.wsconnected).toBe(true);
  });

  it('remembers who owns each id after a restart, from the stored document alone', async () => {
    const first = await startSession();
    await facilitatorStillWrites(first, 'before the restart');
    const { dataDir } = running ?? { dataDir: '' };
    const facilitatorDoc = first.facilitator.doc;
    for (const client of [first.facilitator, first.witness, first.viewer]) {
      client.provider.destroy(); // keep the docs
    }
    await running?.close();

    running = await harness.start(dataDir);
    const session: Session = {
      ...first,
      facilitator: reconnect(facilitatorDoc, first.board),
      witness: await connect(first.board.facilitatorToken, first.board.boardId),
      viewer: await connect(first.ana.token, first.board.boardId),
    };
    await waitFor(() => session.facilitator.provider.synced, 'the facilitator to resync');
    const id = facilitatorDoc.clientID;
    const next = Y.getState(facilitatorDoc.store, id);
    expect(await sendAsMallory(session, gcUpdate(id, next, 3))).toEqual(refusal);
    // The facilitator goes on with the same client id, as a reconnecting tab does.
    await facilitatorStillWrites(session, 'after the restart');
  });
});

/** A new stock provider for an existing document, as a tab that reconnects to a new address. */
function reconnect(doc: Y.Doc, board: CreateBoardResponse): TestClient {
  if (!running) throw new Error('no server');
  const provider = new WebsocketProvider(running.wsUrl, board.boardId, doc, {
    params: { token: board.facilitatorToken },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const client = { doc, provider, destroy: () => provider.destroy() };
  harness.track(client);
  return client;
}

function at(x: number) {
  return { x, round: 1, at: 1 };
}
