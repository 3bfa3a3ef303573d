/**
 * Every refusal of the HTTP API carries a code from shared/apiErrors.ts, and the field at fault
 * when one is, beside its unchanged English sentence: through the real server on port 0.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../shared/api.ts';
import { API_ERROR_CODES, type ApiErrorBody } from '../../shared/apiErrors.ts';
import { readControl, setControl } from '../../shared/boardDoc.ts';
import { NAME_MAX_LENGTH } from '../../shared/nameLimits.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  postJson,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const { start, connect } = serverHarness();

/** The body of an error, checked to be one: a sentence and a known code. */
function refusal(body: unknown): ApiErrorBody {
  const error = body as ErrorResponse;
  expect(typeof error.error).toBe('string');
  expect(error.error.length).toBeGreaterThan(0);
  expect(API_ERROR_CODES).toContain(error.code);
  return error;
}

/** `{ code, field }` of a refusal (field absent when none is at fault). */
function codeOf(body: unknown): { code: string; field?: string } {
  const { code, field } = refusal(body);
  return field === undefined ? { code } : { code, field };
}

async function send(
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe('creating a board', () => {
  it.each([
    [{}, 'titleRequired', 'title'],
    [{ title: '   ' }, 'titleRequired', 'title'],
    [{ title: 'x'.repeat(201) }, 'titleTooLong', 'title'],
    [{ title: 7 }, 'invalidBody', 'title'],
    [{ title: 'ok', organisations: 'A' }, 'invalidBody', 'organisations'],
    [{ title: 'ok', organisations: ['A', 'A'] }, 'invalidBody', 'organisations'],
    [{ title: 'ok', organisations: ['x'.repeat(81)] }, 'invalidBody', 'organisations.0'],
    [{ title: 'ok', extra: 1 }, 'invalidBody', 'extra'],
  ])('refuses %j with code %s on field %s', async (body, code, field) => {
    const server = await start();
    const { status, body: error } = await postJson(`${server.baseUrl}/api/boards`, body);
    expect(status).toBe(400);
    expect(codeOf(error)).toEqual({ code, field });
  });

  it('refuses a body that is not JSON, not sent as JSON, or too large', async () => {
    const server = await start();
    const url = `${server.baseUrl}/api/boards`;
    const json = { 'Content-Type': 'application/json' };
    const broken = await send(url, { method: 'POST', headers: json, body: '{"title": ' });
    expect([broken.status, codeOf(broken.body)]).toEqual([400, { code: 'invalidJson' }]);
    const text = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect([text.status, codeOf(text.body)]).toEqual([415, { code: 'unsupportedMediaType' }]);
    const large = await send(url, {
      method: 'POST',
      headers: json,
      // Over the creation body's 512 KB (it may carry a rubric).
      body: JSON.stringify({ title: 'x'.repeat(530_000) }),
    });
    expect([large.status, codeOf(large.body)]).toEqual([413, { code: 'payloadTooLarge' }]);
  });

  it('refuses creations over the limit with tooManyRequests and Retry-After', async () => {
    const server = await start(undefined, { limits: { boardCreationsPerMinute: 1 } });
    await createBoard(server);
    const over = await send(`${server.baseUrl}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Again' }),
    });
    expect([over.status, codeOf(over.body)]).toEqual([429, { code: 'tooManyRequests' }]);
    expect(Number(over.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});

describe('importing a snapshot', () => {
  it.each([
    [{ snapshotVersion: 99 }, 'snapshotVersion'],
    [{ snapshotVersion: 0 }, 'snapshotVersion'],
    [{ snapshotVersion: 2, exportedAt: 'yesterday' }, 'exportedAt'],
  ])('refuses %j as snapshotInvalid naming %s', async (file, field) => {
    const server = await start();
    const { status, body } = await postJson(`${server.baseUrl}/api/boards/import`, file);
    expect(status).toBe(400);
    expect(codeOf(body)).toEqual({ code: 'snapshotInvalid', field });
    expect(refusal(body).error).toMatch(/^Not a valid snapshot: /);
  });

  it('refuses what is no snapshot at all without naming a field', async () => {
    const server = await start();
    const { status, body } = await postJson(`${server.baseUrl}/api/boards/import`, [1]);
    expect([status, codeOf(body)]).toEqual([400, { code: 'snapshotInvalid' }]);
  });
});

describe('joining', () => {
  it('names the field of each mistake a person makes when joining', async () => {
    const server = await start();
    const board = await createBoard(server, { title: 'Retreat', organisations: ['County'] });
    const url = `${server.baseUrl}/api/boards/${board.boardId}/participants`;
    const { joinCode } = board;
    const cases: [unknown, number, string, string][] = [
      [{ joinCode }, 400, 'nameRequired', 'name'],
      [{ joinCode, name: '  ' }, 400, 'nameRequired', 'name'],
      [{ joinCode, name: 'x'.repeat(NAME_MAX_LENGTH + 1) }, 400, 'nameTooLong', 'name'],
      [{ joinCode, name: 'Facilitadora' }, 400, 'nameIsRoleWord', 'name'],
      [{ joinCode, name: 'Ana', role: 'facilitator' }, 400, 'invalidBody', 'role'],
      [
        { joinCode, name: 'Ana', organisation: 'Elsewhere' },
        403,
        'unknownOrganisation',
        'organisation',
      ],
      [{ joinCode: 'AAAAAA', name: 'Eve' }, 403, 'wrongJoinCode', 'joinCode'],
    ];
    for (const [body, status, code, field] of cases) {
      const answer = await postJson(url, body);
      expect([answer.status, codeOf(answer.body)], JSON.stringify(body)).toEqual([
        status,
        { code, field },
      ]);
    }
  });

  it('says when the board is unknown, the code matches none, joining is closed or the board is full', async () => {
    const server = await start(undefined, { limits: { maxParticipantsPerBoard: 2 } });
    const unknown = await postJson(`${server.baseUrl}/api/boards/nope/participants`, {
      joinCode: 'AAAAAA',
      name: 'Ana',
    });
    expect([unknown.status, codeOf(unknown.body)]).toEqual([404, { code: 'boardNotFound' }]);
    const lookup = await send(`${server.baseUrl}/api/join/ZZZZZZ`, {});
    expect([lookup.status, codeOf(lookup.body)]).toEqual([404, { code: 'unknownJoinCode' }]);
    const info = await send(`${server.baseUrl}/api/boards/nope`, {});
    expect([info.status, codeOf(info.body)]).toEqual([404, { code: 'boardNotFound' }]);

    const board = await createBoard(server);
    const url = `${server.baseUrl}/api/boards/${board.boardId}/participants`;
    await joinBoard(server, board, 'Ana'); // the facilitator and Ana: full
    const full = await postJson(url, { joinCode: board.joinCode, name: 'Ben' });
    expect([full.status, codeOf(full.body)]).toEqual([409, { code: 'boardFull' }]);

    const other = await createBoard(server);
    const facilitator = await connect(server, other.boardId, other.facilitatorToken);
    setControl(facilitator.doc, 'joinOpen', false, 'local');
    await waitFor(() => {
      const room = server.server.rooms.peek(other.boardId);
      return room !== null && !readControl(room.doc).joinOpen;
    }, 'the server to close joining');
    const closed = await postJson(`${server.baseUrl}/api/boards/${other.boardId}/participants`, {
      joinCode: other.joinCode,
      name: 'Late',
    });
    expect([closed.status, codeOf(closed.body)]).toEqual([403, { code: 'joiningClosed' }]);
  });
});

describe("a facilitator's routes", () => {
  it('tells a missing or foreign token (unauthorized) from a token without the right (forbidden)', async () => {
    const server = await start();
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const routes = [
      ['GET', `/api/boards/${board.boardId}/me`],
      ['DELETE', `/api/boards/${board.boardId}`],
      ['GET', `/api/boards/${board.boardId}/snapshot.json`],
      ['POST', `/api/boards/${board.boardId}/cofacilitators`],
    ] as const;
    const withBody = (method: string) => (method === 'POST' ? { body: {} } : {});
    for (const [method, path] of routes) {
      const none = await callApi(server, method, path, withBody(method));
      expect([none.status, codeOf(none.body)], path).toEqual([401, { code: 'unauthorized' }]);
      const foreign = await callApi(server, method, path, { token: 'nope', ...withBody(method) });
      expect([foreign.status, codeOf(foreign.body)], path).toEqual([401, { code: 'unauthorized' }]);
    }
    for (const [method, path] of routes.slice(1)) {
      const participant = await callApi(server, method, path, {
        token: ana.token,
        ...withBody(method),
      });
      expect([participant.status, codeOf(participant.body)], path).toEqual([
        403,
        { code: 'forbidden' },
      ]);
    }
  });

  it('names the field of a bad body or query, and says who cannot be removed', async () => {
    const server = await start();
    const board = await createBoard(server, { title: 'Retreat', organisations: ['County'] });
    const token = board.facilitatorToken;
    const at = (rest: string) => `/api/boards/${board.boardId}/${rest}`;
    const cases: [
      method: 'GET' | 'POST' | 'DELETE',
      path: string,
      body: unknown,
      status: number,
      expected: { code: string; field?: string },
    ][] = [
      [
        'POST',
        at('cofacilitators'),
        { name: 'x'.repeat(NAME_MAX_LENGTH + 1) },
        400,
        { code: 'nameTooLong', field: 'name' },
      ],
      [
        'POST',
        at('cofacilitators'),
        { name: 'Projector' },
        400,
        { code: 'nameIsRoleWord', field: 'name' },
      ],
      ['POST', at('proxies'), {}, 400, { code: 'nameRequired', field: 'name' }],
      [
        'POST',
        at('proxies'),
        { name: 'Ben', organisation: 'Elsewhere' },
        403,
        { code: 'unknownOrganisation', field: 'organisation' },
      ],
      ['POST', at('observer-links'), { x: 1 }, 400, { code: 'invalidBody', field: 'x' }],
      [
        'GET',
        at('snapshot.json?anonymous=maybe'),
        undefined,
        400,
        { code: 'invalidQuery', field: 'anonymous' },
      ],
      ['DELETE', at('cofacilitators/nobody00'), undefined, 404, { code: 'participantNotFound' }],
      ['DELETE', at('participants/nobody00'), undefined, 404, { code: 'participantNotFound' }],
    ];
    for (const [method, path, body, status, expected] of cases) {
      const answer = await callApi(
        server,
        method,
        path,
        body === undefined ? { token } : { token, body },
      );
      expect([answer.status, codeOf(answer.body)], `${method} ${path}`).toEqual([status, expected]);
    }
    const me = await callApi<{ participantId: string }>(server, 'GET', at('me'), { token });
    const creator = await callApi(server, 'DELETE', at(`participants/${me.body.participantId}`), {
      token,
    });
    expect([creator.status, codeOf(creator.body)]).toEqual([409, { code: 'creatorNotRemovable' }]);
  });
});

describe('routes and methods', () => {
  it('answers an unknown API route and a wrong method with their codes', async () => {
    const server = await start();
    const route = await send(`${server.baseUrl}/api/nothing-here`, {});
    expect([route.status, codeOf(route.body)]).toEqual([404, { code: 'routeNotFound' }]);
    const method = await send(`${server.baseUrl}/api/boards`, {});
    expect([method.status, codeOf(method.body)]).toEqual([405, { code: 'methodNotAllowed' }]);
    const page = await send(`${server.baseUrl}/somewhere`, { method: 'PUT' });
    expect([page.status, codeOf(page.body)]).toEqual([405, { code: 'methodNotAllowed' }]);
  });

  it('keeps each English sentence as it was', async () => {
    const server = await start();
    const { body } = await postJson(`${server.baseUrl}/api/boards`, { title: '' });
    expect(refusal(body).error).toBe('title: Please give the board a title.');
  });
});
