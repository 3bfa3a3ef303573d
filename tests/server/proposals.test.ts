/**
 * Proposals (issue 16), through the real server: while the group discusses, a participant
 * proposes a card (at most three waiting per person); only facilitators see proposals (never in
 * a participant's document); a facilitator accepts one onto the board, a new card the room then
 * places in a round of its own, or declines it.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../shared/api.ts';
import { readControl, readMeta, setPhase, setPlacement } from '../../shared/boardDoc.ts';
import type { Proposal } from '../../shared/proposals.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  type RunningServer,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

function propose(server: RunningServer, boardId: string, token: string, body: unknown) {
  return callApi<Proposal & ErrorResponse>(server, 'POST', `/api/boards/${boardId}/proposals`, {
    token,
    body,
  });
}

const CARD = {
  elementId: 'trust',
  text: 'We admit our mistakes to each other',
  column: 'partnership',
};

describe('proposals', () => {
  it('are taken only while discussing, three waiting per person, and seen by facilitators alone', async () => {
    const server = await harness.start();
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const ben = await joinBoard(server, board, 'Ben');
    const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
    const participant = await harness.connect(server, board.boardId, ana.token);

    const tooEarly = await propose(server, board.boardId, ana.token, CARD);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.code).toBe('notDiscussing');

    setPhase(facilitator.doc, 'discussing', 'local');
    await waitFor(() => readControl(participant.doc).phase === 'discussing', 'discussion');
    const badElement = await propose(server, board.boardId, ana.token, {
      ...CARD,
      elementId: 'nope',
    });
    expect(badElement.status).toBe(400);
    expect(badElement.body.field).toBe('elementId');
    const tooLong = await propose(server, board.boardId, ana.token, {
      ...CARD,
      text: 'x'.repeat(201),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.field).toBe('text');
    expect((await propose(server, board.boardId, board.facilitatorToken, CARD)).status).toBe(403);

    for (const n of [1, 2, 3]) {
      const made = await propose(server, board.boardId, ana.token, { ...CARD, text: `Idea ${n}` });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ status: 'open', participantId: ana.participantId });
    }
    const fourth = await propose(server, board.boardId, ana.token, { ...CARD, text: 'Idea 4' });
    expect(fourth.status).toBe(409);
    expect(fourth.body.code).toBe('tooManyProposals');
    expect(
      (await propose(server, board.boardId, ben.token, { ...CARD, text: 'Ben’s' })).status,
    ).toBe(201);

    // Facilitators see every proposal live in their document; a participant's holds none.
    await waitFor(() => facilitator.doc.getMap('proposals').size === 4, 'the proposals');
    expect(JSON.stringify(participant.doc.toJSON())).not.toContain('Idea 1');
    const all = await callApi<{ proposals: Proposal[] }>(
      server,
      'GET',
      `/api/boards/${board.boardId}/proposals`,
      {
        token: board.facilitatorToken,
      },
    );
    expect(all.body.proposals.map((p) => p.text)).toEqual(['Idea 1', 'Idea 2', 'Idea 3', 'Ben’s']);
    const own = await callApi<{ proposals: Proposal[] }>(
      server,
      'GET',
      `/api/boards/${board.boardId}/proposals`,
      {
        token: ben.token,
      },
    );
    expect(own.body.proposals.map((p) => p.text)).toEqual(['Ben’s']);

    // Declined, one of Ana's stops counting against her three.
    const first = all.body.proposals[0];
    const declined = await callApi<Proposal & ErrorResponse>(
      server,
      'POST',
      `/api/boards/${board.boardId}/proposals/${first?.id}/decline`,
      { token: board.facilitatorToken },
    );
    expect(declined.body.status).toBe('declined');
    const twice = await callApi<ErrorResponse>(
      server,
      'POST',
      `/api/boards/${board.boardId}/proposals/${first?.id}/accept`,
      { token: board.facilitatorToken },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('proposalDecided');
    // A locked board is not reopened by accepting one.
    setPhase(facilitator.doc, 'final', 'local');
    await waitFor(() => readControl(participant.doc).phase === 'final', 'the lock');
    const locked = await callApi<ErrorResponse>(
      server,
      'POST',
      `/api/boards/${board.boardId}/proposals/${all.body.proposals[1]?.id}/accept`,
      { token: board.facilitatorToken },
    );
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('notDiscussing');
    setPhase(facilitator.doc, 'discussing', 'local');
    await waitFor(() => readControl(participant.doc).phase === 'discussing', 'discussion again');
    const byParticipant = await callApi<ErrorResponse>(
      server,
      'POST',
      `/api/boards/${board.boardId}/proposals/${all.body.proposals[1]?.id}/accept`,
      { token: ana.token },
    );
    expect(byParticipant.status).toBe(403);
    expect(
      (await propose(server, board.boardId, ana.token, { ...CARD, text: 'Idea 4' })).status,
    ).toBe(201);
  });

  it('accepted, becomes a new card that the room places in a round of its own', async () => {
    const server = await harness.start();
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
    const participant = await harness.connect(server, board.boardId, ana.token);
    setPhase(facilitator.doc, 'discussing', 'local');
    await waitFor(() => readControl(participant.doc).phase === 'discussing', 'discussion');
    const made = await propose(server, board.boardId, ana.token, CARD);

    const accepted = await callApi<Proposal>(
      server,
      'POST',
      `/api/boards/${board.boardId}/proposals/${made.body.id}/accept`,
      { token: board.facilitatorToken },
    );
    expect(accepted.status).toBe(200);
    // The seed's Trust has p1–p5: the new card is the next id never used.
    expect(accepted.body).toMatchObject({ status: 'accepted', cardId: 'trust.p6' });
    await waitFor(() => readControl(participant.doc).phase === 'placing', 'the new round');
    expect(readControl(participant.doc).roundCardIds).toEqual(['trust.p6']);
    const trust = readMeta(participant.doc)?.rubric.elements.find((e) => e.id === 'trust');
    expect(trust?.cards.at(-1)).toMatchObject({
      id: 'trust.p6',
      text: CARD.text,
      column: 'partnership',
    });

    // The participant places the new card, and the server keeps it.
    setPlacement(
      participant.doc,
      ana.participantId,
      'trust.p6',
      { x: 0.7, round: 1, at: Date.now() },
      'local',
    );
    await waitFor(
      () => facilitator.doc.getMap(`place:${ana.participantId}`).get('trust.p6') !== undefined,
      'the placement of the new card',
    );
    const cards = rubricCards(readMeta(facilitator.doc)?.rubric ?? ELEMENTS_OF_PARTNERSHIP);
    expect(cards).toHaveLength(rubricCards(ELEMENTS_OF_PARTNERSHIP).length + 1);
  });

  it('accepted while the whole board is being placed, joins that round without closing the others', async () => {
    const server = await harness.start();
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
    const participant = await harness.connect(server, board.boardId, ana.token);
    setPhase(facilitator.doc, 'discussing', 'local');
    await waitFor(() => readControl(participant.doc).phase === 'discussing', 'discussion');
    const made = await propose(server, board.boardId, ana.token, CARD);
    setPhase(facilitator.doc, 'placing', 'local');
    await waitFor(() => readControl(participant.doc).phase === 'placing', 'placing');
    const accepted = await callApi<Proposal>(
      server,
      'POST',
      `/api/boards/${board.boardId}/proposals/${made.body.id}/accept`,
      { token: board.facilitatorToken },
    );
    expect(accepted.status).toBe(200);
    await waitFor(
      () => readMeta(participant.doc)?.rubric.elements[0]?.cards.at(-1)?.id === 'trust.p6',
      'the new card',
    );
    // Every card can still be placed: the round stays the whole board's.
    expect(readControl(participant.doc)).toMatchObject({ phase: 'placing', roundCardIds: null });
  });
});
