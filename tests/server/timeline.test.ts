/**
 * The board's figures over the day (issue 16, "Over the day") on the real server: recorded at a
 * phase change from what participants placed, given to facilitators only, still there after the
 * server restarts on the same SQLite file (and on the same PostgreSQL database), carried by the
 * snapshot and restored by its import.
 */
import { describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/persistence/postgres/postgresStore.ts';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { setControl, setPlacement } from '../../shared/boardDoc.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import { replayTimeline, type TimelineResponse } from '../../shared/timeline.ts';
import { freshSchemaUrl, skipWithoutPostgres } from '../support/postgresDatabase.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  type RunningServer,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const CARD = 'trust.v1';

function timelineOf(server: RunningServer, boardId: string, token?: string) {
  return callApi<TimelineResponse>(server, 'GET', `/api/boards/${boardId}/timeline`, {
    ...(token === undefined ? {} : { token }),
  });
}

/** Three people place CARD, then the facilitator reveals: the reveal is recorded. */
async function revealedBoard(server: RunningServer): Promise<CreateBoardResponse> {
  const board = await createBoard(server);
  const people = await Promise.all(
    ['Ana', 'Ben', 'Cleo'].map((name) => joinBoard(server, board, name)),
  );
  const positions = [0.2, 0.5, 0.6];
  for (const [index, person] of people.entries()) {
    const client = await harness.connect(server, board.boardId, person.token);
    setPlacement(
      client.doc,
      person.participantId,
      CARD,
      { x: positions[index] ?? 0, round: 1, at: Date.now() },
      'local',
    );
  }
  const desk = await harness.connect(server, board.boardId, board.facilitatorToken);
  await waitFor(() => {
    let placed = 0;
    for (const person of people)
      if (desk.doc.getMap(`place:${person.participantId}`).has(CARD)) placed += 1;
    return placed === 3;
  }, 'the three placements to reach the facilitator');
  setControl(desk.doc, 'phase', 'revealed', 'local');
  return board;
}

describe('the timeline on the server', () => {
  it('records the reveal with its figures, for facilitators only, and keeps it over a restart', async () => {
    const server = await harness.start();
    const board = await revealedBoard(server);
    let entries: TimelineResponse['entries'] = [];
    const deadline = Date.now() + 5_000;
    while (!entries.some((entry) => entry.phase === 'revealed') && Date.now() < deadline) {
      entries = (await timelineOf(server, board.boardId, board.facilitatorToken)).body.entries;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const revealed = replayTimeline(entries).find((moment) => moment.phase === 'revealed');
    // Median 0.5, IQR 0.2, count 3, in thousandths.
    expect(revealed?.cards.get(CARD)).toEqual([500, 200, expect.any(Number), 3]);
    expect(revealed?.round).toBe(1);

    const participant = await joinBoard(server, board, 'Dora');
    expect((await timelineOf(server, board.boardId, participant.token)).status).toBe(403);
    expect((await timelineOf(server, board.boardId)).status).toBe(401);

    // Stopped and started again on the same SQLite file: the timeline is there as it was.
    await harness.stop();
    const again = await harness.start(server.dataDir);
    const after = await timelineOf(again, board.boardId, board.facilitatorToken);
    expect(after.status).toBe(200);
    expect(after.body.entries.slice(0, entries.length)).toEqual(entries);
  });

  it('goes out with the snapshot and comes back with its import', async () => {
    const server = await harness.start();
    const board = await revealedBoard(server);
    let snapshot: Snapshot | null = null;
    const deadline = Date.now() + 5_000;
    while (
      !snapshot?.timeline?.some((entry) => entry.phase === 'revealed') &&
      Date.now() < deadline
    ) {
      snapshot = (
        await callApi<Snapshot>(
          server,
          'GET',
          `/api/boards/${board.boardId}/snapshot.json?anonymous=1`,
          {
            token: board.facilitatorToken,
          },
        )
      ).body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const timeline = snapshot?.timeline ?? [];
    expect(timeline.some((entry) => entry.cards[CARD]?.[3] === 3)).toBe(true);
    const imported = await callApi<CreateBoardResponse>(server, 'POST', '/api/boards/import', {
      body: snapshot,
    });
    expect(imported.status).toBe(201);
    const restored = await timelineOf(
      server,
      imported.body.boardId,
      imported.body.facilitatorToken,
    );
    expect(restored.body.entries).toEqual(timeline);

    // A timeline naming a card the rubric lacks is refused, with the field named.
    const bad = structuredClone(snapshot) as Snapshot;
    bad.timeline = [{ at: 1, phase: 'placing', round: 1, cards: { 'no.such': [1, 1, 1, 3] } }];
    const refused = await callApi<{ code: string; field?: string }>(
      server,
      'POST',
      '/api/boards/import',
      { body: bad },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('timeline.0.cards.no.such');
  });
});

describe('the timeline on PostgreSQL', () => {
  skipWithoutPostgres();

  it('is recorded, and read back by a server started again on the same database', async () => {
    const url = await freshSchemaUrl();
    const quiet = { logger: { error: () => undefined } };
    const first = await PostgresStore.open(url, quiet);
    const server = await harness.start(undefined, { openStore: () => first });
    const board = await revealedBoard(server);
    let entries: TimelineResponse['entries'] = [];
    const deadline = Date.now() + 5_000;
    while (!entries.some((entry) => entry.phase === 'revealed') && Date.now() < deadline) {
      entries = (await timelineOf(server, board.boardId, board.facilitatorToken)).body.entries;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(entries.some((entry) => entry.cards[CARD]?.[3] === 3)).toBe(true);
    await harness.stop();
    const second = await PostgresStore.open(url, quiet);
    const again = await harness.start(undefined, { openStore: () => second });
    const after = await timelineOf(again, board.boardId, board.facilitatorToken);
    expect(after.body.entries.slice(0, entries.length)).toEqual(entries);
  });
});
