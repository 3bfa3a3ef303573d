/** Exporting a board (JSON snapshot, CSV) and restoring one, against the real server. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type {
  BoardInfo,
  CreateBoardResponse,
  ErrorResponse,
  MeResponse,
} from '../../shared/api.ts';
import { snapshotFromDoc } from '../../shared/snapshot/fromDoc.ts';
import { parseSnapshot } from '../../shared/snapshot/parse.ts';
import { SNAPSHOT_VERSION, type Snapshot } from '../../shared/snapshot/schema.ts';
import {
  boardWithHistory,
  editedCopy,
  normaliseSnapshot,
  REMOVE,
  T0,
} from '../support/boardHistory.ts';
import { PLACED_TITLE, placedBoard } from '../support/placedBoard.ts';
import { callApi, joinBoard, type RunningServer, serverHarness } from '../support/testServer.ts';

const { start, track } = serverHarness();

interface Download {
  status: number;
  type: string | null;
  disposition: string | null;
  text: string;
}

async function download(server: RunningServer, path: string, token?: string): Promise<Download> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${server.baseUrl}${path}`, { headers });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    text: await response.text(),
  };
}

async function exportJson(server: RunningServer, boardId: string, token: string) {
  const got = await download(server, `/api/boards/${boardId}/snapshot.json`, token);
  expect(got.status).toBe(200);
  return JSON.parse(got.text) as Snapshot;
}

function importSnapshot(server: RunningServer, snapshot: unknown) {
  return callApi<CreateBoardResponse & ErrorResponse>(server, 'POST', '/api/boards/import', {
    body: snapshot,
  });
}

function boardCount(server: RunningServer): number {
  const db = new Database(join(server.dataDir, 'continuum.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM boards').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const today = () => new Date().toISOString().slice(0, 10);

describe('exports', () => {
  it('serves the snapshot, the placements and the cards as downloads to a facilitator', async () => {
    const server = await start();
    const placed = await placedBoard(server);
    track(...placed.clients);
    const { boardId, facilitatorToken } = placed.board;
    const slug = `spring-retreat-north-${today()}`;

    const json = await download(server, `/api/boards/${boardId}/snapshot.json`, facilitatorToken);
    expect(json.status).toBe(200);
    expect(json.type).toBe('application/json; charset=utf-8');
    expect(json.disposition).toBe(`attachment; filename="${slug}-snapshot.json"`);
    const snapshot = JSON.parse(json.text) as Snapshot;
    expect(parseSnapshot(snapshot).ok).toBe(true);
    expect(snapshot.board).toMatchObject({ id: boardId, title: PLACED_TITLE });
    expect(snapshot.participants.map((p) => p.name)).toEqual(['Ana Alvarez', 'Ben Brandt']);
    expect(snapshot.placements).toHaveLength(3);
    expect(snapshot.summaries.cards[0]?.summary).toMatchObject({ n: 2, median: 0.5 });
    expect(snapshot.final).toEqual([{ cardId: 'trust.v1', position: 0.5, note: 'agreed' }]);

    const placements = await download(
      server,
      `/api/boards/${boardId}/placements.csv`,
      facilitatorToken,
    );
    expect(placements.status).toBe(200);
    expect(placements.type).toBe('text/csv; charset=utf-8');
    expect(placements.disposition).toBe(`attachment; filename="${slug}-placements.csv"`);
    const lines = placements.text.split('\r\n');
    expect(lines[0]).toBe(
      'board_id,board_title,element_id,element,card_id,card_text,column,participant,organisation,round,position,reason,placed_at',
    );
    expect(lines[1]).toContain(`,"Ana Alvarez","County",1,0.25,"'=1+1, ""quoted""",`);
    expect(lines).toHaveLength(5); // header, 3 rows, and the empty string after the last CRLF

    const cards = await download(server, `/api/boards/${boardId}/cards.csv`, facilitatorToken);
    expect(cards.type).toBe('text/csv; charset=utf-8');
    expect(cards.disposition).toBe(`attachment; filename="${slug}-cards.csv"`);
    expect(cards.text.split('\r\n')[1]).toMatch(/^"trust","Trust","trust\.v1",.*,"vendor",2,0\.5,/);
  });

  it('makes the CSV files in Spanish on ?lang=es: element names and card texts, headers as they are', async () => {
    const server = await start();
    const placed = await placedBoard(server);
    track(...placed.clients);
    const { boardId, facilitatorToken } = placed.board;
    const slug = `spring-retreat-north-${today()}`;
    const snapshot = await exportJson(server, boardId, facilitatorToken);
    expect(snapshot.languages).toEqual(['en', 'es']);
    expect(snapshot.rubric.elements[0]?.translations).toEqual({ es: 'Confianza' });

    const cards = await download(
      server,
      `/api/boards/${boardId}/cards.csv?lang=es`,
      facilitatorToken,
    );
    expect(cards.status).toBe(200);
    expect(cards.disposition).toBe(`attachment; filename="${slug}-cards-es.csv"`);
    const rows = cards.text.split('\r\n');
    expect(rows[0]).toMatch(/^element_id,element,card_id,card_text,column,n,/);
    expect(rows[1]).toMatch(
      /^"trust","Confianza","trust\.v1","La relación se construye a través del trabajo","vendor",2,0\.5,/,
    );
    const placements = await download(
      server,
      `/api/boards/${boardId}/placements.csv?lang=es&anonymous=1`,
      facilitatorToken,
    );
    expect(placements.disposition).toBe(
      `attachment; filename="${slug}-placements-es-anonymous.csv"`,
    );
    expect(placements.text).toContain('"Confianza","trust.v1","La relación se construye');
    expect(placements.text).not.toContain('"Trust"');

    // English, the rubric's own, is the plain file.
    const english = await download(
      server,
      `/api/boards/${boardId}/cards.csv?lang=en`,
      facilitatorToken,
    );
    expect(english.disposition).toBe(`attachment; filename="${slug}-cards.csv"`);
    expect(english.text.split('\r\n')[1]).toMatch(
      /^"trust","Trust","trust\.v1","Relationship building/,
    );

    for (const lang of ['fr', 'Spanish']) {
      const refused = await download(
        server,
        `/api/boards/${boardId}/cards.csv?lang=${lang}`,
        facilitatorToken,
      );
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text)).toMatchObject({ code: 'invalidQuery', field: 'lang' });
    }
  });

  it('anonymises on ?anonymous=1: labels instead of names, in every format', async () => {
    const server = await start();
    const placed = await placedBoard(server);
    track(...placed.clients);
    const { boardId, facilitatorToken } = placed.board;
    for (const path of ['snapshot.json', 'placements.csv', 'cards.csv']) {
      const got = await download(
        server,
        `/api/boards/${boardId}/${path}?anonymous=1`,
        facilitatorToken,
      );
      expect(got.status).toBe(200);
      expect(got.disposition).toMatch(/-anonymous\.(json|csv)"$/);
      for (const secret of ['Ana', 'Ben', placed.ana.participantId, placed.ben.participantId]) {
        expect(got.text).not.toContain(secret);
      }
    }
    const snapshot = await exportJson(server, boardId, facilitatorToken);
    expect(snapshot.anonymous).toBe(false);
    const refused = await download(
      server,
      `/api/boards/${boardId}/snapshot.json?anonymous=yes`,
      facilitatorToken,
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('anonymous');
  });

  it.each(['snapshot.json', 'placements.csv', 'cards.csv'])(
    '%s: 401 without a valid token, 403 for participants and observers',
    async (file) => {
      const server = await start();
      const placed = await placedBoard(server);
      track(...placed.clients);
      const { board } = placed;
      const observer = await joinBoard(server, board, 'Wall', { role: 'observer' });
      const path = `/api/boards/${board.boardId}/${file}`;
      expect((await download(server, path)).status).toBe(401);
      expect((await download(server, path, 'not-a-token')).status).toBe(401);
      for (const token of [placed.ana.token, observer.token]) {
        const refused = await download(server, path, token);
        expect(refused.status).toBe(403);
        expect(refused.type).toBe('application/json; charset=utf-8');
        expect(refused.text).toMatch(/facilitator/);
      }
    },
  );
});

describe('restoring a board', () => {
  it('creates a new board holding everything the snapshot held: import → export is the same', async () => {
    const server = await start();
    const original = snapshotFromDoc(boardWithHistory(), 'old-board', {
      exportedAt: T0 + 1e6,
      anonymous: false,
    });
    const created = await importSnapshot(server, original);
    expect(created.status).toBe(201);
    const { boardId, facilitatorToken, joinCode } = created.body;
    expect(Object.keys(created.body).sort()).toEqual([
      'boardId',
      'facilitatorToken',
      'facilitatorUrl',
      'joinCode',
      'joinUrl',
    ]);
    expect(created.body.facilitatorUrl).toBe(
      `${server.baseUrl}/b/${boardId}#token=${facilitatorToken}`,
    );
    expect(created.body.joinUrl).toBe(`${server.baseUrl}/join/${boardId}#code=${joinCode}`);

    const again = await exportJson(server, boardId, facilitatorToken);
    expect(again.board.id).toBe(boardId);
    expect(normaliseSnapshot(again)).toEqual(normaliseSnapshot(original));

    const me = await callApi<MeResponse>(server, 'GET', `/api/boards/${boardId}/me`, {
      token: facilitatorToken,
    });
    expect(me.body).toMatchObject({ role: 'facilitator', name: 'Facilitator', joinCode });
    const info = await callApi<BoardInfo>(server, 'GET', `/api/join/${joinCode}`);
    expect(info.body).toEqual({
      boardId,
      title: 'Retreat, "North" = 2025',
      organisations: ['County', 'Alliance'],
    });
  });

  it('round-trips a live board, anonymised too, and leaves the original alone', async () => {
    const server = await start();
    const placed = await placedBoard(server);
    track(...placed.clients);
    const { boardId, facilitatorToken } = placed.board;
    for (const query of ['', '?anonymous=1']) {
      const got = await download(
        server,
        `/api/boards/${boardId}/snapshot.json${query}`,
        facilitatorToken,
      );
      const first = JSON.parse(got.text) as Snapshot;
      const created = await importSnapshot(server, first);
      expect(created.status).toBe(201);
      expect(created.body.boardId).not.toBe(boardId);
      const second = await exportJson(server, created.body.boardId, created.body.facilitatorToken);
      expect(second.anonymous).toBe(false);
      expect(normaliseSnapshot({ ...second, anonymous: first.anonymous })).toEqual(
        normaliseSnapshot(first),
      );
    }
    expect((await exportJson(server, boardId, facilitatorToken)).placements).toHaveLength(3);
  });

  const valid = () => snapshotFromDoc(boardWithHistory(), 'b', { exportedAt: T0, anonymous: true });

  it.each<[string, (string | number)[], unknown, string]>([
    ['a wrong version', ['snapshotVersion'], 0, 'snapshotVersion'],
    ['no rubric', ['rubric'], REMOVE, 'rubric'],
    ['a position out of range', ['placements', 0, 'position'], 7, 'placements.0.position'],
    ['an unknown card id', ['final', 0, 'cardId'], 'made.up', 'final.0.cardId'],
    ['an unknown phase', ['session', 'phase'], 'over', 'session.phase'],
    ['a removed flag as text', ['participants', 2, 'removed'], 'yes', 'participants.2.removed'],
  ])('refuses %s as a whole with 400 naming the field', async (_what, path, value, field) => {
    const server = await start();
    const refused = await importSnapshot(server, editedCopy(valid(), path, value));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^Not a valid snapshot: /);
    expect(refused.body.error).toContain(field);
    expect(refused.body).toMatchObject({ code: 'snapshotInvalid', field });
    expect(boardCount(server)).toBe(0);
  });

  it('restores a version 1 snapshot (English-only rubric) as a board with the seed translations', async () => {
    const server = await start();
    const current = JSON.parse(JSON.stringify(valid())) as Snapshot;
    const { languages: _languages, ...rest } = current;
    const versionOne = {
      ...rest,
      snapshotVersion: 1,
      rubric: {
        id: current.rubric.id,
        title: current.rubric.title,
        elements: current.rubric.elements.map(({ id, name, cards }) => ({
          id,
          name,
          cards: cards.map(({ id, text, column }) => ({ id, text, column })),
        })),
      },
    };
    const created = await importSnapshot(server, versionOne);
    expect(created.status).toBe(201);
    const again = await exportJson(server, created.body.boardId, created.body.facilitatorToken);
    expect(again.snapshotVersion).toBe(SNAPSHOT_VERSION);
    expect(again.languages).toEqual(['en', 'es']);
    expect(again.rubric.elements[5]?.translations?.es).toBe(
      'Sistemas, estructura y rendición de cuentas',
    );
    // The rubric as the file had it, with the seed's translations; the rest as exported.
    const { language: _language, axis: _axis, ...storedRubric } = current.rubric;
    expect(again.rubric).toEqual(storedRubric);
    expect(normaliseSnapshot({ ...again, rubric: current.rubric, anonymous: true })).toEqual(
      normaliseSnapshot(current),
    );
  });

  it('refuses a body that is too large, not JSON, or not sent as JSON', async () => {
    const server = await start();
    const huge = editedCopy(valid(), ['padding'], 'x'.repeat(5 * 1024 * 1024));
    const tooLarge = await fetch(`${server.baseUrl}/api/boards/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(huge),
    });
    expect(tooLarge.status).toBe(413);
    const broken = await fetch(`${server.baseUrl}/api/boards/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"snapshotVersion": 1,',
    });
    expect(broken.status).toBe(400);
    const asText = await fetch(`${server.baseUrl}/api/boards/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(asText.status).toBe(415);
    expect(boardCount(server)).toBe(0);
  });
});
