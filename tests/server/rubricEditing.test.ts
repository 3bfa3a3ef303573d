/**
 * Editing a board's rubric in Setup (issue 16), through the real server with two clients:
 * `PUT /api/boards/:boardId/rubric` replaces it and every screen follows live; outside Setup it
 * is refused with 409, from a participant with 403, and a bad rubric with 400 naming the field.
 * A card people have placed keeps its placements when reworded, with its earlier text, and is
 * retired when removed: its placements stay in the export and come back by import.
 */
import { describe, expect, it } from 'vitest';
import type { CreateBoardResponse, ErrorResponse } from '../../shared/api.ts';
import {
  readControl,
  readMeta,
  setControl,
  setPhase,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { rubricCards } from '../../shared/rubric.ts';
import { rubricToInput } from '../../shared/rubricFile.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import {
  callApi,
  joinBoard,
  type RunningServer,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

const RUBRIC = {
  title: 'Our partnership',
  elements: [
    {
      id: 'trust',
      name: 'Trust',
      cards: [
        { id: 'trust.v1', text: 'We check each other’s work', column: 'vendor' },
        { id: 'trust.p1', text: 'We share what goes wrong', column: 'partnership' },
      ],
    },
  ],
};

async function boardInSetup(server: RunningServer) {
  const created = await callApi<CreateBoardResponse>(server, 'POST', '/api/boards', {
    body: { title: 'Retreat', rubric: RUBRIC },
  });
  const board = created.body;
  const ana = await joinBoard(server, board, 'Ana');
  const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
  const participant = await harness.connect(server, board.boardId, ana.token);
  return { board, ana, facilitator, participant };
}

function putRubric(server: RunningServer, boardId: string, token: string, rubric: unknown) {
  return callApi<{ retired: string[] } & ErrorResponse>(
    server,
    'PUT',
    `/api/boards/${boardId}/rubric`,
    { token, body: rubric },
  );
}

describe('editing the rubric in Setup', () => {
  it('replaces it on every screen, live; refused outside Setup, to participants and when malformed', async () => {
    const server = await harness.start();
    const { board, ana, facilitator, participant } = await boardInSetup(server);
    const edited = {
      ...RUBRIC,
      axis: { left: 'Apart', right: 'As one' },
      elements: [
        {
          ...RUBRIC.elements[0],
          cards: [
            { id: 'trust.p1', text: 'We share what goes wrong', column: 'partnership' },
            { text: 'We meet every month', column: 'partnership' },
          ],
        },
        { name: 'Money', cards: [{ text: 'Each pays its own way', column: 'vendor' }] },
      ],
    };

    // A new board is placing: the rubric waits for Setup.
    const early = await putRubric(server, board.boardId, board.facilitatorToken, edited);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('notInSetup');

    setPhase(facilitator.doc, 'setup', 'local');
    await waitFor(() => participant.doc.getMap('control').get('phase') === 'setup', 'Setup');
    const byParticipant = await putRubric(server, board.boardId, ana.token, edited);
    expect(byParticipant.status).toBe(403);
    const malformed = await putRubric(server, board.boardId, board.facilitatorToken, {
      ...edited,
      elements: [{ name: 'Empty', cards: [] }],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.field).toBe('elements.0.cards');

    const done = await putRubric(server, board.boardId, board.facilitatorToken, edited);
    expect(done.status).toBe(200);
    expect(done.body.retired).toEqual([]);
    for (const client of [facilitator, participant]) {
      await waitFor(() => readMeta(client.doc)?.rubric.elements.length === 2, 'the new rubric');
      const rubric = readMeta(client.doc)?.rubric;
      expect(rubric?.axis).toMatchObject({ left: 'Apart', right: 'As one' });
      const ids = rubricCards(rubric ?? { id: '', title: '', elements: [] }).map((c) => c.id);
      // trust.v1 was never placed: it is gone, and its id is not given to the new card.
      expect(ids).toEqual(['trust.p1', 'trust.p2', 'money.v1']);
    }
    expect(readMeta(facilitator.doc)?.rubric.formerIds).toEqual(['trust.v1']);

    const again = await putRubric(server, board.boardId, board.facilitatorToken, {
      ...edited,
      elements: [
        {
          ...edited.elements[0],
          cards: [...(edited.elements[0]?.cards ?? []), { text: 'Another', column: 'vendor' }],
        },
      ],
    });
    expect(again.status).toBe(200);
    await waitFor(
      () => readMeta(facilitator.doc)?.rubric.elements.length === 1,
      'the third rubric',
    );
    const ids = rubricCards(
      readMeta(facilitator.doc)?.rubric ?? { id: '', title: '', elements: [] },
    );
    // A card sent without its id is a new one; no id the board has had is given again.
    expect(ids.map((c) => c.id)).toEqual(['trust.p1', 'trust.p3', 'trust.v2']);
    expect(readMeta(facilitator.doc)?.rubric.formerIds).toEqual([
      'trust.v1',
      'trust.p2',
      'money.v1',
    ]);
  });

  it('keeps a placed card’s placements and earlier text when reworded, and retires it when removed', async () => {
    const server = await harness.start();
    const { board, ana, facilitator, participant } = await boardInSetup(server);
    await waitFor(() => participant.provider.synced, 'the participant');
    setPlacement(
      participant.doc,
      ana.participantId,
      'trust.v1',
      { x: 0.3, round: 1, at: 1 },
      'local',
    );
    await waitFor(
      () => facilitator.doc.getMap(`place:${ana.participantId}`).get('trust.v1') !== undefined,
      "Ana's placement",
    );
    setPhase(facilitator.doc, 'setup', 'local');
    await waitFor(() => participant.doc.getMap('control').get('phase') === 'setup', 'Setup');

    const file = rubricToInput(readMeta(facilitator.doc)?.rubric ?? (RUBRIC as never));
    const reworded = {
      ...file,
      elements: file.elements.map((element) => ({
        ...element,
        cards: element.cards.map((card) =>
          card.id === 'trust.v1' ? { ...card, text: 'We check each other’s work, always' } : card,
        ),
      })),
    };
    expect((await putRubric(server, board.boardId, board.facilitatorToken, reworded)).status).toBe(
      200,
    );
    await waitFor(
      () =>
        rubricCards(readMeta(participant.doc)?.rubric ?? (RUBRIC as never))[0]?.text.endsWith(
          'always',
        ) === true,
      'the new wording',
    );
    // The earlier words stay with the facilitators and the exports, never on a participant's screen.
    const card = rubricCards(readMeta(facilitator.doc)?.rubric ?? (RUBRIC as never))[0];
    expect(card?.history?.map((earlier) => earlier.text)).toEqual(['We check each other’s work']);
    expect(JSON.stringify(participant.doc.getMap('meta').toJSON())).not.toContain(
      'We check each other’s work"',
    );
    expect(facilitator.doc.getMap(`place:${ana.participantId}`).get('trust.v1')).toMatchObject({
      x: 0.3,
    });

    // Removed, it is retired: off every screen, its placement kept, its id never given again.
    const removed = {
      ...reworded,
      elements: reworded.elements.map((element) => ({
        ...element,
        cards: [
          ...element.cards.filter((c) => c.id !== 'trust.v1'),
          { text: 'A new vendor card', column: 'vendor' as const },
        ],
      })),
    };
    const answer = await putRubric(server, board.boardId, board.facilitatorToken, removed);
    expect(answer.body.retired).toEqual(['trust.v1']);
    await waitFor(() => readMeta(facilitator.doc)?.rubric.retired?.length === 1, 'the retirement');
    const rubric = readMeta(facilitator.doc)?.rubric ?? (RUBRIC as never);
    expect(rubricCards(rubric).map((c) => c.id)).toEqual(['trust.p1', 'trust.v2']);
    expect(rubric.retired?.[0]).toMatchObject({ id: 'trust.v1', elementId: 'trust' });
    await waitFor(
      () =>
        rubricCards(readMeta(participant.doc)?.rubric ?? (RUBRIC as never)).some(
          (c) => c.id === 'trust.v2',
        ),
      'the retirement on the phone',
    );
    expect(readMeta(participant.doc)?.rubric.retired).toBeUndefined();
    expect(JSON.stringify(participant.doc.getMap('meta').toJSON())).not.toContain('always');

    // The export keeps the retired card's placement; import brings it back with the board.
    const exported = await callApi<Snapshot>(
      server,
      'GET',
      `/api/boards/${board.boardId}/snapshot.json`,
      {
        token: board.facilitatorToken,
      },
    );
    const kept = exported.body.placements.filter((p) => p.cardId === 'trust.v1');
    expect(kept.map((p) => p.position)).toEqual([0.3]);
    expect(exported.body.rubric.retired?.[0]?.history?.[0]?.text).toBe(
      'We check each other’s work',
    );
    expect(exported.body.summaries.cards.map((c) => c.cardId)).toEqual(['trust.p1', 'trust.v2']);
    const csv = await fetch(`${server.baseUrl}/api/boards/${board.boardId}/placements.csv`, {
      headers: { Authorization: `Bearer ${board.facilitatorToken}` },
    });
    expect(await csv.text()).toMatch(/trust\.v1.*0\.3/);
    const imported = await callApi<CreateBoardResponse & ErrorResponse>(
      server,
      'POST',
      '/api/boards/import',
      {
        body: exported.body,
      },
    );
    expect(imported.status).toBe(201);
    const reexported = await callApi<Snapshot>(
      server,
      'GET',
      `/api/boards/${imported.body.boardId}/snapshot.json`,
      { token: imported.body.facilitatorToken },
    );
    expect(reexported.body.rubric.retired).toEqual(exported.body.rubric.retired);
    expect(
      reexported.body.placements.filter((p) => p.cardId === 'trust.v1').map((p) => p.position),
    ).toEqual([0.3]);
  });

  it('keeps the open round to cards on the board, the new ones included, and drops a removed focus', async () => {
    const server = await harness.start();
    const { board, facilitator, participant } = await boardInSetup(server);
    setControl(facilitator.doc, 'roundCardIds', ['trust.v1', 'trust.p1'], 'local');
    setControl(facilitator.doc, 'focusCardId', 'trust.v1', 'local');
    setPhase(facilitator.doc, 'setup', 'local');
    await waitFor(() => readControl(participant.doc).phase === 'setup', 'Setup');
    const edited = {
      ...RUBRIC,
      elements: [
        {
          ...RUBRIC.elements[0],
          cards: [
            { id: 'trust.p1', text: 'We share what goes wrong', column: 'partnership' },
            { text: 'We meet every month', column: 'partnership' },
          ],
        },
      ],
    };
    expect((await putRubric(server, board.boardId, board.facilitatorToken, edited)).status).toBe(
      200,
    );
    await waitFor(() => readControl(participant.doc).focusCardId === null, 'the focus cleared');
    expect(readControl(participant.doc).roundCardIds).toEqual(['trust.p1', 'trust.p2']);
  });
});
