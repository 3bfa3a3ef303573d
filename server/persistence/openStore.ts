/**
 * The store the configuration names: PostgreSQL when DATABASE_URL is set (several instances can
 * share it), otherwise SQLite in the data folder (one process, nothing else to run).
 */
import { join } from 'node:path';
import type { ServerConfig } from '../config.ts';
import { SqliteStore, STORE_FILE_NAME } from './sqlite.ts';
import type { Store } from './store.ts';

export type StoreConfig = Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'databasePoolSize'>;

export function openSqliteStore(dataDir: string): Store {
  return new SqliteStore(join(dataDir, STORE_FILE_NAME));
}

/**
 * Opens (and, for PostgreSQL, connects to and migrates) the store; a database that cannot be
 * reached or is newer than this code fails here, at start, with the reason.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl === null) return openSqliteStore(config.dataDir);
  // Loaded only when used: a server on SQLite never loads the PostgreSQL client.
  const { PostgresStore } = await import('./postgres/postgresStore.ts');
  try {
    return await PostgresStore.open(config.databaseUrl, { poolSize: config.databasePoolSize });
  } catch (error) {
    throw new Error(
      `DATABASE_URL: cannot open the PostgreSQL store: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
