/**
 * "Here" counts a phone whose screen locked for two minutes after its connection closed, however
 * long the room was quiet before it left, and not after.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { bindBoard } from '../../../client/state/bindBoard.ts';
import { createBoardStore } from '../../../client/state/boardStore.ts';
import { initBoardDoc, putParticipant } from '../../../shared/boardDoc.ts';
import { RECENTLY_HERE_MS } from '../../../shared/roomProgress.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('who is here', () => {
  it('keeps a person who left a quiet room here for two minutes, then not', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    const doc = new Y.Doc();
    initBoardDoc(
      doc,
      { title: 'R', createdAt: 1, organisations: [], rubric: ELEMENTS_OF_PARTNERSHIP },
      'server',
    );
    putParticipant(
      doc,
      'ben',
      { name: 'Ben', role: 'participant', color: '#000000', joinedAt: 2 },
      'server',
    );
    const awareness = new Awareness(doc);
    const store = createBoardStore();
    const unbind = bindBoard(doc, awareness, store, 'board');
    const phoneDoc = new Y.Doc();
    const phone = new Awareness(phoneDoc);
    phone.setLocalState({ user: { participantId: 'ben' }, drag: null });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(phone, [phoneDoc.clientID]), 'remote');
    expect(store.getState().progress.here).toBe(1);

    // Three quiet minutes (nobody drags), then the phone's screen locks.
    vi.advanceTimersByTime(3 * 60_000);
    removeAwarenessStates(awareness, [phoneDoc.clientID], 'remote');
    expect(store.getState().online).toEqual([]);
    expect(store.getState().progress.here).toBe(1);

    vi.advanceTimersByTime(RECENTLY_HERE_MS - 1_000);
    expect(store.getState().progress.here).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(store.getState().progress.here).toBe(0);
    unbind();
    phone.destroy();
    awareness.destroy();
  });
});
