/**
 * `fresh=1` on the websocket (a device that holds nothing of the board, issue 15): the real
 * server on port 0 sends everything right after its own step 1, before the client has said a
 * word, and its answer to the client's step 1 then repeats none of it; a write made in between
 * still reaches the client; and without the flag the server waits for the client's step 1, as
 * the stock protocol does.
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  encodeSyncStep1,
  encodeSyncUpdate,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
} from '../../server/rooms/protocol.ts';
import { metaMap, participantsMap, readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { boardSocketUrl, type RawSocket } from '../support/rawSocket.ts';
import { createBoard, joinBoard, serverHarness, waitFor } from '../support/testServer.ts';

const harness = serverHarness();
const CARD = rubricCards(ELEMENTS_OF_PARTNERSHIP)[0]?.id ?? 'trust.v1';

interface SyncFrame {
  step: number;
  payload: Uint8Array;
}

/** The sync frames a socket received, in order (awareness left out). */
function syncFrames(socket: RawSocket): SyncFrame[] {
  const frames: SyncFrame[] = [];
  for (const frame of socket.received) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    const step = decoding.readVarUint(decoder);
    frames.push({ step, payload: decoding.readVarUint8Array(decoder) });
  }
  return frames;
}

/** The document a socket's client holds: every step 2 and update it received, applied. */
function docOf(socket: RawSocket): Y.Doc {
  const doc = new Y.Doc();
  for (const frame of syncFrames(socket)) {
    if (frame.step !== SYNC_STEP1) Y.applyUpdate(doc, frame.payload);
  }
  return doc;
}

/** How many structs (insertions) an update carries. */
function structCount(update: Uint8Array): number {
  return Y.decodeUpdate(update).structs.length;
}

describe('a device that holds nothing is sent the board without being asked', () => {
  it("sends step 2 with its step 1, and answers the client's step 1 with only what is newer", async () => {
    const server = await harness.start();
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const ben = await joinBoard(server, board, 'Ben');

    const fresh = await harness.socket(
      `${boardSocketUrl(server.wsUrl, board.boardId, ana.token)}&fresh=1`,
    );
    // The client says nothing: the board arrives anyway.
    await waitFor(
      () => syncFrames(fresh).some((frame) => frame.step === SYNC_STEP2),
      'the step 2 sent unasked',
    );
    const [first, second] = syncFrames(fresh);
    expect(first?.step).toBe(SYNC_STEP1);
    expect(second?.step).toBe(SYNC_STEP2);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, second?.payload ?? new Uint8Array());
    // What a participant's view holds: the board's meta and the people in it.
    expect(metaMap(doc).get('title')).toBe('Test board');
    expect([...participantsMap(doc).keys()]).toEqual(
      expect.arrayContaining([ana.participantId, ben.participantId]),
    );

    // Ben places a card meanwhile, before Ana's own step 1 reaches the server.
    const benDoc = new Y.Doc();
    const benSocket = await harness.socket(boardSocketUrl(server.wsUrl, board.boardId, ben.token));
    benSocket.send(encodeSyncStep1(Y.encodeStateVector(benDoc)));
    await waitFor(
      () => syncFrames(benSocket).some((frame) => frame.step === SYNC_STEP2),
      "Ben's sync",
    );
    Y.applyUpdate(benDoc, Y.encodeStateAsUpdate(docOf(benSocket)));
    let benUpdate: Uint8Array | null = null;
    benDoc.on('update', (update: Uint8Array) => {
      benUpdate = update;
    });
    setPlacement(benDoc, ben.participantId, CARD, { x: 0.25, round: 1, at: Date.now() }, 'local');
    const written = benUpdate as Uint8Array | null;
    if (written === null) throw new Error('the placement made no update');
    benSocket.send(encodeSyncUpdate(written));

    // Ana's provider sends its step 1 as it opened: holding nothing.
    const before = syncFrames(fresh).length;
    fresh.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(
      () =>
        syncFrames(fresh)
          .slice(before)
          .some((frame) => frame.step === SYNC_STEP2),
      "the answer to Ana's step 1",
    );
    const answer = syncFrames(fresh)
      .slice(before)
      .find((frame) => frame.step === SYNC_STEP2);
    // Nothing of what was sent unasked comes again: at most the view's change for Ben's card.
    expect(structCount(answer?.payload ?? new Uint8Array())).toBeLessThan(
      structCount(second?.payload ?? new Uint8Array()),
    );
    // Ana ends with the server's whole view: her document equals a newcomer's full sync.
    const check = await harness.socket(boardSocketUrl(server.wsUrl, board.boardId, ana.token));
    check.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(
      () => syncFrames(check).some((frame) => frame.step === SYNC_STEP2),
      'a full sync to compare with',
    );
    const vectorOf = (socket: RawSocket) => Y.encodeStateVector(docOf(socket)).join();
    await waitFor(
      () => vectorOf(fresh) === vectorOf(check),
      "Ana's document to hold the whole view",
    );
    // Placing is silent: Ana never holds Ben's position.
    expect(readPlacement(docOf(fresh), ben.participantId, CARD)).toBeNull();
  });

  it("without fresh=1 the server waits for the client's step 1", async () => {
    const server = await harness.start();
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const socket = await harness.socket(boardSocketUrl(server.wsUrl, board.boardId, ana.token));
    await waitFor(() => syncFrames(socket).length > 0, "the server's step 1");
    // Its step 2 would be sent with its step 1; updates to the board may come meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const steps = syncFrames(socket).map((frame) => frame.step);
    expect(steps[0]).toBe(SYNC_STEP1);
    expect(steps).not.toContain(SYNC_STEP2);
    socket.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(
      () => syncFrames(socket).some((frame) => frame.step === SYNC_STEP2),
      'the answer to its step 1',
    );
  });
});
