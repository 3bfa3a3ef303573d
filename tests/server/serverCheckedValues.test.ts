/**
 * Values the server checks, through the real server with stock y-websocket clients: a
 * placement's round is its card's current round, control values are valid for facilitators
 * too, a placement's claimed time is clamped into its round's window on export, and nobody
 * joins under a role word.
 */
import { describe, expect, it } from 'vitest';
import type { CreateBoardResponse, ErrorResponse, JoinResponse } from '../../shared/api.ts';
import { controlMap, placeMap } from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE } from '../../shared/closeCodes.ts';
import { PLACED_AHEAD_OF_NOW_MS, PLACED_BEFORE_ROUND_MS } from '../../shared/rounds.ts';
import { rubricCards } from '../../shared/rubric.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import { PLACEMENTS_CSV_HEADER } from '../../shared/snapshotCsv.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  nextClose,
  type RunningServer,
  serverHarness,
} from '../support/testServer.ts';

const harness = serverHarness();

interface Session {
  server: RunningServer;
  board: CreateBoardResponse;
  ana: JoinResponse;
}

async function startSession(): Promise<Session> {
  const server = await harness.start();
  const board = await createBoard(server, { title: 'Checked values' });
  const ana = await joinBoard(server, board, 'Ana');
  return { server, board, ana };
}

async function snapshotOf({ server, board }: Session): Promise<Snapshot> {
  const got = await callApi<Snapshot>(server, 'GET', `/api/boards/${board.boardId}/snapshot.json`, {
    token: board.facilitatorToken,
  });
  expect(got.status).toBe(200);
  return got.body;
}

async function firstCardId(session: Session): Promise<string> {
  const card = rubricCards((await snapshotOf(session)).rubric)[0];
  if (!card) throw new Error('the board has no cards');
  return card.id;
}

describe('server-checked values', () => {
  it('closes a placement in round 999 with 4403 and stores nothing of it', async () => {
    const session = await startSession();
    const cardId = await firstCardId(session);
    const ana = await harness.connect(session.server, session.board.boardId, session.ana.token);
    const closed = nextClose(ana);
    placeMap(ana.doc, session.ana.participantId).set(cardId, {
      x: 0.5,
      round: 999,
      at: Date.now(),
    });
    expect(await closed).toEqual({
      code: CLOSE_FORBIDDEN_WRITE,
      reason: 'That card is in another round now',
    });
    expect((await snapshotOf(session)).placements).toEqual([]);
  });

  it("closes a facilitator's phase 'bogus' (and round -5) with 4403", async () => {
    const session = await startSession();
    const { server, board } = session;
    for (const [key, value] of [
      ['phase', 'bogus'],
      ['round', -5],
    ] as const) {
      const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
      const closed = nextClose(facilitator);
      controlMap(facilitator.doc).set(key, value);
      expect(await closed).toEqual({
        code: CLOSE_FORBIDDEN_WRITE,
        reason: 'That is not a valid session setting',
      });
      facilitator.destroy();
    }
    expect((await snapshotOf(session)).session).toMatchObject({ phase: 'placing', round: 1 });
  });

  it('exports a claimed time of -5 as a placed_at inside its round window', async () => {
    const session = await startSession();
    const cardId = await firstCardId(session);
    const ana = await harness.connect(session.server, session.board.boardId, session.ana.token);
    placeMap(ana.doc, session.ana.participantId).set(cardId, { x: 0.25, round: 1, at: -5 });
    let snapshot = await snapshotOf(session);
    for (let tries = 0; snapshot.placements.length === 0 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      snapshot = await snapshotOf(session);
    }
    const csv = await fetch(
      `${session.server.baseUrl}/api/boards/${session.board.boardId}/placements.csv`,
      { headers: { Authorization: `Bearer ${session.board.facilitatorToken}` } },
    );
    const row = (await csv.text()).split('\r\n')[1] ?? '';
    const placedAtText = row.split(',')[PLACEMENTS_CSV_HEADER.indexOf('placed_at')] ?? '';
    const placedAt = Date.parse(placedAtText.replaceAll('"', ''));
    const createdAt = Date.parse(snapshot.board.createdAt);
    expect(placedAt).toBeGreaterThanOrEqual(createdAt - PLACED_BEFORE_ROUND_MS);
    expect(placedAt).toBeLessThanOrEqual(Date.now() + PLACED_AHEAD_OF_NOW_MS);
    expect(snapshot.placements[0]?.placedAt).toBe(new Date(placedAt).toISOString());
  });

  it.each([
    ['Facilitator', 'participant'],
    ['  facilitator ', 'participant'],
    ['Co-Facilitator', 'participant'],
    ['Observer', 'participant'],
    ['Facilitadora', 'participant'],
    ['OBSERVADOR', 'participant'],
    ['Participante', 'participant'],
    ['Projector', 'participant'],
    ['Facilitador/a', 'participant'],
    ['Cofacilitador/a', 'participant'],
    ['Participant 3', 'participant'],
    ['Co-facilitator', 'observer'],
    ['Facilitator', 'observer'],
  ])('refuses joining as %j (%s) with 400 naming the field', async (name, role) => {
    const { server, board } = await startSession();
    const joined = await callApi<ErrorResponse>(
      server,
      'POST',
      `/api/boards/${board.boardId}/participants`,
      { body: { joinCode: board.joinCode, name, role } },
    );
    expect(joined.status).toBe(400);
    expect(joined.body.error).toMatch(/^name: /);
  });

  it('refuses a proxy or co-facilitator under a role word, but not the names it gives itself', async () => {
    const { server, board } = await startSession();
    const api = (rest: string, body: unknown) =>
      callApi<ErrorResponse>(server, 'POST', `/api/boards/${board.boardId}/${rest}`, {
        token: board.facilitatorToken,
        body,
      });
    expect((await api('proxies', { name: 'Proyector' })).status).toBe(400);
    expect((await api('cofacilitators', { name: 'Projector' })).status).toBe(400);
    expect((await api('cofacilitators', {})).status).toBe(201);
    expect((await api('observer-links', {})).status).toBe(201);
    const observer = await callApi(server, 'POST', `/api/boards/${board.boardId}/participants`, {
      body: { joinCode: board.joinCode, role: 'observer' },
    });
    expect(observer.status).toBe(201);
    expect((await joinBoard(server, board, 'Facilitator Fan')).participantId).toBeTruthy();
  });
});
