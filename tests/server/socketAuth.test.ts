/**
 * Who may open a board's websocket, checked before the socket is used: a missing, forged,
 * revoked or removed token and a foreign Origin are accepted and closed with 4401 (which the
 * stock provider never retries); tokens never reach the log.
 */
import { describe, expect, it } from 'vitest';
import type { AccessLinkResponse, CreateBoardResponse } from '../../shared/api.ts';
import { CLOSE_UNAUTHORIZED } from '../../shared/closeCodes.ts';
import { boardSocketUrl, type RawSocket } from '../support/rawSocket.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  newDataDir,
  nextClose,
  type RunningServer,
  serverHarness,
  type TestServerOptions,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

async function start(options: TestServerOptions = {}): Promise<{
  server: RunningServer;
  board: CreateBoardResponse;
}> {
  const server = await harness.start(newDataDir(), options);
  return { server, board: await createBoard(server) };
}

function open(url: string, origin?: string): Promise<RawSocket> {
  return harness.socket(url, origin === undefined ? {} : { origin });
}

/** An open socket that the server talks to: its first frame (sync step 1) arrives. */
async function expectServed(socket: RawSocket): Promise<void> {
  await waitFor(() => socket.received.length > 0 || socket.isClosed(), 'the first frame');
  expect(socket.isClosed()).toBe(false);
}

describe('tokens on the websocket', () => {
  it('closes a missing, forged or foreign-board token with 4401 before anything is sent', async () => {
    const { server, board } = await start();
    const other = await createBoard(server, { title: 'Another board' });
    const ana = await joinBoard(server, board, 'Ana');
    const refusals = [
      boardSocketUrl(server.wsUrl, board.boardId, null),
      boardSocketUrl(server.wsUrl, board.boardId, ''),
      boardSocketUrl(server.wsUrl, board.boardId, `${ana.token.slice(0, -2)}xx`),
      boardSocketUrl(server.wsUrl, board.boardId, 'A'.repeat(43)),
      boardSocketUrl(server.wsUrl, other.boardId, ana.token),
      boardSocketUrl(server.wsUrl, 'no-such-board', ana.token),
    ];
    for (const url of refusals) {
      const socket = await open(url);
      expect(await socket.closed).toEqual({
        code: CLOSE_UNAUTHORIZED,
        reason: 'Unknown board or invalid token',
      });
      expect(socket.received).toEqual([]);
    }
    await expectServed(await open(boardSocketUrl(server.wsUrl, board.boardId, ana.token)));
  });

  it('refuses a revoked co-facilitator link and a removed participant, and the provider stops', async () => {
    const { server, board } = await start();
    const ana = await joinBoard(server, board, 'Ana');
    const { body: kim } = await callApi<AccessLinkResponse>(
      server,
      'POST',
      `/api/boards/${board.boardId}/cofacilitators`,
      { token: board.facilitatorToken, body: {} },
    );
    const path = (what: string) => `/api/boards/${board.boardId}/${what}`;
    const auth = { token: board.facilitatorToken };
    expect(
      (await callApi(server, 'DELETE', path(`participants/${ana.participantId}`), auth)).status,
    ).toBe(204);
    expect(
      (await callApi(server, 'DELETE', path(`cofacilitators/${kim.participantId}`), auth)).status,
    ).toBe(204);

    for (const token of [ana.token, kim.token]) {
      const client = harness.client(server, board.boardId, token);
      expect((await nextClose(client)).code).toBe(CLOSE_UNAUTHORIZED);
      // 4401 is final for the stock provider: it does not come back.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(client.provider.shouldConnect).toBe(false);
      expect(client.provider.wsconnected).toBe(false);
    }
  });

  it('never writes a token to the log', async () => {
    const lines: string[] = [];
    const logger = {
      info: (line: string) => lines.push(line),
      error: (line: string) => lines.push(line),
    };
    const { server, board } = await start({ logger });
    const ana = await joinBoard(server, board, 'Ana');
    const forged = 'forged-token-that-must-not-be-logged';
    await (await open(boardSocketUrl(server.wsUrl, board.boardId, forged))).closed;
    const anaSocket = await open(boardSocketUrl(server.wsUrl, board.boardId, ana.token));
    anaSocket.send(new Uint8Array([0xff, 0xff, 0xff])); // logged as malformed
    await anaSocket.closed;
    await callApi(
      server,
      'DELETE',
      `/api/boards/${board.boardId}/participants/${ana.participantId}`,
      {
        token: board.facilitatorToken,
      },
    );
    await (await open(boardSocketUrl(server.wsUrl, board.boardId, ana.token))).closed;
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [forged, ana.token, board.facilitatorToken]) {
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});

describe('the Origin of a websocket', () => {
  it('admits the same origin and requests without Origin (judged by their token)', async () => {
    const { server, board } = await start();
    const url = boardSocketUrl(server.wsUrl, board.boardId, board.facilitatorToken);
    await expectServed(await open(url, server.baseUrl));
    await expectServed(await open(url));
  });

  it('closes a foreign origin with 4401 "Origin not allowed", even with a valid token', async () => {
    const { server, board } = await start();
    const url = boardSocketUrl(server.wsUrl, board.boardId, board.facilitatorToken);
    const port = new URL(server.baseUrl).port;
    for (const origin of [
      'https://evil.example',
      `http://localhost.evil.example:${port}`,
      `http://127.0.0.1:${Number(port) + 1}`,
      'null',
    ]) {
      const socket = await open(url, origin);
      expect(await socket.closed).toEqual({
        code: CLOSE_UNAUTHORIZED,
        reason: 'Origin not allowed',
      });
      expect(socket.received).toEqual([]);
    }
  });

  it('admits the origins of ALLOWED_ORIGINS and of PUBLIC_URL', async () => {
    const { server, board } = await start({
      allowedOrigins: ['https://retreat.example'],
      publicUrl: 'https://board.example/',
    });
    const url = boardSocketUrl(server.wsUrl, board.boardId, board.facilitatorToken);
    await expectServed(await open(url, 'https://retreat.example'));
    await expectServed(await open(url, 'https://board.example'));
    const other = await open(url, 'https://other.example');
    expect((await other.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });
});
