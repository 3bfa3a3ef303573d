/**
 * The write rules and silent placing, enforced by the real server against stock y-websocket
 * clients: a refused write closes only the offender's socket (4403, with a readable reason), and
 * is neither applied on the server nor broadcast to anyone else.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { AddProxyResponse, CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import {
  finalMap,
  type Phase,
  readControl,
  readFinal,
  readPlacement,
  roundsArray,
  setControl,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE } from '../../shared/closeCodes.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRules.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  nextClose,
  type RunningServer,
  serverHarness,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

interface Session {
  server: RunningServer;
  board: CreateBoardResponse;
  ana: JoinResponse;
  ben: JoinResponse;
  observer: JoinResponse;
  proxyId: string;
  /** Ben's client: an honest witness of everything the server broadcasts. */
  witness: TestClient;
  /** A facilitator client that writes the markers proving the broadcasts have caught up. */
  desk: TestClient;
  connect(token: string): Promise<TestClient>;
  /** The server's own copy of the board document. */
  serverDoc(): Y.Doc;
}

async function startSession(): Promise<Session> {
  const server = await harness.start();
  const board = await createBoard(server);
  const ana = await joinBoard(server, board, 'Ana');
  const ben = await joinBoard(server, board, 'Ben');
  const observer = await joinBoard(server, board, 'Wall', { role: 'observer' });
  const proxy = await callApi<AddProxyResponse>(
    server,
    'POST',
    `/api/boards/${board.boardId}/proxies`,
    {
      token: board.facilitatorToken,
      body: { name: 'Pat' },
    },
  );
  const connect = (token: string) => harness.connect(server, board.boardId, token);
  return {
    server,
    board,
    ana,
    ben,
    observer,
    proxyId: proxy.body.participantId,
    witness: await connect(ben.token),
    desk: await connect(board.facilitatorToken),
    connect,
    serverDoc: () => {
      const room = server.server.rooms.peek(board.boardId);
      if (!room) throw new Error('the room is not in memory');
      return room.doc;
    },
  };
}

let markers = 0;
/** Markers are cards of the board (the focus may name no other), each unlike the one before. */
const MARKER_CARDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

/** A facilitator write that round-trips: once the witness has it, earlier broadcasts arrived. */
async function broadcastsCaughtUp(session: Session): Promise<void> {
  markers += 1;
  const marker = MARKER_CARDS[markers % MARKER_CARDS.length] ?? null;
  setControl(session.desk.doc, 'focusCardId', marker, 'local');
  await waitFor(
    () => readControl(session.witness.doc).focusCardId === marker,
    'the marker to reach the witness',
  );
}

async function setPhase(session: Session, phase: Phase): Promise<void> {
  setControl(session.desk.doc, 'phase', phase, 'local');
  await waitFor(() => readControl(session.witness.doc).phase === phase, `phase ${phase}`);
}

/**
 * Has `offender` make `write`, expects its socket closed with 4403 and `reason`, and checks that
 * the write reached neither the server's document nor the witness.
 */
async function expectRefused(
  session: Session,
  offender: TestClient,
  write: (doc: Y.Doc) => void,
  reason: string,
  landed: (doc: Y.Doc) => boolean,
): Promise<void> {
  const closed = nextClose(offender);
  write(offender.doc);
  expect(landed(offender.doc)).toBe(true); // the check below can see the write
  expect(await closed).toEqual({ code: CLOSE_FORBIDDEN_WRITE, reason });
  await broadcastsCaughtUp(session);
  expect(landed(session.serverDoc())).toBe(false);
  expect(landed(session.witness.doc)).toBe(false);
  expect(session.witness.provider.wsconnected).toBe(true);
}

describe('what a participant may not write', () => {
  const cases: {
    name: string;
    write: (doc: Y.Doc, session: Session) => void;
    reason: string;
    landed: (doc: Y.Doc, session: Session) => boolean;
  }[] = [
    {
      name: 'the session control',
      write: (doc) => setControl(doc, 'phase', 'revealed', 'local'),
      reason: WRITE_REJECTIONS.notFacilitator,
      landed: (doc) => readControl(doc).phase === 'revealed',
    },
    {
      name: "another participant's placements",
      write: (doc, s) => setPlacement(doc, s.ben.participantId, 'trust.v1', at(0.13), 'local'),
      reason: WRITE_REJECTIONS.otherCard,
      landed: (doc, s) => readPlacement(doc, s.ben.participantId, 'trust.v1') !== null,
    },
    {
      name: "a proxy's placements",
      write: (doc, s) => setPlacement(doc, s.proxyId, 'trust.v1', at(0.13), 'local'),
      reason: WRITE_REJECTIONS.otherCard,
      landed: (doc, s) => readPlacement(doc, s.proxyId, 'trust.v1') !== null,
    },
    {
      name: 'the final positions',
      write: (doc) => finalMap(doc).set('trust.v1', { x: 0.9, note: 'mine' }),
      reason: WRITE_REJECTIONS.notFacilitator,
      landed: (doc) => readFinal(doc).has('trust.v1'),
    },
    {
      name: 'the closed rounds',
      write: (doc) => roundsArray(doc).push([{ round: 1, closedAt: 1 }]),
      reason: WRITE_REJECTIONS.notFacilitator,
      landed: (doc) => roundsArray(doc).length > 0,
    },
  ];

  it.each(cases)('refuses $name: 4403, not applied, not broadcast', async (c) => {
    const session = await startSession();
    const offender = await session.connect(session.ana.token);
    await expectRefused(
      session,
      offender,
      (doc) => c.write(doc, session),
      c.reason,
      (doc) => c.landed(doc, session),
    );
  });

  it('lets an offender continue from a fresh client, with its own placements', async () => {
    const session = await startSession();
    const offender = await session.connect(session.ana.token);
    await expectRefused(
      session,
      offender,
      (doc) => setControl(doc, 'showNames', true, 'local'),
      WRITE_REJECTIONS.notFacilitator,
      (doc) => readControl(doc).showNames,
    );
    const again = await session.connect(session.ana.token);
    setPlacement(again.doc, session.ana.participantId, 'trust.v1', at(0.4), 'local');
    await waitFor(
      () => readPlacement(session.witness.doc, session.ana.participantId, 'trust.v1')?.x === 0.4,
      "Ana's placement to reach the witness",
    );
    expect(again.provider.wsconnected).toBe(true);
  });
});

describe('placing is only open in the placing phase', () => {
  it('refuses a participant and a facilitator placing after the reveal, and accepts both once reopened', async () => {
    const session = await startSession();
    const ana = await session.connect(session.ana.token);
    const facilitator = await session.connect(session.board.facilitatorToken);
    await setPhase(session, 'revealed');
    await waitFor(() => readControl(ana.doc).phase === 'revealed', 'Ana to see the reveal');

    const { participantId: anaId } = session.ana;
    await expectRefused(
      session,
      ana,
      (doc) => setPlacement(doc, anaId, 'trust.v1', at(0.7), 'local'),
      WRITE_REJECTIONS.placingClosed,
      (doc) => readPlacement(doc, anaId, 'trust.v1') !== null,
    );
    await expectRefused(
      session,
      facilitator,
      (doc) => setPlacement(doc, session.proxyId, 'trust.v1', at(0.7), 'local'),
      WRITE_REJECTIONS.placingClosed,
      (doc) => readPlacement(doc, session.proxyId, 'trust.v1') !== null,
    );

    await setPhase(session, 'placing');
    const anaAgain = await session.connect(session.ana.token);
    setPlacement(anaAgain.doc, anaId, 'trust.v1', at(0.3), 'local');
    setPlacement(session.desk.doc, session.proxyId, 'trust.v1', at(0.6), 'local');
    await waitFor(
      () =>
        readPlacement(session.witness.doc, anaId, 'trust.v1')?.x === 0.3 &&
        readPlacement(session.witness.doc, session.proxyId, 'trust.v1')?.x === 0.6,
      'both placements to reach the witness',
    );
  });
});

describe('observers', () => {
  it.each([
    {
      name: 'a placement of its own',
      write: (doc: Y.Doc, s: Session) =>
        setPlacement(doc, s.observer.participantId, 'trust.v1', at(0.5), 'local'),
      landed: (doc: Y.Doc, s: Session) =>
        readPlacement(doc, s.observer.participantId, 'trust.v1') !== null,
    },
    {
      name: 'the session control',
      write: (doc: Y.Doc) => setControl(doc, 'showNames', true, 'local'),
      landed: (doc: Y.Doc) => readControl(doc).showNames,
    },
  ])('write nothing, not even $name', async (c) => {
    const session = await startSession();
    const wall = await session.connect(session.observer.token);
    await expectRefused(
      session,
      wall,
      (doc) => c.write(doc, session),
      WRITE_REJECTIONS.observer,
      (doc) => c.landed(doc, session),
    );
  });
});

describe('what a facilitator may write', () => {
  it("writes control, final positions, rounds and a proxy's placements, which everyone sees", async () => {
    const session = await startSession();
    const facilitator = await session.connect(session.board.facilitatorToken);
    const { doc } = facilitator;
    setControl(doc, 'showNames', true, 'local');
    setPlacement(doc, session.proxyId, 'trust.v1', at(0.25), 'local');
    finalMap(doc).set('trust.v1', { x: 0.8, note: 'agreed' });
    roundsArray(doc).push([{ round: 1, closedAt: 1 }]);
    for (const seen of [() => session.witness.doc, () => session.serverDoc()]) {
      await waitFor(
        () =>
          readControl(seen()).showNames &&
          readPlacement(seen(), session.proxyId, 'trust.v1')?.x === 0.25 &&
          readFinal(seen()).get('trust.v1')?.note === 'agreed' &&
          roundsArray(seen()).length === 1,
        "the facilitator's writes to arrive",
      );
    }
    expect(facilitator.provider.wsconnected).toBe(true);
  });
});

describe('silent placing', () => {
  it('strips the position from drags while placing, and passes it on once revealed', async () => {
    const session = await startSession();
    const ana = await session.connect(session.ana.token);
    const anaState = () => session.witness.provider.awareness.getStates().get(ana.doc.clientID);
    const drag = (x: number) =>
      ana.provider.awareness.setLocalState({
        user: { participantId: session.ana.participantId },
        drag: { cardId: 'trust.v1', x },
      });

    drag(0.3);
    await waitFor(() => anaState() !== undefined, "Ana's drag to reach the witness");
    expect(anaState()).toEqual({
      user: { participantId: session.ana.participantId },
      drag: { cardId: 'trust.v1' },
    });

    await setPhase(session, 'revealed');
    drag(0.4);
    await waitFor(() => anaState()?.drag?.x !== undefined, 'the revealed drag');
    expect(anaState()?.drag).toEqual({ cardId: 'trust.v1', x: 0.4 });
  });
});

function at(x: number) {
  return { x, round: 1, at: 1 };
}
