/**
 * The write rules and silent placing, enforced by the real server against stock y-websocket
 * clients: a refused write closes only the offender's socket (4403, with a readable reason), and
 * is neither applied on the server nor broadcast to anyone else: the facilitators' board does
 * not get it, and the view the participants sync does not change.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncUpdate } from '../../server/rooms/protocol.ts';
import type { AddProxyResponse, CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import {
  finalMap,
  type Phase,
  readControl,
  readFinal,
  readPlacement,
  readRounds,
  roundsArray,
  setControl,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE } from '../../shared/closeCodes.ts';
import { readFigures, readProgress } from '../../shared/publicView.ts';
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
  /** A facilitator's second device: an honest witness of everything the board receives. */
  witness: TestClient;
  /** Ben's client: what the server sends participants, the board's view. */
  viewer: TestClient;
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
    witness: await connect(board.facilitatorToken),
    viewer: await connect(ben.token),
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

/**
 * A facilitator write that round-trips: once the witness and the view have it, earlier
 * broadcasts and view refreshes arrived.
 */
async function broadcastsCaughtUp(session: Session): Promise<void> {
  markers += 1;
  const marker = MARKER_CARDS[markers % MARKER_CARDS.length] ?? null;
  setControl(session.desk.doc, 'focusCardId', marker, 'local');
  await waitFor(
    () =>
      readControl(session.witness.doc).focusCardId === marker &&
      readControl(session.viewer.doc).focusCardId === marker,
    'the marker to reach the witness and the view',
  );
}

async function setPhase(session: Session, phase: Phase): Promise<void> {
  setControl(session.desk.doc, 'phase', phase, 'local');
  await waitFor(
    () =>
      readControl(session.witness.doc).phase === phase &&
      readControl(session.viewer.doc).phase === phase,
    `phase ${phase}`,
  );
}

/** What the view says of the placements: per card how many, per person how far. */
function viewCounts(doc: Y.Doc): string {
  return JSON.stringify([[...readFigures(doc)], readProgress(doc)]);
}

/**
 * Where the offender writes. 'its document': on what its stock client synced (the board for a
 * facilitator, the view for a participant or observer). 'nothing': on a blank document under
 * its client id, so the write depends on no struct at all; the view holds no struct of the
 * board, so this is how a participant's write can name a key the board has (a control setting)
 * without depending on the view, and the rule itself must refuse it.
 */
type WrittenOn = 'its document' | 'nothing';

/**
 * Has `offender` make `write`, expects its socket closed with 4403 and `reason`, and checks that
 * the write reached neither the server's document nor the witness, and changed nothing in the
 * view that participants receive.
 */
async function expectRefused(
  session: Session,
  offender: TestClient,
  write: (doc: Y.Doc) => void,
  reason: string,
  landed: (doc: Y.Doc) => boolean,
  on: WrittenOn = 'its document',
): Promise<void> {
  const viewBefore = viewCounts(session.viewer.doc);
  const closed = nextClose(offender);
  if (on === 'its document') {
    write(offender.doc);
    expect(landed(offender.doc)).toBe(true); // the check below can see the write
  } else {
    const blank = new Y.Doc();
    blank.clientID = offender.doc.clientID;
    write(blank);
    expect(landed(blank)).toBe(true); // the check below can see the write
    offender.provider.ws?.send(encodeSyncUpdate(Y.encodeStateAsUpdate(blank)));
  }
  expect(await closed).toEqual({ code: CLOSE_FORBIDDEN_WRITE, reason });
  await broadcastsCaughtUp(session);
  expect(landed(session.serverDoc())).toBe(false);
  expect(landed(session.witness.doc)).toBe(false);
  expect(landed(session.viewer.doc)).toBe(false);
  expect(viewCounts(session.viewer.doc)).toBe(viewBefore);
  expect(session.witness.provider.wsconnected).toBe(true);
  expect(session.viewer.provider.wsconnected).toBe(true);
}

describe('what a participant may not write', () => {
  const cases: {
    name: string;
    write: (doc: Y.Doc, session: Session) => void;
    reason: string;
    landed: (doc: Y.Doc, session: Session) => boolean;
    on?: WrittenOn;
  }[] = [
    {
      name: 'the session control',
      write: (doc) => setControl(doc, 'phase', 'revealed', 'local'),
      reason: WRITE_REJECTIONS.notFacilitator,
      landed: (doc) => readControl(doc).phase === 'revealed',
      on: 'nothing',
    },
    {
      // What a stock client sends: its setting overwrites the view's, which the board lacks.
      name: 'the session control, over the view',
      write: (doc) => setControl(doc, 'phase', 'revealed', 'local'),
      reason: WRITE_REJECTIONS.missing,
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
      c.on,
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
      'nothing',
    );
    const again = await session.connect(session.ana.token);
    setPlacement(again.doc, session.ana.participantId, 'trust.v1', at(0.4), 'local');
    await waitFor(
      () =>
        readPlacement(session.witness.doc, session.ana.participantId, 'trust.v1')?.x === 0.4 &&
        readProgress(session.viewer.doc)[session.ana.participantId] === 1,
      "Ana's placement to reach the witness, and its count the view",
    );
    expect(readFigures(session.viewer.doc).get('trust.v1')?.placed).toBe(1);
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
        readPlacement(session.witness.doc, session.proxyId, 'trust.v1')?.x === 0.6 &&
        readFigures(session.viewer.doc).get('trust.v1')?.placed === 2,
      'both placements to reach the witness, and their count the view',
    );
  });
});

describe('a locked board', () => {
  it("lets a facilitator stop or set the timer, and refuses a participant's timer", async () => {
    const session = await startSession();
    const facilitator = await session.connect(session.board.facilitatorToken);
    const running = { endsAt: Date.now() + 60_000, durationMs: 60_000, pausedRemainingMs: null };
    setControl(facilitator.doc, 'timer', running, 'local');
    await setPhase(session, 'final');

    setControl(facilitator.doc, 'timer', null, 'local');
    await waitFor(
      () =>
        readControl(session.serverDoc()).timer === null &&
        readControl(session.viewer.doc).timer === null,
      'the cleared timer to reach the server and the view',
    );
    setControl(facilitator.doc, 'timer', running, 'local');
    await waitFor(
      () => readControl(session.viewer.doc).timer?.endsAt === running.endsAt,
      'the new timer to reach the view',
    );
    expect(facilitator.provider.wsconnected).toBe(true);

    // A participant's stop is refused (the markers of expectRefused are locked here).
    const ana = await session.connect(session.ana.token);
    const closed = nextClose(ana);
    const blank = new Y.Doc();
    blank.clientID = ana.doc.clientID;
    setControl(blank, 'timer', null, 'local');
    ana.provider.ws?.send(encodeSyncUpdate(Y.encodeStateAsUpdate(blank)));
    expect(await closed).toEqual({
      code: CLOSE_FORBIDDEN_WRITE,
      reason: WRITE_REJECTIONS.notFacilitator,
    });
    expect(readControl(session.serverDoc()).timer?.endsAt).toBe(running.endsAt);
    expect(readControl(session.witness.doc).timer?.endsAt).toBe(running.endsAt);
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
      on: 'nothing' as const,
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
      c.on,
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
    // A round as the facilitator's screen closes it: the view carries only records it can read.
    roundsArray(doc).push([
      { round: 1, cardIds: ['trust.v2'], closedAt: 1, positions: {}, summaries: {} },
    ]);
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
    // Participants see them in the view: the proxy's placement as a count, not a position.
    const view = session.viewer.doc;
    await waitFor(
      () =>
        readControl(view).showNames &&
        readProgress(view)[session.proxyId] === 1 &&
        readFinal(view).get('trust.v1')?.note === 'agreed' &&
        readRounds(view)[0]?.cardIds[0] === 'trust.v2',
      "the facilitator's writes to reach the view",
    );
    expect(readFigures(view).get('trust.v1')).toEqual({ round: 1, placed: 1 });
    expect(readPlacement(view, session.proxyId, 'trust.v1')).toBe(null);
    expect(facilitator.provider.wsconnected).toBe(true);
  });
});

describe('silent placing', () => {
  it('strips the position from drags while placing, and passes it on once revealed', async () => {
    const session = await startSession();
    const ana = await session.connect(session.ana.token);
    const anaState = () => session.viewer.provider.awareness.getStates().get(ana.doc.clientID);
    const drag = (x: number) =>
      ana.provider.awareness.setLocalState({
        user: { participantId: session.ana.participantId },
        drag: { cardId: 'trust.v1', x },
      });

    drag(0.3);
    await waitFor(() => anaState() !== undefined, "Ana's drag to reach Ben");
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
