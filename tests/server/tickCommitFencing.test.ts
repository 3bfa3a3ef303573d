/**
 * A board's commit refused by the fencing epoch (store.ts, claimBoard) when this process has
 * claimed the board anew since: the writes of the older claim are dropped, and the board, ours
 * again, keeps saving. Over SQLite behind a store that answers later (tests/support/laterStore.ts),
 * so a commit of the older claim is still under way when the new claim's writes arrive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { SqliteStore } from '../../server/persistence/sqlite.ts';
import type { BoardRecord, TokenRecord } from '../../server/persistence/store.ts';
import { TickCommit } from '../../server/persistence/tickCommit.ts';
import { LaterStore } from '../support/laterStore.ts';

const folders: string[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function board(boardId: string): BoardRecord {
  return {
    boardId,
    joinCode: `CODE-${boardId}`,
    title: 'Board',
    organisations: ['A'],
    createdAt: 1,
  };
}

function token(boardId: string): TokenRecord {
  const tokenHash = Buffer.alloc(32, boardId.length);
  return {
    tokenHash,
    boardId,
    participantId: 'creator',
    role: 'facilitator',
    createdAt: 2,
    revokedAt: null,
  };
}

it('a commit of an older claim is dropped, and the board claimed anew keeps saving', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'continuum-fence-'));
  folders.push(folder);
  const sqlite = new SqliteStore(join(folder, 'store.db'));
  stores.push(sqlite);
  sqlite.createBoard(board('b1'), new Uint8Array([0, 0]), token('b1'));
  const fenced: string[] = [];
  const failures: unknown[] = [];
  const tick = new TickCommit(
    new LaterStore(sqlite, 3),
    (error) => failures.push(error),
    (boardId) => fenced.push(boardId),
  );

  const first = sqlite.claimBoard('b1');
  if (first === null) throw new Error('no board');
  tick.fence('b1', first);
  const older = tick.append('b1', new Uint8Array([1, 1, 1]), 'board');
  older.catch(() => undefined);
  // The older claim's commit is under way (the store answers later) when the board is claimed again.
  await new Promise((resolve) => setImmediate(resolve));
  const second = sqlite.claimBoard('b1');
  if (second === null) throw new Error('no board');
  tick.fence('b1', second);
  const newer = tick.append('b1', new Uint8Array([2, 2, 2]), 'board');

  await expect(older).rejects.toThrow(/older claim/);
  await expect(newer).resolves.toBeUndefined();
  expect(fenced).toEqual([]);
  expect(failures).toEqual([]);
  const stored = sqlite.loadUpdates('b1', 'board').map((row) => [...row.data]);
  expect(stored).toContainEqual([2, 2, 2]);
  expect(stored).not.toContainEqual([1, 1, 1]);
});
