/**
 * The SQLite store against the storage contract, in memory, in a file, and answering later (with
 * a delay, as a networked store would: tests/support/laterStore.ts).
 */
import { join } from 'node:path';
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
