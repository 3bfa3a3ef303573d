/**
 * The server end to end with real y-websocket clients in Node: sync between clients, presence
 * through awareness, authentication on the socket, and persistence across a restart.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { placeMap, readParticipants, readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSE_UNAUTHORIZED } from '../../shared/closeCodes.ts';
import { readFigures, readProgress } from '../../shared/publicView.ts';
import {
  connectClient,
  createBoard,
  joinBoard,
  nextClose,
  serverHarness,
  synced,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

describe('live board over the real server', () => {
  it('carries a placement to the facilitator and her other device, and its count to everyone else', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const ben = await joinBoard(running, board, 'Ben');
    const anaClient = harness.client(running, board.boardId, ana.token);
    const anaPhone = harness.client(running, board.boardId, ana.token);
    const benClient = harness.client(running, board.boardId, ben.token);
    const facilitator = harness.client(running, board.boardId, board.facilitatorToken);
    await Promise.all([anaClient, anaPhone, benClient, facilitator].map(synced));

    // All see the server-written board: meta with the rubric, and both participants.
    for (const client of [benClient, facilitator]) {
      const names = [...readParticipants(client.doc).values()].map((p) => p.name).sort();
      expect(names).toEqual(['Ana', 'Ben', 'Facilitator']);
    }

    setPlacement(
      anaClient.doc,
      ana.participantId,
      'trust.v1',
      { x: 0.42, round: 1, at: 1 },
      'local',
    );
    await waitFor(
      () =>
        readPlacement(facilitator.doc, ana.participantId, 'trust.v1') !== null &&
        readPlacement(anaPhone.doc, ana.participantId, 'trust.v1') !== null &&
        readProgress(benClient.doc)[ana.participantId] === 1,
      'the placement to reach the facilitator and her phone, and its count Ben',
    );
    expect(readPlacement(facilitator.doc, ana.participantId, 'trust.v1')?.x).toBe(0.42);
    expect(readPlacement(anaPhone.doc, ana.participantId, 'trust.v1')?.x).toBe(0.42);
    // Ben sees that Ana has placed the card, not where: placing is silent.
    expect(readFigures(benClient.doc).get('trust.v1')).toEqual({ round: 1, placed: 1 });
    expect(readPlacement(benClient.doc, ana.participantId, 'trust.v1')).toBe(null);
  });

  it('shows presence through awareness and removes it when a client disconnects', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const ben = await joinBoard(running, board, 'Ben');
    const anaClient = harness.client(running, board.boardId, ana.token);
    const benClient = connectClient(running, board.boardId, ben.token);
    await Promise.all([synced(anaClient), synced(benClient)]);
    benClient.provider.awareness.setLocalState({
      user: { participantId: ben.participantId },
      drag: { cardId: 'trust.v1' },
    });
    const benClientId = benClient.doc.clientID;
    await waitFor(
      () => anaClient.provider.awareness.getStates().has(benClientId),
      "Ben's presence to reach Ana",
    );
    expect(anaClient.provider.awareness.getStates().get(benClientId)).toEqual({
      user: { participantId: ben.participantId },
      drag: { cardId: 'trust.v1' },
    });

    // Closing the socket (as a closed tab does) removes the presence at once.
    benClient.provider.ws?.close();
    benClient.provider.shouldConnect = false;
    await waitFor(
      () => !anaClient.provider.awareness.getStates().has(benClientId),
      "Ben's presence to disappear",
    );
    benClient.destroy();
  });

  it('drops awareness states that claim to be someone else', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const mallory = await joinBoard(running, board, 'Mallory');
    const anaClient = harness.client(running, board.boardId, ana.token);
    const malloryClient = harness.client(running, board.boardId, mallory.token);
    await Promise.all([synced(anaClient), synced(malloryClient)]);
    malloryClient.provider.awareness.setLocalState({
      user: { participantId: ana.participantId },
      drag: null,
    });
    // An honest update from Mallory afterwards proves the forged one had its chance to arrive.
    const honest = harness.client(running, board.boardId, mallory.token);
    honest.provider.awareness.setLocalState({
      user: { participantId: mallory.participantId },
      drag: null,
    });
    await waitFor(
      () => anaClient.provider.awareness.getStates().has(honest.doc.clientID),
      'the honest presence',
    );
    expect(anaClient.provider.awareness.getStates().has(malloryClient.doc.clientID)).toBe(false);
  });

  it('closes a socket with 4401 for a bad token or an unknown board', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    const forged = harness.client(running, board.boardId, 'not-a-real-token');
    expect((await nextClose(forged)).code).toBe(CLOSE_UNAUTHORIZED);
    const ana = await joinBoard(running, board, 'Ana');
    const wrongBoard = harness.client(running, 'no-such-board', ana.token);
    expect((await nextClose(wrongBoard)).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('keeps every placement across a server restart on the same data folder', async () => {
    let running = await harness.start();
    const dataDir = running.dataDir;
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const anaClient = connectClient(running, board.boardId, ana.token);
    await synced(anaClient);
    for (const [index, cardId] of ['trust.v1', 'trust.v2', 'values.p1'].entries()) {
      setPlacement(
        anaClient.doc,
        ana.participantId,
        cardId,
        { x: index / 4, round: 1, at: 1 },
        'local',
      );
    }
    // Stored before applied: once the facilitator sees them, they are in SQLite.
    const facilitator = connectClient(running, board.boardId, board.facilitatorToken);
    await synced(facilitator);
    await waitFor(
      () => placeMap(facilitator.doc, ana.participantId).size === 3,
      'three placements',
    );
    anaClient.destroy();
    facilitator.destroy();
    await running.close();

    running = await harness.start(dataDir);
    const again = harness.client(running, board.boardId, board.facilitatorToken);
    await synced(again);
    expect(readPlacement(again.doc, ana.participantId, 'trust.v2')?.x).toBe(0.25);
    expect(readPlacement(again.doc, ana.participantId, 'values.p1')?.x).toBe(0.5);
    expect(readParticipants(again.doc).get(ana.participantId)?.name).toBe('Ana');
  });
});

describe('the stored log', () => {
  it('is compacted into one state update when the last client leaves', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const client = connectClient(running, board.boardId, ana.token);
    await synced(client);
    for (let i = 0; i < 20; i++) {
      setPlacement(
        client.doc,
        ana.participantId,
        'trust.v1',
        { x: i / 20, round: 1, at: i },
        'local',
      );
    }
    const store = new Database(join(running.dataDir, 'continuum.sqlite'), { readonly: true });
    // Each board has two logs: its own document and the view that participants get.
    const rows = (log: 'board' | 'view') =>
      (
        store
          .prepare('SELECT COUNT(*) AS n FROM updates WHERE board_id = ? AND log = ?')
          .get(board.boardId, log) as {
          n: number;
        }
      ).n;
    await waitFor(() => rows('board') > 10, 'the drops to be stored one by one');
    client.destroy();
    await waitFor(
      () => rows('board') === 1 && rows('view') === 1,
      'both logs to be compacted',
      5_000,
    );
    store.close();
    // The compacted state holds the last position, and the view its count.
    const again = harness.client(running, board.boardId, board.facilitatorToken);
    const view = harness.client(running, board.boardId, ana.token);
    await Promise.all([synced(again), synced(view)]);
    expect(readPlacement(again.doc, ana.participantId, 'trust.v1')?.x).toBe(0.95);
    expect(readPlacement(view.doc, ana.participantId, 'trust.v1')?.x).toBe(0.95);
    expect(readFigures(view.doc).get('trust.v1')).toEqual({ round: 1, placed: 1 });
  });
});
