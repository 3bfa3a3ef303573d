/**
 * Three server instances on one PostgreSQL and one Redis, as behind a load balancer: one holds
 * the board's room, the two others forward to it. Clients of one board spread over all three
 * converge; a write refused through any is refused at the one write gate and reaches nobody;
 * removing a person, revoking a link and deleting the board close their sockets on all three.
 * Real servers on port 0, stock clients.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessLinkResponse } from '../../shared/api.ts';
import {
  placeMap,
  readControl,
  readParticipants,
  setControl,
  setPhase,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_UNAUTHORIZED } from '../../shared/closeCodes.ts';
import { clusterHarness } from '../support/clusterInstances.ts';
import { skipWithoutPostgres } from '../support/postgresDatabase.ts';
import { skipWithoutRedis } from '../support/redisServer.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  nextClose,
  type RunningServer,
  serverHarness,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const cluster = clusterHarness(harness);
afterEach(async () => {
  await harness.stop();
  await cluster.stop();
});

async function threeInstances(): Promise<[RunningServer, RunningServer, RunningServer]> {
  const [a, b, c] = (await cluster.start(3)).servers;
  if (!a || !b || !c) throw new Error('three instances expected');
  return [a, b, c];
}

/** The whole board as a facilitator's client holds it, comparable between clients. */
function boardState(client: TestClient): string {
  const participants = [...readParticipants(client.doc).keys()].sort();
  return JSON.stringify({
    control: readControl(client.doc),
    placements: participants.map((id) => [id, placeMap(client.doc, id).toJSON()]),
  });
}

describe('three instances behind a balancer', () => {
  skipWithoutPostgres();
  skipWithoutRedis();

  it('clients of one board on all three converge', async () => {
    const [a, b, c] = await threeInstances();
    const board = await createBoard(a);
    const ana = await joinBoard(b, board, 'Ana');
    const ben = await joinBoard(c, board, 'Ben');
    // A takes the board with the first client; B and C forward theirs.
    const onA = await harness.connect(a, board.boardId, board.facilitatorToken);
    const onB = await harness.connect(b, board.boardId, board.facilitatorToken);
    const onC = await harness.connect(c, board.boardId, board.facilitatorToken);
    const facilitators = [onA, onB, onC];
    const anaOnB = await harness.connect(b, board.boardId, ana.token);
    const anaOnC = await harness.connect(c, board.boardId, ana.token);
    const benOnC = await harness.connect(c, board.boardId, ben.token);
    const benOnA = await harness.connect(a, board.boardId, ben.token);

    setPlacement(anaOnB.doc, ana.participantId, 'trust.v1', { x: 0.3, round: 1, at: 1 }, 'local');
    setPlacement(benOnC.doc, ben.participantId, 'trust.v2', { x: 0.6, round: 1, at: 2 }, 'local');
    setControl(onC.doc, 'showNames', true, 'local');
    await waitFor(
      () =>
        facilitators.every(
          (facilitator) =>
            placeMap(facilitator.doc, ana.participantId).has('trust.v1') &&
            placeMap(facilitator.doc, ben.participantId).has('trust.v2') &&
            readControl(facilitator.doc).showNames,
        ),
      'every facilitator, on each instance, to see every write',
    );
    // Each person's own placements reach their other device, on another instance.
    await waitFor(
      () =>
        placeMap(anaOnC.doc, ana.participantId).has('trust.v1') &&
        placeMap(benOnA.doc, ben.participantId).has('trust.v2'),
      "each person's other device to get their own placement",
    );
    expect(placeMap(anaOnC.doc, ben.participantId).size).toBe(0);

    setPhase(onB.doc, 'revealed', 'local');
    await waitFor(
      () => [anaOnB, anaOnC, benOnC, benOnA].every((p) => readControl(p.doc).phase === 'revealed'),
      'the phase to reach every participant',
    );
    const [first, ...others] = facilitators.map(boardState);
    for (const state of others) expect(state).toBe(first);
  });

  it('a write refused through any instance is refused everywhere and reaches nobody', async () => {
    const [a, b, c] = await threeInstances();
    const board = await createBoard(a);
    const ana = await joinBoard(a, board, 'Ana');
    const ben = await joinBoard(a, board, 'Ben');
    const onA = await harness.connect(a, board.boardId, board.facilitatorToken);
    const onB = await harness.connect(b, board.boardId, board.facilitatorToken);
    const onC = await harness.connect(c, board.boardId, board.facilitatorToken);
    const facilitators = [onA, onB, onC];
    const benOnB = await harness.connect(b, board.boardId, ben.token);
    const anaOnC = await harness.connect(c, board.boardId, ana.token);
    const anaOnB = await harness.connect(b, board.boardId, ana.token);

    // Ana places a card as Ben (through C), then moves the session on (through B).
    const forgedClosed = nextClose(anaOnC);
    setPlacement(anaOnC.doc, ben.participantId, 'trust.p1', { x: 0.9, round: 1, at: 1 }, 'local');
    expect((await forgedClosed).code).toBe(CLOSE_FORBIDDEN_WRITE);
    const phaseClosed = nextClose(anaOnB);
    setPhase(anaOnB.doc, 'final', 'local');
    expect((await phaseClosed).code).toBe(CLOSE_FORBIDDEN_WRITE);

    // A write accepted after them reaches everyone; the refused ones, sent before it, nobody.
    setControl(onA.doc, 'showNames', true, 'local');
    const everyone = [...facilitators, benOnB];
    await waitFor(
      () => everyone.every((client) => readControl(client.doc).showNames),
      'the accepted write to reach everyone',
    );
    for (const client of everyone) {
      expect(placeMap(client.doc, ben.participantId).has('trust.p1')).toBe(false);
      expect(readControl(client.doc).phase).toBe('placing');
    }
  });

  it('removing a person, revoking a link and deleting the board close their sockets on all three', async () => {
    const instances = await threeInstances();
    const [a, b, c] = instances;
    const board = await createBoard(a);
    const ana = await joinBoard(b, board, 'Ana');
    const ben = await joinBoard(c, board, 'Ben');
    const { body: kim } = await callApi<AccessLinkResponse>(
      b,
      'POST',
      `/api/boards/${board.boardId}/cofacilitators`,
      { token: board.facilitatorToken, body: { name: 'Kim' } },
    );
    const onEach = (token: string) =>
      Promise.all(instances.map((server) => harness.connect(server, board.boardId, token)));
    const anaClients = await onEach(ana.token);
    const kimClients = await onEach(kim.token);
    const benClients = await onEach(ben.token);

    const anaClosed = anaClients.map(nextClose);
    const removed = await callApi(
      c,
      'DELETE',
      `/api/boards/${board.boardId}/participants/${ana.participantId}`,
      { token: board.facilitatorToken },
    );
    expect(removed.status).toBe(204);
    for (const close of await Promise.all(anaClosed)) expect(close.code).toBe(CLOSE_UNAUTHORIZED);

    const kimClosed = kimClients.map(nextClose);
    const revoked = await callApi(
      b,
      'DELETE',
      `/api/boards/${board.boardId}/cofacilitators/${kim.participantId}`,
      { token: board.facilitatorToken },
    );
    expect(revoked.status).toBe(204);
    for (const close of await Promise.all(kimClosed)) expect(close.code).toBe(CLOSE_UNAUTHORIZED);

    const benClosed = benClients.map(nextClose);
    const deleted = await callApi(c, 'DELETE', `/api/boards/${board.boardId}`, {
      token: board.facilitatorToken,
    });
    expect(deleted.status).toBe(204);
    for (const close of await Promise.all(benClosed)) expect(close.code).toBe(CLOSE_UNAUTHORIZED);
  });
});
