/**
 * The storage contract: what every store (persistence/store.ts) must do, as one suite. Each
 * store runs it from its own test file with a factory for a fresh, empty store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FencedError } from '../../server/persistence/fencedError.ts';
import type { Awaitable, BoardRecord, Store, TokenRecord } from '../../server/persistence/store.ts';

const STATE = new Uint8Array([0, 0]);

function board(boardId: string, joinCode = `CODE-${boardId}`): BoardRecord {
  return { boardId, joinCode, title: `Board ${boardId}`, organisations: ['A', 'B'], createdAt: 1 };
}

function token(boardId: string, participantId: string, hashByte: number): TokenRecord {
  return {
    tokenHash: Buffer.alloc(32, hashByte),
    boardId,
    participantId,
    role: 'facilitator',
    createdAt: 2,
    revokedAt: null,
  };
}

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

export function describeStorageContract(name: string, makeStore: () => Awaitable<Store>): void {
  describe(`storage contract: ${name}`, () => {
    const opened: Store[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });
    async function fresh(): Promise<Store> {
      const store = await makeStore();
      opened.push(store);
      return store;
    }

    it('creates a board with its first state and token, and finds it by id and join code', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      expect(await store.getBoard('b1')).toEqual(board('b1'));
      expect(await store.findBoardByJoinCode('CODE-b1')).toEqual(board('b1'));
      expect(await store.isJoinCodeTaken('CODE-b1')).toBe(true);
      expect(await store.isJoinCodeTaken('CODE-b2')).toBe(false);
      expect(await store.getBoard('b2')).toBeNull();
      expect(await store.findBoardByJoinCode('CODE-b2')).toBeNull();
      expect(await store.loadUpdates('b1')).toEqual([{ data: STATE, format: 1 }]);
      expect(await store.findToken(Buffer.alloc(32, 1))).toEqual(token('b1', 'creator', 1));
      expect(await store.creatorOf('b1')).toBe('creator');
      expect(await store.creatorOf('b2')).toBeNull();
    });

    it('creates a board all or nothing', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      // Same join code: refused, and neither its row nor its token stays.
      await expect(
        (async () => store.createBoard(board('b2', 'CODE-b1'), STATE, token('b2', 'x', 2)))(),
      ).rejects.toThrow();
      expect(await store.getBoard('b2')).toBeNull();
      expect(await store.findToken(Buffer.alloc(32, 2))).toBeNull();
      expect(await store.loadUpdates('b2')).toEqual([]);
    });

    it('keeps tokens by hash and revokes every live token of one participant', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.insertToken({ ...token('b1', 'ana', 3), role: 'participant' });
      await store.revokeTokensOf('b1', 'ana', 5);
      await store.insertToken({ ...token('b1', 'ana', 2), role: 'participant' });
      await store.insertToken({ ...token('b1', 'ben', 4), role: 'participant' });
      await store.revokeTokensOf('b1', 'ana', 9);
      expect((await store.findToken(Buffer.alloc(32, 2)))?.revokedAt).toBe(9);
      expect((await store.findToken(Buffer.alloc(32, 3)))?.revokedAt).toBe(5);
      expect((await store.findToken(Buffer.alloc(32, 4)))?.revokedAt).toBeNull();
      expect(await store.findToken(Buffer.alloc(32, 7))).toBeNull();
      expect(await store.creatorOf('b1')).toBe('creator');
    });

    it('appends updates in order, per board, and counts them', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.createBoard(board('b2'), STATE, token('b2', 'creator', 2));
      await store.appendUpdate('b1', bytes(1));
      await store.appendUpdates([
        { boardId: 'b2', update: bytes(2) },
        { boardId: 'b1', update: bytes(3) },
      ]);
      await store.appendUpdate('b1', bytes(4));
      const data = async (boardId: string) =>
        (await store.loadUpdates(boardId)).map((row) => [...row.data]);
      expect(await data('b1')).toEqual([[0, 0], [1], [3], [4]]);
      expect(await data('b2')).toEqual([[0, 0], [2]]);
      expect(await store.countUpdates('b1')).toBe(4);
      expect(await store.countUpdates('nowhere')).toBe(0);
    });

    it('compacts a board into one row that keeps its format', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.appendUpdate('b1', bytes(1));
      await store.compact('b1', { data: bytes(9, 9), format: 2 });
      expect(await store.loadUpdates('b1')).toEqual([{ data: bytes(9, 9), format: 2 }]);
      await store.appendUpdate('b1', bytes(5));
      expect(await store.loadUpdates('b1')).toEqual([
        { data: bytes(9, 9), format: 2 },
        { data: bytes(5), format: 1 },
      ]);
    });

    it("keeps a board's two logs apart: appends, counts and compaction touch one log", async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.appendUpdate('b1', bytes(1), 'view');
      await store.appendUpdates([
        { boardId: 'b1', update: bytes(2) },
        { boardId: 'b1', update: bytes(3), log: 'view' },
      ]);
      const data = async (log: 'board' | 'view') =>
        (await store.loadUpdates('b1', log)).map((row) => [...row.data]);
      expect(await data('board')).toEqual([[0, 0], [2]]);
      expect(await data('view')).toEqual([[1], [3]]);
      expect(await store.countUpdates('b1', 'view')).toBe(2);
      await store.compact('b1', { data: bytes(7), format: 2 }, 'view');
      expect(await data('view')).toEqual([[7]]);
      expect(await data('board')).toEqual([[0, 0], [2]]);
      expect(await store.deleteBoard('b1')).toBe(true);
      expect(await store.loadUpdates('b1', 'view')).toEqual([]);
    });

    it('deletes a board with its tokens and updates', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.createBoard(board('b2'), STATE, token('b2', 'creator', 2));
      await store.appendUpdate('b1', bytes(1));
      expect(await store.deleteBoard('b1')).toBe(true);
      expect(await store.deleteBoard('b1')).toBe(false);
      expect(await store.getBoard('b1')).toBeNull();
      expect(await store.isJoinCodeTaken('CODE-b1')).toBe(false);
      expect(await store.findToken(Buffer.alloc(32, 1))).toBeNull();
      expect(await store.loadUpdates('b1')).toEqual([]);
      expect(await store.getBoard('b2')).toEqual(board('b2'));
    });

    it("keeps a board's timeline in order, apart from other boards, and deletes it with the board", async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.createBoard(board('b2'), STATE, token('b2', 'creator', 2));
      expect(await store.loadTimeline('b1')).toEqual([]);
      await store.appendTimeline('b1', [
        { at: 1_000, entry: '{"a":1}' },
        { at: 2_000, entry: '{"a":2}' },
      ]);
      await store.appendTimeline('b2', [{ at: 1_500, entry: '{"b":1}' }]);
      await store.appendTimeline('b1', [{ at: 3_000, entry: '{"a":3}' }]);
      expect(await store.loadTimeline('b1')).toEqual([
        { at: 1_000, entry: '{"a":1}' },
        { at: 2_000, entry: '{"a":2}' },
        { at: 3_000, entry: '{"a":3}' },
      ]);
      expect(await store.deleteBoard('b1')).toBe(true);
      expect(await store.loadTimeline('b1')).toEqual([]);
      // A late entry of the deleted board is dropped, not kept without its board.
      await store.appendTimeline('b1', [{ at: 4_000, entry: '{"a":4}' }]);
      expect(await store.loadTimeline('b1')).toEqual([]);
      expect(await store.loadTimeline('b2')).toEqual([{ at: 1_500, entry: '{"b":1}' }]);
    });

    it("refuses a former holder's timeline entries once the board is claimed again", async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      const old = (await store.claimBoard('b1')) as number;
      await store.appendTimeline('b1', [{ at: 1_000, entry: '{"a":1}' }], old);
      const current = (await store.claimBoard('b1')) as number;
      const late = (async () =>
        store.appendTimeline('b1', [{ at: 2_000, entry: '{"x":1}' }], old))();
      await expect(late).rejects.toThrow(FencedError);
      await store.appendTimeline('b1', [{ at: 3_000, entry: '{"a":3}' }], current);
      expect(await store.loadTimeline('b1')).toEqual([
        { at: 1_000, entry: '{"a":1}' },
        { at: 3_000, entry: '{"a":3}' },
      ]);
    });

    it('drops an append for a board deleted meanwhile, with the rest of its commit', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.createBoard(board('b2'), STATE, token('b2', 'creator', 2));
      expect(await store.deleteBoard('b1')).toBe(true);
      await store.appendUpdates([
        { boardId: 'b1', update: bytes(1) },
        { boardId: 'b2', update: bytes(2) },
      ]);
      expect(await store.loadUpdates('b1')).toEqual([]);
      expect(await store.countUpdates('b2')).toBe(2);
    });

    it('claims a board: each claim a higher owner epoch, none for no board', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      const first = await store.claimBoard('b1');
      const second = await store.claimBoard('b1');
      expect(first).toEqual(expect.any(Number));
      expect(second).toBeGreaterThan(first ?? Number.POSITIVE_INFINITY);
      expect(await store.claimBoard('nowhere')).toBeNull();
    });

    it('refuses whole a fenced append or compaction of a board claimed since, and stores nothing', async () => {
      const store = await fresh();
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.createBoard(board('b2'), STATE, token('b2', 'creator', 2));
      const old = (await store.claimBoard('b1')) as number;
      await store.appendUpdates([{ boardId: 'b1', update: bytes(1), fence: old }]);
      const current = (await store.claimBoard('b1')) as number;

      const append = (async () =>
        store.appendUpdates([
          { boardId: 'b2', update: bytes(2) },
          { boardId: 'b1', update: bytes(3), fence: old },
        ]))();
      await expect(append).rejects.toThrow(FencedError);
      await expect(append).rejects.toMatchObject({ boards: ['b1'] });
      const compaction = (async () =>
        store.compact('b1', { data: bytes(9), format: 2 }, 'board', old))();
      await expect(compaction).rejects.toThrow(FencedError);
      const data = async (boardId: string) =>
        (await store.loadUpdates(boardId)).map((row) => [...row.data]);
      expect(await data('b1')).toEqual([[0, 0], [1]]);
      expect(await data('b2')).toEqual([[0, 0]]);

      // The current epoch writes; so does a write without a fence, as before fencing.
      await store.appendUpdates([{ boardId: 'b1', update: bytes(4), fence: current }]);
      await store.appendUpdate('b1', bytes(5));
      expect(await data('b1')).toEqual([[0, 0], [1], [4], [5]]);
      await store.compact('b1', { data: bytes(8), format: 2 }, 'board', current);
      expect(await data('b1')).toEqual([[8]]);
      await store.compact('b1', { data: bytes(7), format: 2 });
      expect(await data('b1')).toEqual([[7]]);
      // A fenced append for a board deleted meanwhile is dropped, as an unfenced one is.
      await store.deleteBoard('b1');
      await store.appendUpdates([{ boardId: 'b1', update: bytes(6), fence: current }]);
      expect(await store.loadUpdates('b1')).toEqual([]);
    });

    it('takes a probe write, and a fresh store has no damaged rows', async () => {
      const store = await fresh();
      await store.probeWrite();
      await store.probeWrite();
      expect(await store.damagedRows()).toEqual([]);
    });
  });
}
