/**
 * Awareness through the real server: positions held in drags are dropped when placing opens,
 * so a newcomer never learns them; a presence cannot be taken over by another participant; and a
 * reconnect that overtakes its own old socket keeps its presence when the old one closes.
 */
import { describe, expect, it } from 'vitest';
import { encodeAwareness } from '../../server/rooms/protocol.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { type Phase, readControl, setControl } from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_REASONS } from '../../shared/closeCodes.ts';
import { awarenessPayload, boardSocketUrl, type RawSocket } from '../support/rawSocket.ts';
import {
  createBoard,
  joinBoard,
  type RunningServer,
  serverHarness,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const { connect } = harness;

interface Session {
  server: RunningServer;
  board: CreateBoardResponse;
  ana: JoinResponse;
  mallory: JoinResponse;
  facilitator: TestClient;
  witness: TestClient;
}

async function startSession(): Promise<Session> {
  const server = await harness.start();
  const board = await createBoard(server);
  const ana = await joinBoard(server, board, 'Ana');
  const mallory = await joinBoard(server, board, 'Mallory');
  const ben = await joinBoard(server, board, 'Ben');
  return {
    server,
    board,
    ana,
    mallory,
    facilitator: await connect(server, board.boardId, board.facilitatorToken),
    witness: await connect(server, board.boardId, ben.token),
  };
}

async function setPhase(session: Session, phase: Phase): Promise<void> {
  setControl(session.facilitator.doc, 'phase', phase, 'local');
  await waitFor(() => readControl(session.witness.doc).phase === phase, `phase ${phase}`);
}

async function rawSocket(session: Session, token: string): Promise<RawSocket> {
  return harness.socket(boardSocketUrl(session.server.wsUrl, session.board.boardId, token));
}

describe('drags when placing opens', () => {
  it('drops the position a drag held while revealed, so a newcomer is not sent it', async () => {
    const session = await startSession();
    const ana = await connect(session.server, session.board.boardId, session.ana.token);
    const anaId = ana.doc.clientID;
    const user = { participantId: session.ana.participantId };
    await setPhase(session, 'revealed');
    ana.provider.awareness.setLocalState({ user, drag: { cardId: 'trust.v1', x: 0.7 } });
    await waitFor(
      () => session.witness.provider.awareness.getStates().get(anaId)?.drag?.x === 0.7,
      'the revealed drag',
    );

    await setPhase(session, 'placing');
    const newcomer = await connect(
      session.server,
      session.board.boardId,
      session.board.facilitatorToken,
    );
    await waitFor(
      () => newcomer.provider.awareness.getStates().has(anaId),
      "Ana's presence to reach the newcomer",
    );
    expect(newcomer.provider.awareness.getStates().get(anaId)).toEqual({
      user,
      drag: { cardId: 'trust.v1' },
    });

    // Ana's own next update (clock + 1) is still taken: her presence was not broken.
    ana.provider.awareness.setLocalState({ user, drag: { cardId: 'trust.v2' } });
    await waitFor(
      () => newcomer.provider.awareness.getStates().get(anaId)?.drag?.cardId === 'trust.v2',
      "Ana's next drag",
    );
  });
});

describe('whose presence a socket may set', () => {
  it("closes a socket that sets another participant's presence (4403) and keeps theirs", async () => {
    const session = await startSession();
    const ana = await connect(session.server, session.board.boardId, session.ana.token);
    const anaId = ana.doc.clientID;
    const anaState = { user: { participantId: session.ana.participantId }, drag: null };
    ana.provider.awareness.setLocalState(anaState);
    await waitFor(() => session.witness.provider.awareness.getStates().has(anaId), 'Ana');

    const mallory = await rawSocket(session, session.mallory.token);
    const clock = (ana.provider.awareness.meta.get(anaId)?.clock ?? 0) + 5;
    const takeover = { user: { participantId: session.mallory.participantId }, drag: null };
    mallory.send(encodeAwareness(awarenessPayload([{ clientId: anaId, clock, state: takeover }])));
    expect(await mallory.closed).toEqual({
      code: CLOSE_FORBIDDEN_WRITE,
      reason: CLOSE_REASONS.foreignPresence,
    });
    const removal = await rawSocket(session, session.mallory.token);
    removal.send(encodeAwareness(awarenessPayload([{ clientId: anaId, clock, state: null }])));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(session.witness.provider.awareness.getStates().get(anaId)).toEqual(anaState);
  });

  it('hands a presence to the same participant’s new socket, whose old socket then closes', async () => {
    const session = await startSession();
    const clientId = 123_456;
    const state = { user: { participantId: session.ana.participantId }, drag: null };
    const old = await rawSocket(session, session.ana.token);
    old.send(encodeAwareness(awarenessPayload([{ clientId, clock: 1, state }])));
    await waitFor(() => session.witness.provider.awareness.getStates().has(clientId), 'Ana');
    const fresh = await rawSocket(session, session.ana.token);
    fresh.send(encodeAwareness(awarenessPayload([{ clientId, clock: 2, state }])));
    await waitFor(
      () => session.witness.provider.awareness.meta.get(clientId)?.clock === 2,
      'the new socket’s presence',
    );
    old.ws.close();
    await old.closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(session.witness.provider.awareness.getStates().get(clientId)).toEqual(state);
    expect(fresh.isClosed()).toBe(false);
  });
});
