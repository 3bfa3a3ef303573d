/** The SQLite store against the storage contract, in memory and in a file. */
import { join } from 'node:path';
import { SqliteStore, STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import { newDataDir } from '../support/testServer.ts';
import { describeStorageContract } from './storageContract.ts';

describeStorageContract('SQLite in memory', () => new SqliteStore(':memory:'));
describeStorageContract('SQLite file', () => new SqliteStore(join(newDataDir(), STORE_FILE_NAME)));
