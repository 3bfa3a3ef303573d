/**
 * A board with its own rubric (issue 16), through the real server: created from a rubric in
 * `POST /api/boards`, refused with 400 naming the field, written back as a rubric file by
 * `GET /api/boards/:boardId/rubric.json` (facilitators only) that makes the same board again,
 * and exported and imported with its placements.
 */
import { describe, expect, it } from 'vitest';
import type { CreateBoardResponse, ErrorResponse } from '../../shared/api.ts';
import { readMeta, setPhase, setPlacement } from '../../shared/boardDoc.ts';
import { rubricCards } from '../../shared/rubric.ts';
import { rubricInputSchema } from '../../shared/rubricInput.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import {
  callApi,
  joinBoard,
  type RunningServer,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

const OWN_RUBRIC = {
  title: { en: 'Our school partnership', es: 'Nuestra alianza escolar' },
  axis: { left: 'Working apart', right: 'Working as one' },
  elements: [
    {
      name: { en: 'Safeguarding', es: 'Protección' },
      cards: [
        {
          text: { en: 'Each keeps its own records', es: 'Cada uno lleva sus registros' },
          column: 'vendor',
        },
        { text: { en: 'One shared plan', es: 'Un plan compartido' }, column: 'partnership' },
      ],
    },
    {
      id: 'funding',
      name: 'Funding',
      cards: [{ id: 'funding.p7', text: 'We apply together', column: 'partnership' }],
    },
  ],
};

function createWith(server: RunningServer, body: unknown) {
  return callApi<CreateBoardResponse & ErrorResponse>(server, 'POST', '/api/boards', { body });
}

async function download(server: RunningServer, path: string, token: string) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    disposition: response.headers.get('content-disposition'),
    text: await response.text(),
  };
}

describe('a board with its own rubric', () => {
  it('is created with it: every screen shows its elements and cards, ids given where missing', async () => {
    const server = await harness.start();
    const created = await createWith(server, { title: 'Retreat', rubric: OWN_RUBRIC });
    expect(created.status).toBe(201);
    const board = created.body;
    const ana = await joinBoard(server, board, 'Ana');
    const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
    const participant = await harness.connect(server, board.boardId, ana.token);
    for (const client of [facilitator, participant]) {
      const rubric = readMeta(client.doc)?.rubric;
      expect(rubric?.title).toBe('Our school partnership');
      expect(rubric?.translations).toEqual({ es: 'Nuestra alianza escolar' });
      expect(rubric?.axis).toEqual({ left: 'Working apart', right: 'Working as one' });
      expect(rubric?.elements.map((element) => element.id)).toEqual(['safeguarding', 'funding']);
      expect(rubricCards(rubric ?? { id: '', title: '', elements: [] }).map((c) => c.id)).toEqual([
        'safeguarding.v1',
        'safeguarding.p1',
        'funding.p7',
      ]);
    }
    // A participant places one of its cards like any other.
    setPhase(facilitator.doc, 'placing', 'local');
    await waitFor(
      () => readMeta(participant.doc) !== null && participant.provider.synced,
      'the participant',
    );
    setPlacement(
      participant.doc,
      ana.participantId,
      'funding.p7',
      { x: 0.8, round: 1, at: 1 },
      'local',
    );
    await waitFor(
      () => facilitator.doc.getMap(`place:${ana.participantId}`).get('funding.p7') !== undefined,
      "Ana's placement at the facilitator",
    );
  });

  it('is refused with 400 naming the field, and nothing is created', async () => {
    const server = await harness.start();
    const nine = Array.from({ length: 9 }, (_, n) => ({
      name: `E${n}`,
      cards: [{ text: 'x', column: 'vendor' }],
    }));
    const cases: [rubric: unknown, field: string][] = [
      [{ ...OWN_RUBRIC, elements: nine }, 'rubric.elements'],
      [{ ...OWN_RUBRIC, elements: [{ name: 'E', cards: [] }] }, 'rubric.elements.0.cards'],
      [
        {
          ...OWN_RUBRIC,
          elements: [{ name: 'E', cards: [{ text: 'x'.repeat(201), column: 'vendor' }] }],
        },
        'rubric.elements.0.cards.0.text',
      ],
      [
        {
          ...OWN_RUBRIC,
          elements: [{ name: 'n'.repeat(61), cards: [{ text: 'x', column: 'vendor' }] }],
        },
        'rubric.elements.0.name',
      ],
      [
        { ...OWN_RUBRIC, elements: [{ name: 'E', cards: [{ text: 'x', column: 'middle' }] }] },
        'rubric.elements.0.cards.0.column',
      ],
    ];
    for (const [rubric, field] of cases) {
      const refused = await createWith(server, { title: 'Retreat', rubric });
      expect(refused.status).toBe(400);
      expect(refused.body.field).toBe(field);
      expect(refused.body.error).toContain(field);
    }
  });

  it('is written back as a rubric file, to facilitators only, that makes the same rubric again', async () => {
    const server = await harness.start();
    const board = (await createWith(server, { title: 'Retreat', rubric: OWN_RUBRIC })).body;
    const ana = await joinBoard(server, board, 'Ana');
    const path = `/api/boards/${board.boardId}/rubric.json`;
    expect((await download(server, path, ana.token)).status).toBe(403);
    const file = await download(server, path, board.facilitatorToken);
    expect(file.status).toBe(200);
    expect(file.disposition).toMatch(
      /^attachment; filename="retreat-\d{4}-\d{2}-\d{2}-rubric\.json"$/,
    );
    const rubricFile: unknown = JSON.parse(file.text);
    expect(rubricInputSchema.safeParse(rubricFile).success).toBe(true);

    const again = (await createWith(server, { title: 'Next year', rubric: rubricFile })).body;
    const first = await harness.connect(server, board.boardId, board.facilitatorToken);
    const second = await harness.connect(server, again.boardId, again.facilitatorToken);
    expect(readMeta(second.doc)?.rubric).toEqual(readMeta(first.doc)?.rubric);

    // A board without one gets the seed's, which is a rubric file too.
    const seedBoard = (await createWith(server, { title: 'Seed' })).body;
    const seedFile = await download(
      server,
      `/api/boards/${seedBoard.boardId}/rubric.json`,
      seedBoard.facilitatorToken,
    );
    const seedRubric: unknown = JSON.parse(seedFile.text);
    expect(rubricInputSchema.safeParse(seedRubric).success).toBe(true);
    expect((await createWith(server, { title: 'From the seed', rubric: seedRubric })).status).toBe(
      201,
    );
  });

  it('goes out in its snapshot and comes back in by import, placements and all', async () => {
    const server = await harness.start();
    const board = (await createWith(server, { title: 'Retreat', rubric: OWN_RUBRIC })).body;
    const ana = await joinBoard(server, board, 'Ana');
    const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
    const participant = await harness.connect(server, board.boardId, ana.token);
    setPhase(facilitator.doc, 'placing', 'local');
    await waitFor(() => participant.provider.synced, 'the participant');
    setPlacement(
      participant.doc,
      ana.participantId,
      'safeguarding.p1',
      { x: 0.6, round: 1, at: 1 },
      'local',
    );
    await waitFor(
      () =>
        facilitator.doc.getMap(`place:${ana.participantId}`).get('safeguarding.p1') !== undefined,
      "Ana's placement",
    );
    const exported = await download(
      server,
      `/api/boards/${board.boardId}/snapshot.json`,
      board.facilitatorToken,
    );
    const snapshot = JSON.parse(exported.text) as Snapshot;
    expect(snapshot.rubric.elements.map((element) => element.id)).toEqual([
      'safeguarding',
      'funding',
    ]);
    const imported = await callApi<CreateBoardResponse & ErrorResponse>(
      server,
      'POST',
      '/api/boards/import',
      { body: snapshot },
    );
    expect(imported.status).toBe(201);
    const restored = await harness.connect(
      server,
      imported.body.boardId,
      imported.body.facilitatorToken,
    );
    expect(readMeta(restored.doc)?.rubric).toEqual(readMeta(facilitator.doc)?.rubric);
    const again = await download(
      server,
      `/api/boards/${imported.body.boardId}/snapshot.json`,
      imported.body.facilitatorToken,
    );
    const placements = (JSON.parse(again.text) as Snapshot).placements;
    expect(placements.map((placement) => [placement.cardId, placement.position])).toEqual([
      ['safeguarding.p1', 0.6],
    ]);
  });
});
