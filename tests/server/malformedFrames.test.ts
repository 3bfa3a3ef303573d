/**
 * Frames no honest client sends, one kind at a time: each closes only the socket that sent it,
 * the room's document stays exactly as it was, and every other client keeps being served.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  encodeAwareness,
  encodeSyncUpdate,
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  SYNC_UPDATE,
} from '../../server/rooms/protocol.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_MALFORMED } from '../../shared/closeCodes.ts';
import { awarenessPayload, boardSocketUrl, openRawSocket } from '../support/rawSocket.ts';
import {
  connectClient,
  createBoard,
  joinBoard,
  serverHarness,
  synced,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

function bytes(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeUint8(encoder, part);
    else encoding.writeUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

function varUint(value: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}

/** A real placement update by a participant, to cut and corrupt. */
function realUpdate(participantId: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array(0);
  doc.on('update', (u: Uint8Array) => {
    update = u;
  });
  setPlacement(doc, participantId, 'trust.v1', { x: 0.5, round: 1, at: 1 }, 'local');
  return update;
}

interface Case {
  name: string;
  frame: (mallory: JoinResponse, anaClientId: number) => Uint8Array | string;
  code: number;
}

const cases: Case[] = [
  {
    name: 'random bytes',
    frame: () => bytes(0x9f, 0x13, 0xee, 0x02, 0x77, 0xc1, 0x00, 0x5a),
    code: CLOSE_MALFORMED,
  },
  { name: 'a truncated varint', frame: () => bytes(0x80, 0x80), code: CLOSE_MALFORMED },
  { name: 'an empty frame', frame: () => new Uint8Array(), code: CLOSE_MALFORMED },
  { name: 'an unknown message type', frame: () => bytes(varUint(7), 0, 0), code: CLOSE_MALFORMED },
  { name: 'an auth message', frame: () => bytes(2, 0), code: CLOSE_MALFORMED },
  { name: 'an unknown sync step', frame: () => bytes(MESSAGE_SYNC, 9, 0), code: CLOSE_MALFORMED },
  {
    name: 'a huge length prefix',
    frame: () => bytes(MESSAGE_SYNC, SYNC_UPDATE, varUint(2 ** 31), 1, 2, 3),
    code: CLOSE_MALFORMED,
  },
  {
    name: 'a huge length inside an update',
    frame: (mallory) => {
      // The root name's length prefix, inflated: `place:<id>` is preceded by its length.
      const update = realUpdate(mallory.participantId);
      const root = new TextEncoder().encode(`place:${mallory.participantId}`);
      const at = Buffer.from(update).indexOf(Buffer.from(root));
      expect(update[at - 1]).toBe(root.length);
      return encodeSyncUpdate(
        bytes(update.subarray(0, at - 1), varUint(2 ** 30), update.subarray(at)),
      );
    },
    code: CLOSE_MALFORMED,
  },
  {
    name: 'a truncated update',
    frame: (mallory) => encodeSyncUpdate(realUpdate(mallory.participantId).subarray(0, 12)),
    code: CLOSE_MALFORMED,
  },
  {
    name: 'trailing bytes after a message',
    frame: (mallory) => bytes(encodeSyncUpdate(realUpdate(mallory.participantId)), 0),
    code: CLOSE_MALFORMED,
  },
  {
    name: 'an update that is not Yjs',
    frame: () => encodeSyncUpdate(bytes(5, 0xff, 0xff, 0xff, 0x0f, 3, 3, 3)),
    code: CLOSE_MALFORMED,
  },
  {
    name: 'awareness that is not JSON',
    frame: () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, 99);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, '{"user":');
      return encodeAwareness(encoding.toUint8Array(encoder));
    },
    code: CLOSE_MALFORMED,
  },
  {
    name: 'awareness with a huge string length',
    frame: () => bytes(MESSAGE_AWARENESS, varUint(6), 1, 99, 1, varUint(2 ** 28), 0x7b),
    code: CLOSE_MALFORMED,
  },
  {
    name: "awareness for another client's id",
    frame: (mallory, anaClientId) =>
      encodeAwareness(
        awarenessPayload([
          {
            clientId: anaClientId,
            clock: 1_000,
            state: { user: { participantId: mallory.participantId }, drag: null },
          },
        ]),
      ),
    code: CLOSE_FORBIDDEN_WRITE,
  },
  { name: 'a text frame', frame: () => 'hello', code: CLOSE_MALFORMED },
];

describe('malformed frames', () => {
  it.each(cases)('$name: closes only that socket; the document is unchanged', async (c) => {
    const server = await harness.start();
    const board: CreateBoardResponse = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const mallory = await joinBoard(server, board, 'Mallory');
    const anaClient = connectClient(server, board.boardId, ana.token);
    const witness = connectClient(server, board.boardId, board.facilitatorToken);
    harness.track(anaClient, witness);
    await Promise.all([synced(anaClient), synced(witness)]);
    anaClient.provider.awareness.setLocalState({
      user: { participantId: ana.participantId },
      drag: null,
    });
    setPlacement(
      anaClient.doc,
      ana.participantId,
      'trust.v1',
      { x: 0.1, round: 1, at: 1 },
      'local',
    );
    await waitFor(
      () => readPlacement(witness.doc, ana.participantId, 'trust.v1') !== null,
      'the first placement',
    );
    const room = server.server.rooms.peek(board.boardId);
    if (!room) throw new Error('no room');
    const before = Y.encodeStateAsUpdate(room.doc);

    const socket = await openRawSocket(boardSocketUrl(server.wsUrl, board.boardId, mallory.token));
    socket.send(c.frame(mallory, anaClient.doc.clientID));
    expect((await socket.closed).code).toBe(c.code);
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);

    setPlacement(
      anaClient.doc,
      ana.participantId,
      'trust.v1',
      { x: 0.9, round: 1, at: 2 },
      'local',
    );
    await waitFor(
      () => readPlacement(witness.doc, ana.participantId, 'trust.v1')?.x === 0.9,
      'the next placement',
    );
    expect(anaClient.provider.wsconnected && witness.provider.wsconnected).toBe(true);
    expect(witness.provider.awareness.getStates().get(anaClient.doc.clientID)).toEqual({
      user: { participantId: ana.participantId },
      drag: null,
    });
  });
});
