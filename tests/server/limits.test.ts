/**
 * What one client may cost the server, against the real server: the frame size, the board's
 * storage budget (4403: a write that cannot be stored), the message rate, the connection caps
 * and a client that stops reading. Only the budget is final; the rest close with codes the
 * stock provider retries by itself.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Limits } from '../../server/config.ts';
import { encodeAwareness, encodeSyncStep1 } from '../../server/rooms/protocol.ts';
import { TokenBucket } from '../../server/rooms/rateLimiter.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { placeMap, readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import {
  CLOSE_BACKPRESSURE,
  CLOSE_FORBIDDEN_WRITE,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_OVERLOADED,
  CLOSE_RATE_LIMITED,
  CLOSE_REASONS,
} from '../../shared/closeCodes.ts';
import { readFigures, readProgress } from '../../shared/publicView.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { awarenessPayload, boardSocketUrl } from '../support/rawSocket.ts';
import {
  createBoard,
  joinBoard,
  newDataDir,
  nextClose,
  type RunningServer,
  serverHarness,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const { connect } = harness;

const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

interface Session {
  server: RunningServer;
  board: CreateBoardResponse;
  ana: JoinResponse;
  /** A facilitator's device: it syncs the whole board, so it sees Ana's placements. */
  witness: TestClient;
  /** Ben's device: it syncs the board's view, where Ana's placements are counts. */
  viewer: TestClient;
}

async function startSession(limits: Partial<Limits> = {}): Promise<Session> {
  const server = await harness.start(newDataDir(), { limits });
  const board = await createBoard(server);
  const ana = await joinBoard(server, board, 'Ana');
  const ben = await joinBoard(server, board, 'Ben');
  return {
    server,
    board,
    ana,
    witness: await connect(server, board.boardId, board.facilitatorToken),
    viewer: await connect(server, board.boardId, ben.token),
  };
}

async function raw(session: Session, token: string, boardId = session.board.boardId) {
  return harness.socket(boardSocketUrl(session.server.wsUrl, boardId, token));
}

/**
 * Ana's first placement of a card reaches the witness, and its count the view: the board still
 * works for everyone else.
 */
async function boardStillWorks(session: Session, x: number): Promise<void> {
  const ana = await connect(session.server, session.board.boardId, session.ana.token);
  setPlacement(ana.doc, session.ana.participantId, 'values.p1', { x, round: 1, at: 1 }, 'local');
  await waitFor(
    () =>
      readPlacement(session.witness.doc, session.ana.participantId, 'values.p1')?.x === x &&
      readFigures(session.viewer.doc).get('values.p1')?.placed === 1,
    'a placement after the refusal',
  );
  expect(session.witness.provider.wsconnected).toBe(true);
  expect(session.viewer.provider.wsconnected).toBe(true);
}

function serverDoc(session: Session): Y.Doc {
  const room = session.server.server.rooms.peek(session.board.boardId);
  if (!room) throw new Error('the room is not in memory');
  return room.doc;
}

describe('frame size', () => {
  it('closes a socket that sends a frame over MAX_MESSAGE_BYTES with 1009, and only it', async () => {
    const session = await startSession({ maxMessageBytes: 64 * 1024 });
    const socket = await raw(session, session.ana.token);
    socket.send(new Uint8Array(100 * 1024));
    expect((await socket.closed).code).toBe(CLOSE_MESSAGE_TOO_BIG);
    await boardStillWorks(session, 0.5);
  });
});

describe("a board's storage budget", () => {
  it('refuses the write that would take the stored document over it (4403), and only that', async () => {
    // Reasons are at most 280 characters, so a small budget is filled by many of them. A fresh
    // board (its rubric in English and Spanish) and its view take about 18 kB; this leaves room
    // for some placements, not all.
    const budget = 28 * 1024;
    const session = await startSession({ boardBudgetBytes: budget });
    const ana = await connect(session.server, session.board.boardId, session.ana.token);
    const closed = nextClose(ana);
    const reason = 'r'.repeat(280);
    let written = 0;
    for (const cardId of CARD_IDS) {
      if (!ana.provider.wsconnected) break;
      const placement = { x: 0.5, round: 1, at: written, reason };
      setPlacement(ana.doc, session.ana.participantId, cardId, placement, 'local');
      written += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await closed).toEqual({
      code: CLOSE_FORBIDDEN_WRITE,
      reason: CLOSE_REASONS.boardFull,
    });
    expect(written).toBeLessThan(CARD_IDS.length);
    // Everything before the refused write is stored and shared; the refused one is nowhere.
    const size = placeMap(serverDoc(session), session.ana.participantId).size;
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(written);
    await waitFor(
      () =>
        placeMap(session.witness.doc, session.ana.participantId).size === size &&
        readProgress(session.viewer.doc)[session.ana.participantId] === size,
      'the accepted placements at the witness, and their count in the view',
    );
    expect(Y.encodeStateAsUpdate(serverDoc(session)).length).toBeLessThanOrEqual(budget);
    expect(session.witness.provider.wsconnected).toBe(true);
    expect(session.viewer.provider.wsconnected).toBe(true);
  });
});

describe('message rates', () => {
  it('refills a token bucket at its rate up to its burst', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now += 100; // one token
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 10_000; // never more than the burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('closes a flood of awareness or sync messages with 4529; the stock provider comes back', async () => {
    const session = await startSession();
    const awareness = await raw(session, session.ana.token);
    const state = { user: { participantId: session.ana.participantId }, drag: null };
    for (let clock = 1; clock <= 500; clock++) {
      awareness.send(encodeAwareness(awarenessPayload([{ clientId: 42, clock, state }])));
    }
    expect((await awareness.closed).code).toBe(CLOSE_RATE_LIMITED);
    const sync = await raw(session, session.ana.token);
    for (let i = 0; i < 500; i++) sync.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    expect((await sync.closed).code).toBe(CLOSE_RATE_LIMITED);

    const flooder = await connect(session.server, session.board.boardId, session.ana.token);
    const closed = nextClose(flooder);
    for (let i = 0; i < 500; i++) {
      flooder.provider.awareness.setLocalState({ ...state, drag: { cardId: `trust.v${i}` } });
    }
    expect((await closed).code).toBe(CLOSE_RATE_LIMITED);
    await waitFor(() => flooder.provider.synced, 'the provider to reconnect by itself', 5_000);
    await boardStillWorks(session, 0.25);
  });

  it('lets a room of fast draggers through, though each provider echoes the others’ drags', async () => {
    const session = await startSession();
    const draggers: { client: TestClient; participantId: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const person = await joinBoard(session.server, session.board, `Dragger ${i}`);
      const client = await connect(session.server, session.board.boardId, person.token);
      draggers.push({ client, participantId: person.participantId });
    }
    const closes: number[] = [];
    for (const { client } of draggers) {
      client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    }
    // 30 drags a second each, and a drop every 200 ms, each on its own timer: every client
    // receives 8 × 30 drags a second and echoes each one back.
    const timers = draggers.map(({ client, participantId }, index) => {
      let tick = index;
      return setInterval(() => {
        tick += 1;
        client.provider.awareness.setLocalState({
          user: { participantId },
          drag: { cardId: `trust.v${1 + (tick % 5)}` },
        });
        if (tick % 6 === 0) {
          const placement = { x: (tick % 100) / 100, round: 1, at: tick };
          setPlacement(client.doc, participantId, 'trust.v1', placement, 'local');
        }
      }, 1000 / 30);
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const timer of timers) clearInterval(timer);
    await boardStillWorks(session, 0.75);
    expect(closes).toEqual([]);
    expect(draggers.every(({ client }) => client.provider.wsconnected)).toBe(true);
  });
});

describe('connection caps', () => {
  it('closes connections over the per-board and per-address caps with 4503, retried later', async () => {
    const session = await startSession({ maxConnectionsPerBoard: 4, maxConnectionsPerAddress: 6 });
    const other = await createBoard(session.server, { title: 'Other' });
    // The witness and the viewer hold two of the board's four.
    const onBoard = [];
    for (let i = 0; i < 2; i++) onBoard.push(await raw(session, session.ana.token));
    const overBoard = await raw(session, session.ana.token);
    expect(await overBoard.closed).toEqual({
      code: CLOSE_OVERLOADED,
      reason: 'This board has too many connections; retrying',
    });
    for (let i = 0; i < 2; i++) await raw(session, other.facilitatorToken, other.boardId);
    const overAddress = await raw(session, other.facilitatorToken, other.boardId);
    expect(await overAddress.closed).toEqual({
      code: CLOSE_OVERLOADED,
      reason: 'Too many connections from your network; retrying',
    });
    expect(onBoard.every((socket) => !socket.isClosed())).toBe(true);

    // A stock provider turned away keeps trying, and gets in once someone leaves.
    const waiting = harness.client(session.server, session.board.boardId, session.ana.token);
    expect((await nextClose(waiting)).code).toBe(CLOSE_OVERLOADED);
    onBoard[0]?.ws.close();
    await waitFor(() => waiting.provider.synced, 'the provider to get in', 5_000);
  });
});

describe('a client that stops reading', () => {
  it('is closed with 4504 once its send buffer passes MAX_BUFFERED_BYTES; others go on', async () => {
    const session = await startSession({
      maxBufferedBytes: 256 * 1024,
      updateRate: { perSecond: 1_000, burst: 5_000 },
    });
    const slow = await raw(session, session.ana.token);
    slow.ws.pause();
    // Each request is answered with the whole board: far more than the kernel buffers hold.
    const everything = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 2_000; i++) slow.send(everything);
    await boardStillWorks(session, 0.6);
    slow.ws.resume();
    expect((await slow.closed).code).toBe(CLOSE_BACKPRESSURE);
  });
});
