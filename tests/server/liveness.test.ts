/**
 * Half-open sockets: a client that stops answering pings (a phone that left the wifi) is cut
 * once its pong is overdue, and with it go its presence and its connection slot.
 */
import { describe, expect, it } from 'vitest';
import { encodeAwareness } from '../../server/rooms/protocol.ts';
import { awarenessPayload, boardSocketUrl } from '../support/rawSocket.ts';
import { createBoard, joinBoard, serverHarness, waitFor } from '../support/testServer.ts';

const harness = serverHarness();

describe('liveness', () => {
  it('cuts a socket that stops answering pings, removing its presence and freeing its slot', async () => {
    const server = await harness.start(undefined, {
      // Two sockets from this address: the witness and the silent one; a third fits only once
      // the silent one's slot is free.
      limits: { pingIntervalMs: 50, pongTimeoutMs: 200, maxConnectionsPerAddress: 2 },
    });
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const witness = await harness.connect(server, board.boardId, board.facilitatorToken);
    const url = boardSocketUrl(server.wsUrl, board.boardId, ana.token);

    const silent = await harness.socket(url, { autoPong: false });
    const clientId = 424_242;
    const state = { user: { participantId: ana.participantId }, drag: null };
    silent.send(encodeAwareness(awarenessPayload([{ clientId, clock: 1, state }])));
    await waitFor(() => witness.provider.awareness.getStates().has(clientId), 'the presence');

    const closed = await silent.closed;
    expect(closed.code).toBe(1006); // cut, not closed: the peer would never answer a close
    await waitFor(
      () => !witness.provider.awareness.getStates().has(clientId),
      'the presence to be removed',
    );
    // The answering witness is still connected, and the slot is free for a new socket.
    expect(witness.provider.wsconnected).toBe(true);
    const replacement = await harness.socket(url);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(replacement.isClosed()).toBe(false);
  });
});
