/**
 * The client's read-model binding (client/state/bindBoard.ts) with a real Y.Doc and the real
 * zustand store, in Node: what a participant's screen would show as changes arrive from others.
 * Others write in their own document; their updates reach the bound one as from the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { bindBoard } from '../../../client/state/bindBoard.ts';
import { type BoardState, createBoardStore } from '../../../client/state/boardStore.ts';
import type { AwarenessState } from '../../../shared/awarenessState.ts';
import {
  initBoardDoc,
  type Participant,
  putParticipant,
  readControl,
  setFinal,
  setPhase,
  setPlacement,
} from '../../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';
import { distributionVisible, groupVisible } from '../../../shared/visibility.ts';

const ME = 'ana';
const OTHERS = ['ben', 'cleo', 'dan'] as const;
const CARD = 'trust.v1';
const OTHER_CARD = 'trust.v2';

function person(name: string, joinedAt: number): Participant {
  return { name, role: 'participant', color: '#0072B2', joinedAt };
}

/** The server's copy, where others' changes are made, and this screen's bound copy. */
function setUp() {
  const remote = new Y.Doc();
  initBoardDoc(
    remote,
    { title: 'Retreat', createdAt: 1000, organisations: [], rubric: ELEMENTS_OF_PARTNERSHIP },
    'server',
  );
  putParticipant(remote, 'facilitator', { ...person('Fay', 1), role: 'facilitator' }, 'server');
  putParticipant(remote, ME, person('Ana', 2), 'server');
  for (const [index, id] of OTHERS.entries()) {
    putParticipant(remote, id, person(id, 3 + index), 'server');
  }

  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'remote');
  remote.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'remote'));
  const awareness = new Awareness(doc);
  const store = createBoardStore();
  const unbind = bindBoard(doc, awareness, store);
  let updates = 0;
  store.subscribe(() => {
    updates += 1;
  });
  cleanups.push(() => {
    unbind();
    awareness.destroy();
  });
  return {
    remote,
    doc,
    awareness,
    store,
    unbind,
    /** How many times the store has changed since the last call. */
    takeUpdates() {
      const count = updates;
      updates = 0;
      return count;
    },
    place(participantId: string, cardId: string, x: number) {
      setPlacement(remote, participantId, cardId, { x, round: 1, at: 5000 }, 'local');
    },
  };
}

/** What Ana's screen shows of a card's group: nothing, or the placements counted on it. */
function groupShownToParticipant(state: BoardState, cardId: string): number | null {
  const stats = state.stats[cardId];
  if (!stats) return null;
  const shown =
    distributionVisible(state.control.phase, 'participant', state.ui.peek) &&
    groupVisible(stats.placed.length, 'participant');
  return shown ? stats.placed.length : null;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('bindBoard: the read-model a screen shows', () => {
  it('starts from what the document already holds', () => {
    const { store } = setUp();
    const state = store.getState();
    expect(state.meta?.title).toBe('Retreat');
    expect(state.control.phase).toBe('placing');
    expect(state.countedTotal).toBe(4);
    expect(state.stats[CARD]?.placed).toEqual([]);
  });

  it("another participant's placement updates that card and leaves the others as they were", () => {
    const board = setUp();
    board.place('cleo', OTHER_CARD, 0.3);
    const before = board.store.getState();
    board.takeUpdates();

    board.place('ben', CARD, 0.8);

    const after = board.store.getState();
    expect(board.takeUpdates()).toBe(1);
    expect(after.placements[CARD]?.ben?.x).toBe(0.8);
    expect(after.stats[CARD]?.placed.map((entry) => entry.participantId)).toEqual(['ben']);
    expect(after.roundPlaced).toEqual({ ben: 1, cleo: 1 });
    // The other card's slices keep their identity, so its row does not re-render.
    expect(after.placements[OTHER_CARD]).toBe(before.placements[OTHER_CARD]);
    expect(after.stats[OTHER_CARD]).toBe(before.stats[OTHER_CARD]);
    expect(after.participants).toBe(before.participants);
    expect(after.control).toBe(before.control);
  });

  it('shows a phase change, and the group only once revealed and placed by three', () => {
    const board = setUp();
    board.place('ben', CARD, 0.2);
    board.place('cleo', CARD, 0.4);
    board.place('dan', CARD, 0.6);
    expect(groupShownToParticipant(board.store.getState(), CARD)).toBeNull();
    board.takeUpdates();

    setPhase(board.remote, 'revealed', 'local');

    const state = board.store.getState();
    expect(board.takeUpdates()).toBe(1);
    expect(state.control.phase).toBe('revealed');
    expect(groupShownToParticipant(state, CARD)).toBe(3);
    expect(state.stats[CARD]?.summary.median).toBe(0.4);
    // Two placements are never shown, so nobody can be identified.
    board.place('ben', OTHER_CARD, 0.5);
    board.place('cleo', OTHER_CARD, 0.5);
    expect(groupShownToParticipant(board.store.getState(), OTHER_CARD)).toBeNull();

    setPhase(board.remote, 'placing', 'local');
    expect(groupShownToParticipant(board.store.getState(), CARD)).toBeNull();
  });

  it('shows an agreed position when the facilitator records one', () => {
    const board = setUp();
    setFinal(board.remote, CARD, { x: 0.65, note: 'after discussion' }, 'local');
    expect(board.store.getState().final[CARD]).toEqual({ x: 0.65, note: 'after discussion' });
  });

  it('a removed participant stops counting: totals, the card and the placed counts', () => {
    const board = setUp();
    board.place('ben', CARD, 0.2);
    board.place('cleo', CARD, 0.9);
    expect(board.store.getState().countedTotal).toBe(4);
    board.takeUpdates();

    putParticipant(board.remote, 'cleo', { ...person('cleo', 4), removed: true }, 'server');

    const state = board.store.getState();
    expect(board.takeUpdates()).toBe(1);
    expect(state.participants.cleo?.removed).toBe(true);
    expect(state.countedTotal).toBe(3);
    expect(state.stats[CARD]?.placed.map((entry) => entry.participantId)).toEqual(['ben']);
    expect(state.roundPlaced).toEqual({ ben: 1 });
  });

  it('updates the store once for a transaction that changes many things', () => {
    const board = setUp();
    board.takeUpdates();

    board.remote.transact(() => {
      for (const [index, id] of OTHERS.entries()) {
        setPlacement(board.remote, id, CARD, { x: index / 4, round: 1, at: 1 }, 'local');
        setPlacement(board.remote, id, OTHER_CARD, { x: 0.5, round: 1, at: 1 }, 'local');
      }
      setPhase(board.remote, 'revealed', 'local');
    }, 'local');

    expect(board.takeUpdates()).toBe(1);
    const state = board.store.getState();
    expect(state.control.phase).toBe('revealed');
    expect(state.stats[CARD]?.placed).toHaveLength(3);
    expect(state.stats[OTHER_CARD]?.placed).toHaveLength(3);
  });

  it("shows another participant's live drag on that card only", () => {
    const board = setUp();
    const theirs = new Awareness(board.remote);
    cleanups.push(() => theirs.destroy());
    const dragging: AwarenessState = { user: { participantId: 'ben' }, drag: { cardId: CARD } };
    theirs.setLocalState(dragging);

    applyAwarenessUpdate(
      board.awareness,
      encodeAwarenessUpdate(theirs, [theirs.clientID]),
      'remote',
    );

    const state = board.store.getState();
    expect(state.drags[CARD]).toEqual([{ participantId: 'ben' }]);
    expect(state.drags[OTHER_CARD]).toBeUndefined();
    expect(state.online).toEqual(['ben']);
  });

  it('stops following the document once unbound', () => {
    const board = setUp();
    board.unbind();
    board.takeUpdates();

    board.place('ben', CARD, 0.8);
    setPhase(board.remote, 'revealed', 'local');

    expect(board.takeUpdates()).toBe(0);
    const state = board.store.getState();
    expect(state.control.phase).toBe('placing');
    expect(state.placements[CARD]).toBeUndefined();
    // The document itself did change: only the screen stopped listening.
    expect(readControl(board.doc).phase).toBe('revealed');
  });
});
