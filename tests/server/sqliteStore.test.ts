/**
 * The SQLite store against the storage contract, in memory, in a file, and answering later (with
 * a delay, as a networked store would: tests/support/laterStore.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore, STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import { LaterStore } from '../support/laterStore.ts';
import { newDataDir } from '../support/testServer.ts';
import { describeStorageContract } from './storageContract.ts';

describeStorageContract('SQLite in memory', () => new SqliteStore(':memory:'));
describeStorageContract('SQLite file', () => new SqliteStore(join(newDataDir(), STORE_FILE_NAME)));
describeStorageContract(
  'sqlite, answering later',
  () => new LaterStore(new SqliteStore(join(newDataDir(), STORE_FILE_NAME)), 7),
);

describe("the rooms' appends to a SQLite file", () => {
  it('answer later (the sync runs on the thread pool), the rows there at once; closing waits for a sync', async () => {
    const file = join(newDataDir(), STORE_FILE_NAME);
    const store = new SqliteStore(file);
    store.createBoard(BOARD, STATE, TOKEN);
    const update = Y.encodeStateAsUpdate(docWithText('first'));
    const answer = store.appendUpdates([{ boardId: 'b1', update }]);
    // The commit is made; the answer (what frames wait for) comes from the thread pool.
    expect(answer).toBeInstanceOf(Promise);
    const reader = new SqliteStore(file);
    expect(reader.loadUpdates('b1')).toHaveLength(2);
    await answer;
    // Closing waits for a sync under way; the rows are in the file afterwards.
    const last = store.appendUpdates([{ boardId: 'b1', update }]);
    await store.close();
    await last;
    expect(reader.loadUpdates('b1')).toHaveLength(3);
    await reader.close();
  });

  it('after a sync of the log fails, nothing more is written until the process restarts', async () => {
    const store = new SqliteStore(join(newDataDir(), STORE_FILE_NAME));
    store.createBoard(BOARD, STATE, TOKEN);
    const update = Y.encodeStateAsUpdate(docWithText('first'));
    // The log's file handle made one the system does not know: its sync fails (EBADF).
    const internals = store as unknown as { wal: number | null };
    const wal = internals.wal;
    internals.wal = 2 ** 30;
    await expect(store.appendUpdates([{ boardId: 'b1', update }])).rejects.toThrow(
      /could not be synced/,
    );
    internals.wal = wal;
    // A later commit could be lost with the one before it: none is made, and the probe that
    // would resume saving fails too (the server's health stays degraded until a restart).
    expect(() => store.appendUpdates([{ boardId: 'b1', update }])).toThrow(
      /until the server restarts/,
    );
    expect(() => store.probeWrite()).toThrow(/until the server restarts/);
    expect(() => store.insertToken({ ...TOKEN, tokenHash: Buffer.alloc(32, 2) })).toThrow(
      /until the server restarts/,
    );
    await store.close();
  });

  it('commit and sync at once in memory, where there is no log to sync', () => {
    const store = new SqliteStore(':memory:');
    store.createBoard(BOARD, STATE, TOKEN);
    const update = Y.encodeStateAsUpdate(docWithText('first'));
    expect(store.appendUpdates([{ boardId: 'b1', update }])).toBeUndefined();
    expect(store.loadUpdates('b1')).toHaveLength(2);
  });
});

const STATE = Y.encodeStateAsUpdate(new Y.Doc());
const BOARD = {
  boardId: 'b1',
  joinCode: 'ABC234',
  title: 'Board',
  organisations: [],
  createdAt: 1,
};
const TOKEN = {
  tokenHash: Buffer.alloc(32, 1),
  boardId: 'b1',
  participantId: 'creator',
  role: 'facilitator' as const,
  createdAt: 2,
  revokedAt: null,
};

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}
