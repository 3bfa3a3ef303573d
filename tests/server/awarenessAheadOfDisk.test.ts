/**
 * Awareness is stored nowhere, so it does not wait for the disk (server/rooms/fanOut.ts): while
 * the store has not yet committed a drop, the dropper's next drag already reaches the others,
 * and the drop itself only once it is stored.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore, STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import type { Store } from '../../server/persistence/store.ts';
import { readControl, readPlacement, setPhase, setPlacement } from '../../shared/boardDoc.ts';
import { createBoard, joinBoard, serverHarness, waitFor } from '../support/testServer.ts';

const harness = serverHarness();

/** SQLite whose appends wait, while held, until they are let go: a commit that takes its time. */
function heldStore(dataDir: string): { store: Store; hold: () => () => void } {
  const sqlite = new SqliteStore(join(dataDir, STORE_FILE_NAME));
  let held: Promise<void> | null = null;
  const appendUpdates: Store['appendUpdates'] = (entries) => {
    const waiting = held;
    if (waiting === null) return sqlite.appendUpdates(entries);
    const copy = [...entries];
    return waiting.then(() => sqlite.appendUpdates(copy));
  };
  const store = new Proxy(sqlite, {
    get(target, property) {
      if (property === 'appendUpdates') return appendUpdates;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const hold = () => {
    let release: () => void = () => undefined;
    held = new Promise<void>((resolve) => {
      release = resolve;
    });
    return () => {
      held = null;
      release();
    };
  };
  return { store, hold };
}

describe('awareness and the disk', () => {
  it('sends a drag while the drop before it waits for its commit, and the drop once it is stored', async () => {
    let opened: ReturnType<typeof heldStore> | null = null;
    const server = await harness.start(undefined, {
      openStore: (dataDir) => {
        opened = heldStore(dataDir);
        return opened.store;
      },
    });
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
    const anaClient = await harness.connect(server, board.boardId, ana.token);
    expect(readControl(facilitator.doc).phase).toBe('placing');
    const store = opened as ReturnType<typeof heldStore> | null;
    if (store === null) throw new Error('the server opened no store');

    const release = store.hold();
    setPlacement(
      anaClient.doc,
      ana.participantId,
      'trust.v1',
      { x: 0.4, round: 1, at: 1 },
      'local',
    );
    anaClient.provider.awareness.setLocalState({
      user: { participantId: ana.participantId },
      drag: { cardId: 'trust.v2' },
    });
    const anaId = anaClient.doc.clientID;
    await waitFor(
      () => facilitator.provider.awareness.getStates().get(anaId)?.drag?.cardId === 'trust.v2',
      "Ana's drag, while her drop is not stored yet",
    );
    expect(readPlacement(facilitator.doc, ana.participantId, 'trust.v1')).toBeNull();

    release();
    await waitFor(
      () => readPlacement(facilitator.doc, ana.participantId, 'trust.v1') !== null,
      "Ana's drop, once stored",
    );
  });

  it('lets drag positions through only once the reveal is stored', async () => {
    let opened: ReturnType<typeof heldStore> | null = null;
    const server = await harness.start(undefined, {
      openStore: (dataDir) => {
        opened = heldStore(dataDir);
        return opened.store;
      },
    });
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const ben = await joinBoard(server, board, 'Ben');
    const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
    const anaClient = await harness.connect(server, board.boardId, ana.token);
    const benClient = await harness.connect(server, board.boardId, ben.token);
    expect(readControl(facilitator.doc).phase).toBe('placing');
    const store = opened as ReturnType<typeof heldStore> | null;
    if (store === null) throw new Error('the server opened no store');
    const anaId = anaClient.doc.clientID;
    const seenByBen = () => benClient.provider.awareness.getStates().get(anaId)?.drag;
    const drag = (x: number) =>
      anaClient.provider.awareness.setLocalState({
        user: { participantId: ana.participantId },
        drag: { cardId: 'trust.v1', x },
      });

    const release = store.hold();
    setPhase(facilitator.doc, 'revealed', 'local');
    // The server has the reveal in memory (it answers the facilitator's next write in order)
    // but not on disk: a drag made now still arrives without its position.
    drag(0.3);
    await waitFor(() => seenByBen()?.cardId === 'trust.v1', "Ana's drag, the reveal unstored");
    await new Promise((resolve) => setTimeout(resolve, 100));
    drag(0.35);
    await waitFor(() => seenByBen() !== undefined, "Ana's second drag");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seenByBen()).toEqual({ cardId: 'trust.v1' });

    release();
    await waitFor(() => readControl(benClient.doc).phase === 'revealed', 'the stored reveal');
    drag(0.4);
    await waitFor(() => seenByBen()?.x === 0.4, 'the position, once the reveal is stored');
  });
});
