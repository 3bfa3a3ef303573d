/**
 * The connection pool of the PostgreSQL store, set up for what the store promises:
 * - every connection commits synchronously (`synchronous_commit=on`, whatever the server's
 *   default), so a commit that has answered is on the database server's disk: acknowledged means
 *   durable, as with SQLite's synchronous=FULL;
 * - bigint (int8) columns come back as numbers, not strings: times, ids and checksums are all
 *   below 2^53, and a checksum is computed over the value as SQLite hands it out (a number);
 * - an error of an idle connection (the database restarted) is logged, not thrown: unhandled,
 *   it would end the process; the next query gets a fresh connection.
 */
import pg from 'pg';
import { DEFAULT_DATABASE_POOL_SIZE } from '../../config.ts';

export interface PoolLogger {
  error(message: string): void;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** PostgreSQL's type id of bigint (int8). */
const INT8_OID = 20;
/** Session settings every connection starts with. */
const SESSION_OPTIONS = '-c synchronous_commit=on';

/** int8 → number, for this pool only (pg's global parsers are left as they are). */
function typeParsers(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, (text: string) => Number(text));
  return types;
}

/**
 * The URL's own `options` (e.g. `-c search_path=…`) are kept beside ours: in pg, a connection
 * string's parameters replace the config's, so both go into one `options`.
 */
function splitOptions(url: string): { connectionString: string; options: string } {
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  return {
    connectionString: parsed.toString(),
    options: own ? `${own} ${SESSION_OPTIONS}` : SESSION_OPTIONS,
  };
}

export function createPool(
  url: string,
  logger: PoolLogger,
  size = DEFAULT_DATABASE_POOL_SIZE,
): pg.Pool {
  const pool = new pg.Pool({
    ...splitOptions(url),
    max: size,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    types: typeParsers(),
  });
  pool.on('error', (error) => {
    logger.error(`PostgreSQL: an idle connection failed (${error.message}); it is replaced`);
  });
  return pool;
}
