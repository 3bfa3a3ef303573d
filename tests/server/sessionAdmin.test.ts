/**
 * The facilitator's routes (co-facilitators, proxies, removing people, projector links) against
 * the real server, with stock y-websocket clients to see what the rest of the room sees.
 */
import { describe, expect, it } from 'vitest';
import type {
  AccessLinkResponse,
  AddProxyResponse,
  CreateBoardResponse,
  ErrorResponse,
  MeResponse,
} from '../../shared/api.ts';
import { readControl, readParticipant, setControl } from '../../shared/boardDoc.ts';
import { CLOSE_UNAUTHORIZED } from '../../shared/closeCodes.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  nextClose,
  postJson,
  type RunningServer,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const { connect } = harness;

async function start(
  body?: unknown,
): Promise<{ server: RunningServer; board: CreateBoardResponse }> {
  const server = await harness.start();
  return { server, board: await createBoard(server, body) };
}

function me(server: RunningServer, boardId: string, token: string) {
  return callApi<MeResponse | ErrorResponse>(server, 'GET', `/api/boards/${boardId}/me`, { token });
}

const path = (board: CreateBoardResponse, rest: string) => `/api/boards/${board.boardId}/${rest}`;

describe('who may administer a session', () => {
  const routes: { method: 'POST' | 'DELETE'; rest: string; body?: unknown }[] = [
    { method: 'POST', rest: 'cofacilitators', body: {} },
    { method: 'DELETE', rest: 'cofacilitators/abcdefgh' },
    { method: 'POST', rest: 'proxies', body: { name: 'Pat' } },
    { method: 'DELETE', rest: 'participants/abcdefgh' },
    { method: 'POST', rest: 'observer-links', body: {} },
  ];

  it.each(routes)(
    '$method …/$rest: 403 for participants and observers, 401 without a valid token',
    async (route) => {
      const { server, board } = await start();
      const participant = await joinBoard(server, board, 'Ana');
      const observer = await joinBoard(server, board, 'Wall', { role: 'observer' });
      const call = (token?: string) =>
        callApi<ErrorResponse>(server, route.method, path(board, route.rest), {
          ...(token === undefined ? {} : { token }),
          body: route.body,
        });
      for (const token of [participant.token, observer.token]) {
        const refused = await call(token);
        expect(refused.status).toBe(403);
        expect(refused.body.error).toMatch(/facilitator/);
      }
      expect((await call()).status).toBe(401);
      expect((await call('not-a-token')).status).toBe(401);
      // A facilitator token of another board is no facilitator here.
      const other = await createBoard(server);
      expect((await call(other.facilitatorToken)).status).toBe(401);
    },
  );

  it.each([
    ['cofacilitators', { name: '' }, 'name'],
    ['cofacilitators', { name: 'Kim', role: 'observer' }, 'role'],
    ['proxies', {}, 'name'],
    ['proxies', { name: 'Pat', organisation: 7 }, 'organisation'],
    ['observer-links', { name: 'Wall' }, 'name'],
  ])('POST …/%s answers 400 naming the field for %j', async (rest, body, field) => {
    const { server, board } = await start();
    const { status, body: error } = await callApi<ErrorResponse>(
      server,
      'POST',
      path(board, rest),
      {
        token: board.facilitatorToken,
        body,
      },
    );
    expect(status).toBe(400);
    expect(error.error).toContain(field);
  });
});

describe('co-facilitators', () => {
  it('get their own facilitator link, with which they run the session too', async () => {
    const { server, board } = await start();
    const created = await callApi<AccessLinkResponse>(
      server,
      'POST',
      path(board, 'cofacilitators'),
      {
        token: board.facilitatorToken,
        body: { name: 'Kim' },
      },
    );
    expect(created.status).toBe(201);
    const { participantId, token, url } = created.body;
    expect(url).toBe(`${server.baseUrl}/b/${board.boardId}#token=${token}`);
    expect(token).not.toBe(board.facilitatorToken);
    expect((await me(server, board.boardId, token)).body).toEqual({
      boardId: board.boardId,
      participantId,
      role: 'facilitator',
      name: 'Kim',
      joinCode: board.joinCode,
    });
    // A co-facilitator may use the facilitator's routes and write the session control.
    const unnamed = await callApi<AccessLinkResponse>(
      server,
      'POST',
      path(board, 'cofacilitators'),
      {
        token,
        body: {},
      },
    );
    expect(unnamed.status).toBe(201);
    expect((await me(server, board.boardId, unnamed.body.token)).body).toMatchObject({
      name: 'Co-facilitator',
    });
    const kim = await connect(server, board.boardId, token);
    const watcher = await connect(server, board.boardId, board.facilitatorToken);
    setControl(kim.doc, 'showNames', true, 'local');
    await waitFor(() => readControl(watcher.doc).showNames, "Kim's change to arrive");
  });

  it('lose access when revoked: their socket closes with 4401 and their token stops working', async () => {
    const { server, board } = await start();
    const { body: kim } = await callApi<AccessLinkResponse>(
      server,
      'POST',
      path(board, 'cofacilitators'),
      { token: board.facilitatorToken, body: {} },
    );
    const kimClient = await connect(server, board.boardId, kim.token);
    const watcher = await connect(server, board.boardId, board.facilitatorToken);
    const closed = nextClose(kimClient);
    const revoked = await callApi(
      server,
      'DELETE',
      path(board, `cofacilitators/${kim.participantId}`),
      {
        token: board.facilitatorToken,
      },
    );
    expect(revoked.status).toBe(204);
    expect(await closed).toEqual({
      code: CLOSE_UNAUTHORIZED,
      reason: 'Your co-facilitator link was revoked',
    });
    expect((await me(server, board.boardId, kim.token)).status).toBe(401);
    await waitFor(
      () => readParticipant(watcher.doc, kim.participantId)?.removed === true,
      'the room to see Kim removed',
    );
    const again = harness.client(server, board.boardId, kim.token);
    expect((await nextClose(again)).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it("cannot revoke the board's creator, nor someone who is no co-facilitator", async () => {
    const { server, board } = await start();
    const { body: kim } = await callApi<AccessLinkResponse>(
      server,
      'POST',
      path(board, 'cofacilitators'),
      { token: board.facilitatorToken, body: {} },
    );
    const creatorId = ((await me(server, board.boardId, board.facilitatorToken)).body as MeResponse)
      .participantId;
    const creator = await callApi<ErrorResponse>(
      server,
      'DELETE',
      path(board, `cofacilitators/${creatorId}`),
      { token: kim.token },
    );
    expect(creator.status).toBe(409);
    expect(creator.body.error).toMatch(/creator/);
    expect((await me(server, board.boardId, board.facilitatorToken)).status).toBe(200);

    const ana = await joinBoard(server, board, 'Ana');
    for (const id of [ana.participantId, 'nosuchid']) {
      const missing = await callApi<ErrorResponse>(
        server,
        'DELETE',
        path(board, `cofacilitators/${id}`),
        {
          token: board.facilitatorToken,
        },
      );
      expect(missing.status).toBe(404);
    }
    expect((await me(server, board.boardId, ana.token)).status).toBe(200);
  });
});

describe('proxy participants', () => {
  it('are participants without a token, in one of the board organisations', async () => {
    const { server, board } = await start({ title: 'Retreat', organisations: ['County'] });
    const created = await callApi<AddProxyResponse>(server, 'POST', path(board, 'proxies'), {
      token: board.facilitatorToken,
      body: { name: 'Pat', organisation: 'County' },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['participantId']);
    const watcher = await connect(server, board.boardId, board.facilitatorToken);
    expect(readParticipant(watcher.doc, created.body.participantId)).toMatchObject({
      name: 'Pat',
      role: 'participant',
      organisation: 'County',
      proxy: true,
    });

    const elsewhere = await callApi<ErrorResponse>(server, 'POST', path(board, 'proxies'), {
      token: board.facilitatorToken,
      body: { name: 'Pat', organisation: 'Elsewhere' },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error).toContain('Elsewhere');
  });
});

describe('removing a participant', () => {
  it('closes their sockets with 4401, refuses their token and shows them removed to the room', async () => {
    const { server, board } = await start();
    const ana = await joinBoard(server, board, 'Ana');
    const anaTabs = [
      await connect(server, board.boardId, ana.token),
      await connect(server, board.boardId, ana.token),
    ];
    const ben = await joinBoard(server, board, 'Ben');
    const benClient = await connect(server, board.boardId, ben.token);
    const closes = anaTabs.map(nextClose);

    const removed = await callApi(
      server,
      'DELETE',
      path(board, `participants/${ana.participantId}`),
      {
        token: board.facilitatorToken,
      },
    );
    expect(removed.status).toBe(204);
    expect(removed.body).toBeNull();
    for (const close of await Promise.all(closes)) {
      expect(close).toEqual({
        code: CLOSE_UNAUTHORIZED,
        reason: 'You were removed from this board',
      });
    }
    await waitFor(
      () => readParticipant(benClient.doc, ana.participantId)?.removed === true,
      'Ben to see Ana removed',
    );
    expect(readParticipant(benClient.doc, ana.participantId)?.name).toBe('Ana');
    expect(benClient.provider.wsconnected).toBe(true);
    expect((await me(server, board.boardId, ana.token)).status).toBe(401);
    const again = harness.client(server, board.boardId, ana.token);
    expect((await nextClose(again)).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('is stored: the removal survives a restart on the same data folder', async () => {
    const { server, board } = await start();
    const ana = await joinBoard(server, board, 'Ana');
    await callApi(server, 'DELETE', path(board, `participants/${ana.participantId}`), {
      token: board.facilitatorToken,
    });
    await server.close();
    const running = await harness.start(server.dataDir);
    const watcher = await connect(running, board.boardId, board.facilitatorToken);
    expect(readParticipant(watcher.doc, ana.participantId)?.removed).toBe(true);
    expect((await me(running, board.boardId, ana.token)).status).toBe(401);
  });

  it("answers 404 for someone not on the board and refuses to remove the board's creator", async () => {
    const { server, board } = await start();
    const unknown = await callApi<ErrorResponse>(
      server,
      'DELETE',
      path(board, 'participants/nosuchid'),
      {
        token: board.facilitatorToken,
      },
    );
    expect(unknown.status).toBe(404);
    const creatorId = ((await me(server, board.boardId, board.facilitatorToken)).body as MeResponse)
      .participantId;
    const creator = await callApi<ErrorResponse>(
      server,
      'DELETE',
      path(board, `participants/${creatorId}`),
      { token: board.facilitatorToken },
    );
    expect(creator.status).toBe(409);
    expect(creator.body.error).toMatch(/creator/);
    expect((await me(server, board.boardId, board.facilitatorToken)).status).toBe(200);
  });
});

describe('observer links and closed joining', () => {
  it('refuses joins once the facilitator closes joining, yet still hands out a projector link', async () => {
    const { server, board } = await start();
    const facilitator = await connect(server, board.boardId, board.facilitatorToken);
    setControl(facilitator.doc, 'joinOpen', false, 'local');
    await waitFor(() => {
      const room = server.server.rooms.peek(board.boardId);
      return room !== null && !readControl(room.doc).joinOpen;
    }, 'the server to close joining');

    const join = await postJson<ErrorResponse>(`${server.baseUrl}${path(board, 'participants')}`, {
      joinCode: board.joinCode,
      name: 'Late',
    });
    expect(join.status).toBe(403);
    expect(join.body.error).toMatch(/closed joining/);

    const link = await callApi<AccessLinkResponse>(server, 'POST', path(board, 'observer-links'), {
      token: board.facilitatorToken,
      body: {},
    });
    expect(link.status).toBe(201);
    expect(link.body.url).toBe(`${server.baseUrl}/b/${board.boardId}#token=${link.body.token}`);
    expect((await me(server, board.boardId, link.body.token)).body).toEqual({
      boardId: board.boardId,
      participantId: link.body.participantId,
      role: 'observer',
      name: 'Projector',
      joinCode: board.joinCode, // the projector shows it on the wall
    });
    const wall = await connect(server, board.boardId, link.body.token);
    expect(readParticipant(wall.doc, link.body.participantId)?.role).toBe('observer');
  });
});
