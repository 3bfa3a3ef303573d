/**
 * A board with a baseline (issue 16, "Since the last retreat"), through the real server: an
 * earlier board's snapshot attached by a facilitator or given when the board is created, its
 * cards matched by id, text and hand, its figures reaching participants only once the group is
 * shown (recorded at the socket), and in the exports: cards.csv's last three columns and the
 * snapshot, which an import restores.
 */
import { describe, expect, it } from 'vitest';
import type { CreateBoardResponse, ErrorResponse, JoinResponse } from '../../shared/api.ts';
import type { BaselineReport } from '../../shared/baselineMatching.ts';
import {
  ROOT_BASELINE,
  readBaseline,
  readControl,
  readMeta,
  readPlacement,
  setPhase,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { readFigures } from '../../shared/publicView.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../shared/rubric.ts';
import { rubricToInput } from '../../shared/rubricFile.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import {
  BASELINE_AGREED,
  BASELINE_MEDIAN,
  BASELINE_SECRET_NAME,
  BASELINE_SECRET_REASON,
  baselineSnapshot,
  OLD_REWORDED_CARD,
  RENAMED_CARD,
  REWORDED_CARD,
} from '../support/baselineSnapshot.ts';
import {
  callApi,
  createBoard,
  type Endpoint,
  joinBoard,
  serverHarness,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

async function request<T>(
  running: Endpoint,
  method: 'POST' | 'PUT' | 'DELETE' | 'GET',
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T; text: string }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${running.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text !== '' && text.startsWith('{') ? (JSON.parse(text) as T) : (null as T);
  return { status: response.status, body: json, text };
}

function attach(running: Endpoint, board: CreateBoardResponse, token: string, body: unknown) {
  return request<BaselineReport & ErrorResponse>(
    running,
    'POST',
    `/api/boards/${board.boardId}/baseline`,
    token,
    body,
  );
}

/** The rows of our CSV (RFC 4180, CRLF; no line breaks inside the fields used here). */
function readCsv(text: string): string[][] {
  return text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) =>
      [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, field = '']) =>
        field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field,
      ),
    );
}

function float64(x: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeDoubleBE(x);
  return buffer;
}

describe('a baseline attached to a board', () => {
  it('is matched by id and text, by hand for the rest, and only a facilitator attaches it', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');

    const refused = await attach(running, board, ana.token, baselineSnapshot());
    expect(refused.status).toBe(403);

    const attached = await attach(running, board, board.facilitatorToken, baselineSnapshot());
    expect(attached.status).toBe(200);
    expect(attached.body.title).toBe('Autumn retreat');
    expect(attached.body.matches['trust.v1']).toBe('trust.v1');
    expect(attached.body.matches['trust.v2']).toBe(RENAMED_CARD);
    expect(attached.body.unmatchedBoardCards).toEqual([REWORDED_CARD]);
    expect(attached.body.unmatchedBaselineCards).toEqual([OLD_REWORDED_CARD]);

    const matchesPath = `/api/boards/${board.boardId}/baseline/matches`;
    const matched = await request<BaselineReport>(
      running,
      'PUT',
      matchesPath,
      board.facilitatorToken,
      {
        matches: { [REWORDED_CARD]: OLD_REWORDED_CARD, 'trust.v2': null },
      },
    );
    expect(matched.status).toBe(200);
    expect(matched.body.matches[REWORDED_CARD]).toBe(OLD_REWORDED_CARD);
    expect(matched.body.unmatchedBoardCards).toEqual(['trust.v2']);

    const bad = await request<ErrorResponse>(running, 'PUT', matchesPath, board.facilitatorToken, {
      matches: { 'trust.v1': 'not.a.card' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'baselineMatchInvalid', field: 'matches.trust.v1' });

    const invalid = await attach(running, board, board.facilitatorToken, { snapshotVersion: 3 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('snapshotInvalid');

    // The facilitator's document holds the figures, never the earlier people or their reasons.
    const facilitator = await harness.connect(running, board.boardId, board.facilitatorToken);
    await waitFor(() => readBaseline(facilitator.doc) !== null, 'the baseline to arrive');
    const stored = JSON.stringify(readBaseline(facilitator.doc));
    expect(stored).not.toContain(BASELINE_SECRET_NAME);
    expect(stored).not.toContain(BASELINE_SECRET_REASON);

    const removed = await request(
      running,
      'DELETE',
      `/api/boards/${board.boardId}/baseline`,
      board.facilitatorToken,
    );
    expect(removed.status).toBe(204);
    await waitFor(() => readBaseline(facilitator.doc) === null, 'the baseline to go');
    const none = await request<ErrorResponse>(running, 'PUT', matchesPath, board.facilitatorToken, {
      matches: {},
    });
    expect(none.body.code).toBe('baselineNotFound');
  });

  it("reaches a participant's screen only once the group is shown, as figures of a shown card", async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    await attach(running, board, board.facilitatorToken, baselineSnapshot());
    const facilitator = await harness.connect(running, board.boardId, board.facilitatorToken);
    const people = [];
    for (const name of ['Ana', 'Ben', 'Cat']) {
      const join = await joinBoard(running, board, name);
      people.push({ join, client: await harness.connect(running, board.boardId, join.token) });
    }
    const [ana] = people;
    if (!ana) throw new Error('people');
    const frames: Uint8Array[] = [];
    const watcher = harness.client(running, board.boardId, ana.join.token);
    watcher.provider.ws?.addEventListener('message', (event: MessageEvent) => {
      frames.push(new Uint8Array(event.data as ArrayBuffer));
    });
    for (const [index, person] of people.entries()) {
      setPlacement(
        person.client.doc,
        person.join.participantId,
        'trust.v1',
        { x: 0.6 + index / 10, round: 1, at: Date.now() },
        'local',
      );
    }
    await waitFor(() => readFigures(ana.client.doc).get('trust.v1')?.placed === 3, 'three placed');
    // Before the reveal: no baseline root, no baseline figure, not a byte of its median.
    expect([...ana.client.doc.share.keys()]).not.toContain(ROOT_BASELINE);
    expect(readFigures(ana.client.doc).get('trust.v1')?.baseline).toBeUndefined();
    expect(Buffer.concat(frames).includes(float64(BASELINE_MEDIAN))).toBe(false);

    setPhase(facilitator.doc, 'revealed', 'local');
    await waitFor(
      () => readFigures(ana.client.doc).get('trust.v1')?.baseline !== undefined,
      'the baseline after the reveal',
    );
    const figures = readFigures(ana.client.doc);
    expect(figures.get('trust.v1')?.baseline?.median).toBe(BASELINE_MEDIAN);
    // A card nobody has placed now shows no group, so nothing of its baseline either.
    expect(figures.get('trust.v2')?.baseline).toBeUndefined();
    expect([...ana.client.doc.share.keys()]).not.toContain(ROOT_BASELINE);
  });
});

describe('a board created with a baseline', () => {
  it('takes it in POST /api/boards and names a bad one under baseline.', async () => {
    const running = await harness.start();
    const bad = await callApi<ErrorResponse>(running, 'POST', '/api/boards', {
      body: { title: 'Spring', baseline: { ...baselineSnapshot(), exportedAt: 'yesterday' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'snapshotInvalid', field: 'baseline.exportedAt' });

    const created = await callApi<CreateBoardResponse>(running, 'POST', '/api/boards', {
      body: { title: 'Spring', baseline: baselineSnapshot() },
    });
    expect(created.status).toBe(201);
    const facilitator = await harness.connect(
      running,
      created.body.boardId,
      created.body.facilitatorToken,
    );
    await waitFor(() => readMeta(facilitator.doc) !== null, 'the board');
    expect(readBaseline(facilitator.doc)?.title).toBe('Autumn retreat');
  });
});

describe('a baseline in the exports', () => {
  it('ends cards.csv with the baseline median, r_wg and the change, and travels in the snapshot', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    await attach(running, board, board.facilitatorToken, baselineSnapshot());
    const people: { join: JoinResponse; client: TestClient }[] = [];
    for (const name of ['Ana', 'Ben', 'Cat']) {
      const join = await joinBoard(running, board, name);
      people.push({ join, client: await harness.connect(running, board.boardId, join.token) });
    }
    for (const [index, person] of people.entries()) {
      setPlacement(
        person.client.doc,
        person.join.participantId,
        'trust.v1',
        { x: [0.5, 0.6, 0.7][index] ?? 0, round: 1, at: Date.now() },
        'local',
      );
    }
    await waitFor(() => {
      const room = running.server.rooms.peek(board.boardId);
      return (
        room !== null &&
        people.every(({ join }) => readPlacement(room.doc, join.participantId, 'trust.v1') !== null)
      );
    }, 'the placements');

    const csv = await request<null>(
      running,
      'GET',
      `/api/boards/${board.boardId}/cards.csv`,
      board.facilitatorToken,
    );
    const [header, ...rows] = readCsv(csv.text);
    expect(header?.slice(-3)).toEqual(['baseline_median', 'baseline_rwg', 'change_since_baseline']);
    expect(header?.slice(0, 17).join(',')).toBe(
      'element_id,element,card_id,card_text,column,n,median,mean,q1,q3,iqr,rwg,ad_md,cns,label,final_position,note',
    );
    const trust = rows.find((row) => row[2] === 'trust.v1') ?? [];
    expect(Number(trust[17])).toBe(BASELINE_MEDIAN);
    expect(trust[18]).not.toBe('');
    expect(Number(trust[19])).toBeCloseTo(0.6 - BASELINE_MEDIAN, 10);
    // Matched, but nobody has placed it now: no change. Unmatched: all three empty.
    const renamed = rows.find((row) => row[2] === 'trust.v2') ?? [];
    expect(Number(renamed[17])).toBeCloseTo(0.8, 10);
    expect(renamed[19]).toBe('');
    expect((rows.find((row) => row[2] === REWORDED_CARD) ?? []).slice(-3)).toEqual(['', '', '']);

    const json = await request<Snapshot>(
      running,
      'GET',
      `/api/boards/${board.boardId}/snapshot.json`,
      board.facilitatorToken,
    );
    expect(json.body.baseline?.title).toBe('Autumn retreat');
    expect(json.body.baseline?.matches['trust.v2']).toBe(RENAMED_CARD);
    expect(json.body.baseline?.cards.find((card) => card.id === RENAMED_CARD)?.agreed).toBe(
      BASELINE_AGREED,
    );
    expect(json.text).not.toContain(BASELINE_SECRET_NAME);

    const imported = await callApi<CreateBoardResponse>(running, 'POST', '/api/boards/import', {
      body: json.body,
    });
    expect(imported.status).toBe(201);
    const again = await harness.connect(
      running,
      imported.body.boardId,
      imported.body.facilitatorToken,
    );
    await waitFor(() => readBaseline(again.doc) !== null, 'the restored baseline');
    expect(readBaseline(again.doc)?.cards).toEqual(json.body.baseline?.cards);
  });

  it('keeps hand matches working, and the board exportable, after a hand-matched card leaves the board', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    await attach(running, board, board.facilitatorToken, baselineSnapshot());
    const matchesPath = `/api/boards/${board.boardId}/baseline/matches`;
    const handMatches = { [REWORDED_CARD]: OLD_REWORDED_CARD };
    expect(
      (await request(running, 'PUT', matchesPath, board.facilitatorToken, { matches: handMatches }))
        .status,
    ).toBe(200);

    // The hand-matched card is removed in Setup (nobody placed it).
    const facilitator = await harness.connect(running, board.boardId, board.facilitatorToken);
    setPhase(facilitator.doc, 'setup', 'local');
    await waitFor(() => readControl(facilitator.doc).phase === 'setup', 'Setup');
    const file = rubricToInput(readMeta(facilitator.doc)?.rubric ?? ELEMENTS_OF_PARTNERSHIP);
    const without = {
      ...file,
      elements: file.elements.map((element) => ({
        ...element,
        cards: element.cards.filter((card) => card.id !== REWORDED_CARD),
      })),
    };
    const put = await request(
      running,
      'PUT',
      `/api/boards/${board.boardId}/rubric`,
      board.facilitatorToken,
      without,
    );
    expect(put.status).toBe(200);

    // A screen sends its whole list again, the removed card's entry with it: still taken.
    const again = await request<BaselineReport>(
      running,
      'PUT',
      matchesPath,
      board.facilitatorToken,
      {
        matches: { ...handMatches, 'trust.v2': null },
      },
    );
    expect(again.status).toBe(200);
    expect(again.body.unmatchedBoardCards).toContain('trust.v2');

    const exported = await request<Snapshot>(
      running,
      'GET',
      `/api/boards/${board.boardId}/snapshot.json`,
      board.facilitatorToken,
    );
    const imported = await request<CreateBoardResponse & ErrorResponse>(
      running,
      'POST',
      '/api/boards/import',
      board.facilitatorToken,
      exported.body,
    );
    expect(imported.body.error).toBeUndefined();
    expect(imported.status).toBe(201);
  });
});
