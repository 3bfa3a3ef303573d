/**
 * A client that reconnects (after a crash, or a socket the server dropped) may send a new write
 * before its sync step 2, which carries the writes the server lost. That write has a gap in the
 * client's clocks: the server sets it aside without closing the socket, and the step 2 brings it
 * in with everything before it. After the step 2 a gap is refused as before (4403).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep2, encodeSyncUpdate } from '../../server/rooms/protocol.ts';
import { readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE } from '../../shared/closeCodes.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRules.ts';
import { boardSocketUrl } from '../support/rawSocket.ts';
import { createBoard, joinBoard, serverHarness, synced, waitFor } from '../support/testServer.ts';

const harness = serverHarness();

/** Writes a placement in `doc` and returns the update it made. */
function place(doc: Y.Doc, participantId: string, cardId: string, x: number): Uint8Array {
  let made: Uint8Array = new Uint8Array(0);
  const keep = (update: Uint8Array) => {
    made = update;
  };
  doc.on('update', keep);
  setPlacement(doc, participantId, cardId, { x, round: 1, at: 1 }, 'local');
  doc.off('update', keep);
  return made;
}

describe('a write that overtakes its step 2', () => {
  it('is set aside until the step 2 brings it; after the step 2 a gap is refused', async () => {
    const running = await harness.start();
    const board = await createBoard(running);
    const ana = await joinBoard(running, board, 'Ana');
    const witness = harness.client(running, board.boardId, board.facilitatorToken);
    await synced(witness);
    const room = running.server.rooms.peek(board.boardId);
    if (!room) throw new Error('no room');

    // Ana's tab holds two writes the server never got; its next write goes out first.
    const anaDoc = new Y.Doc();
    Y.applyUpdate(anaDoc, Y.encodeStateAsUpdate(room.doc));
    const lost = Y.encodeStateVector(anaDoc);
    place(anaDoc, ana.participantId, 'trust.v1', 0.1);
    place(anaDoc, ana.participantId, 'trust.v2', 0.2);
    const overtaking = place(anaDoc, ana.participantId, 'trust.v3', 0.3);

    const socket = await harness.socket(boardSocketUrl(running.wsUrl, board.boardId, ana.token));
    socket.send(encodeSyncUpdate(overtaking));
    socket.send(encodeSyncStep2(Y.encodeStateAsUpdate(anaDoc, lost)));
    await waitFor(
      () => readPlacement(witness.doc, ana.participantId, 'trust.v3')?.x === 0.3,
      'all three writes',
    );
    expect(readPlacement(witness.doc, ana.participantId, 'trust.v1')?.x).toBe(0.1);
    expect(socket.isClosed()).toBe(false);

    place(anaDoc, ana.participantId, 'trust.v4', 0.4);
    const gapped = place(anaDoc, ana.participantId, 'trust.v5', 0.5);
    socket.send(encodeSyncUpdate(gapped));
    expect(await socket.closed).toEqual({
      code: CLOSE_FORBIDDEN_WRITE,
      reason: WRITE_REJECTIONS.missing,
    });
    expect(readPlacement(room.doc, ana.participantId, 'trust.v5')).toBe(null);
  });
});
