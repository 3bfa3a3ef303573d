/** The public HTTP interface against the real server on port 0. */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { BoardInfo, CreateBoardResponse, ErrorResponse } from '../../shared/api.ts';
import { API_ERROR_CODES } from '../../shared/apiErrors.ts';
import { isJoinCodeShape } from '../../shared/joinCode.ts';
import { createBoard, postJson, serverHarness } from '../support/testServer.ts';

const { start } = serverHarness();

/** An error body: its English sentence, and a code the client knows (shared/apiErrors.ts). */
function coded(body: unknown): ErrorResponse {
  const error = body as ErrorResponse;
  expect(API_ERROR_CODES).toContain(error.code);
  return error;
}

describe('POST /api/boards', () => {
  it('creates a board with unguessable ids, a short join code and links with secrets in the fragment', async () => {
    const server = await start();
    const { status, body } = await postJson<CreateBoardResponse>(`${server.baseUrl}/api/boards`, {
      title: 'Retreat',
      organisations: ['County', 'Alliance'],
    });
    expect(status).toBe(201);
    expect(body.boardId.length).toBeGreaterThanOrEqual(22); // 128 bits in base64url
    expect(body.facilitatorToken.length).toBeGreaterThanOrEqual(22);
    expect(isJoinCodeShape(body.joinCode)).toBe(true);
    expect(body.facilitatorUrl).toBe(
      `${server.baseUrl}/b/${body.boardId}#token=${body.facilitatorToken}`,
    );
    expect(body.joinUrl).toBe(`${server.baseUrl}/join/${body.boardId}#code=${body.joinCode}`);
  });

  it.each([
    [{}, 'title', 'titleRequired'],
    [{ title: '' }, 'title', 'titleRequired'],
    [{ title: 'x'.repeat(201) }, 'title', 'titleTooLong'],
    [{ title: 'ok', organisations: 'A' }, 'organisations', 'invalidBody'],
    [{ title: 'ok', organisations: ['A', 'A'] }, 'organisations', 'invalidBody'],
    [{ title: 'ok', extra: 1 }, 'extra', 'invalidBody'],
  ])('answers 400 with a message and a code naming the field for %j', async (body, field, code) => {
    const server = await start();
    const { status, body: error } = await postJson<ErrorResponse>(
      `${server.baseUrl}/api/boards`,
      body,
    );
    expect(status).toBe(400);
    expect(error.error).toContain(field);
    expect(coded(error)).toMatchObject({ code, field });
  });

  it('answers 400 for a body that is not JSON and keeps serving', async () => {
    const server = await start();
    const response = await fetch(`${server.baseUrl}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title": ',
    });
    expect(response.status).toBe(400);
    const error = coded(await response.json());
    expect(error.error).toMatch(/JSON/);
    expect(error.code).toBe('invalidJson');
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('joining', () => {
  it('finds a board by its code (any case) and tells only what is not secret', async () => {
    const server = await start();
    const board = await createBoard(server, { title: 'Retreat', organisations: ['County'] });
    const response = await fetch(`${server.baseUrl}/api/join/${board.joinCode.toLowerCase()}`);
    expect(response.status).toBe(200);
    expect((await response.json()) as BoardInfo).toEqual({
      boardId: board.boardId,
      title: 'Retreat',
      organisations: ['County'],
    });
    const byId = await fetch(`${server.baseUrl}/api/boards/${board.boardId}`);
    expect(await byId.json()).toEqual({
      boardId: board.boardId,
      title: 'Retreat',
      organisations: ['County'],
    });
  });

  it('gives a participant an id and a token, and says who the token is', async () => {
    const server = await start();
    const board = await createBoard(server);
    const joined = await postJson<{ participantId: string; token: string }>(
      `${server.baseUrl}/api/boards/${board.boardId}/participants`,
      { joinCode: board.joinCode, name: 'Ana' },
    );
    expect(joined.status).toBe(201);
    expect(joined.body.participantId).toMatch(/^[a-z2-9]{8}$/);
    const me = await fetch(`${server.baseUrl}/api/boards/${board.boardId}/me`, {
      headers: { Authorization: `Bearer ${joined.body.token}` },
    });
    expect(await me.json()).toEqual({
      boardId: board.boardId,
      participantId: joined.body.participantId,
      role: 'participant',
      name: 'Ana',
    });
    const facilitator = await fetch(`${server.baseUrl}/api/boards/${board.boardId}/me`, {
      headers: { Authorization: `Bearer ${board.facilitatorToken}` },
    });
    expect(await facilitator.json()).toMatchObject({
      role: 'facilitator',
      joinCode: board.joinCode,
    });
  });

  it('lets observers join without a name but requires a name of participants', async () => {
    const server = await start();
    const board = await createBoard(server);
    const url = `${server.baseUrl}/api/boards/${board.boardId}/participants`;
    expect((await postJson(url, { joinCode: board.joinCode, role: 'observer' })).status).toBe(201);
    const nameless = await postJson<ErrorResponse>(url, { joinCode: board.joinCode });
    expect(nameless.status).toBe(400);
    expect(nameless.body.error).toContain('name');
    expect(coded(nameless.body)).toMatchObject({ code: 'nameRequired', field: 'name' });
  });

  it('refuses an organisation the board does not have', async () => {
    const server = await start();
    const board = await createBoard(server, { title: 'R', organisations: ['County'] });
    const url = `${server.baseUrl}/api/boards/${board.boardId}/participants`;
    const wrong = await postJson<ErrorResponse>(url, {
      joinCode: board.joinCode,
      name: 'Ana',
      organisation: 'Elsewhere',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toContain('Elsewhere');
    expect(coded(wrong.body)).toMatchObject({
      code: 'unknownOrganisation',
      field: 'organisation',
    });
  });

  // Issue 12: wrong codes sent with a board id are limited per board, no longer per address.
  it('answers a wrong code with 403 and rate-limits failed attempts per board, never successful joins', async () => {
    const server = await start();
    const board = await createBoard(server);
    const url = `${server.baseUrl}/api/boards/${board.boardId}/participants`;
    // A whole room joins from one address: 30 successful joins are never limited.
    for (let i = 0; i < 30; i++) {
      expect((await postJson(url, { joinCode: board.joinCode, name: `P${i}` })).status).toBe(201);
    }
    for (let i = 0; i < 20; i++) {
      const wrong = await postJson<ErrorResponse>(url, { joinCode: 'AAAAAA', name: 'Eve' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error).toMatch(/join code/);
      expect(coded(wrong.body)).toMatchObject({ code: 'wrongJoinCode', field: 'joinCode' });
    }
    const limited = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ joinCode: board.joinCode, name: 'Late' }),
    });
    expect(limited.status).toBe(429);
    expect(coded(await limited.json()).code).toBe('tooManyRequests');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});

describe('the server itself', () => {
  it('reports health and sends security headers and its clock', async () => {
    const server = await start();
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(Math.abs(Number(response.headers.get('x-server-time')) - Date.now())).toBeLessThan(
      5_000,
    );
  });

  it('survives a request whose address cannot be parsed, and answers unknown API routes in JSON', async () => {
    const server = await start();
    const port = new URL(server.baseUrl).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 (400|404)/);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    const unknown = await fetch(`${server.baseUrl}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    const error = coded(await unknown.json());
    expect(error.error).toMatch(/no such route/);
    expect(error.code).toBe('routeNotFound');
  });

  it('answers unknown boards with 404 and wrong methods with 405', async () => {
    const server = await start();
    const unknown = await fetch(`${server.baseUrl}/api/boards/nope`);
    expect(unknown.status).toBe(404);
    expect(coded(await unknown.json()).code).toBe('boardNotFound');
    const method = await fetch(`${server.baseUrl}/api/boards`);
    expect(method.status).toBe(405);
    expect(coded(await method.json()).code).toBe('methodNotAllowed');
  });
});
