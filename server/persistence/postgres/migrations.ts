/**
 * Brings a PostgreSQL database up to the schema this code knows (schema.ts), one version per
 * transaction: a failed migration leaves the database at the version before it. Instances that
 * start together take turns (a transaction-scoped advisory lock), so each version runs once.
 * A database newer than the code (a newer release migrated it) is refused: this code would
 * misread it, and nothing may write to it.
 */
import type pg from 'pg';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './schema.ts';

/** The advisory lock's key: any fixed number the application does not use for anything else. */
const MIGRATION_LOCK = 0x636f6e74; // "cont"

const VERSIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export class SchemaError extends Error {}

function newerError(version: number): SchemaError {
  return new SchemaError(
    `the database's schema is version ${version}, newer than this Continuum knows (${LATEST_VERSION}): run the newer release`,
  );
}

async function appliedVersion(client: pg.ClientBase): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return result.rows[0]?.version ?? 0;
}

/** Applies every migration the database lacks; returns the versions applied now. */
export async function migrate(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const latest = Math.max(...migrations.map((migration) => migration.version));
  const applied: number[] = [];
  const client = await pool.connect();
  try {
    for (;;) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(VERSIONS_TABLE);
        const current = await appliedVersion(client);
        if (current > latest) throw newerError(current);
        const next = migrations
          .filter((migration) => migration.version > current)
          .sort((a, b) => a.version - b.version)[0];
        if (!next) {
          await client.query('COMMIT');
          return applied;
        }
        await client.query(next.sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [next.version]);
        await client.query('COMMIT');
        applied.push(next.version);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined); // the error says what went wrong
        throw error;
      }
    }
  } finally {
    client.release();
  }
}

/** For readers that must not change the database (the export command): refuses any other version. */
export async function requireCurrentSchema(pool: pg.Pool): Promise<void> {
  const exists = await pool.query<{ name: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS name",
  );
  const version = exists.rows[0]?.name
    ? ((
        await pool.query<{ version: number | null }>(
          'SELECT max(version) AS version FROM schema_migrations',
        )
      ).rows[0]?.version ?? 0)
    : 0;
  if (version > LATEST_VERSION) throw newerError(version);
  if (version < LATEST_VERSION) {
    throw new SchemaError(
      `the database's schema is version ${version}, older than this Continuum's (${LATEST_VERSION}): start the server once to migrate it`,
    );
  }
}
