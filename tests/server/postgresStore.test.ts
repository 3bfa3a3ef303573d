/**
 * The PostgreSQL store (DATABASE_URL) against the storage contract, and what only it has to
 * show: fencing between two instances sharing the database, checksums of rows damaged in the
 * database, synchronous commits, and its schema migrations. Each store gets its own schema in
 * the test run's throw-away PostgreSQL (tests/support/servicesSetup.ts); without PostgreSQL,
 * every test here is skipped with the reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DamagedRowError } from '../../server/persistence/damagedRow.ts';
import { FencedError } from '../../server/persistence/fencedError.ts';
import { migrate } from '../../server/persistence/postgres/migrations.ts';
import { createPool } from '../../server/persistence/postgres/pool.ts';
import { PostgresStore } from '../../server/persistence/postgres/postgresStore.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../server/persistence/postgres/schema.ts';
import type { BoardRecord, TokenRecord } from '../../server/persistence/store.ts';
import { adminClient, freshSchemaUrl, skipWithoutPostgres } from '../support/postgresDatabase.ts';
import { describeStorageContract } from './storageContract.ts';

const STATE = new Uint8Array([0, 0]);
const quiet = { error: () => undefined };

function board(boardId: string): BoardRecord {
  return {
    boardId,
    joinCode: `CODE-${boardId}`,
    title: 'Board',
    organisations: ['A'],
    createdAt: 1,
  };
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

/** Polls a question to the database until it answers yes. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgreSQL store', () => {
  skipWithoutPostgres();
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const closable of opened.splice(0)) await closable.close();
  });
  async function open(url: string): Promise<PostgresStore> {
    const store = await PostgresStore.open(url, { logger: quiet });
    opened.push(store);
    return store;
  }

  describeStorageContract('PostgreSQL', async () =>
    PostgresStore.open(await freshSchemaUrl(), { logger: quiet }),
  );

  describe('fencing between two instances', () => {
    it("refuses the older owner's appends and compactions once another instance claimed the board", async () => {
      const url = await freshSchemaUrl();
      const [first, second] = [await open(url), await open(url)];
      await first.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      const firstEpoch = (await first.claimBoard('b1')) as number;
      await first.appendUpdates([
        { boardId: 'b1', update: new Uint8Array([1]), fence: firstEpoch },
      ]);
      const secondEpoch = (await second.claimBoard('b1')) as number;
      expect(secondEpoch).toBe(firstEpoch + 1);

      await expect(
        first.appendUpdates([{ boardId: 'b1', update: new Uint8Array([2]), fence: firstEpoch }]),
      ).rejects.toThrow(FencedError);
      await expect(
        first.compact('b1', { data: new Uint8Array([9]), format: 2 }, 'board', firstEpoch),
      ).rejects.toThrow(FencedError);
      await second.appendUpdates([
        { boardId: 'b1', update: new Uint8Array([3]), fence: secondEpoch },
      ]);
      const rows = (await second.loadUpdates('b1')).map((row) => [...row.data]);
      expect(rows).toEqual([[0, 0], [1], [3]]);
    });

    it('makes a takeover wait for a fenced append in progress, which then commits', async () => {
      const url = await freshSchemaUrl();
      const [owner, taker] = [await open(url), await open(url)];
      await owner.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      const epoch = (await owner.claimBoard('b1')) as number;
      // Holds the owner's append between its check of the epoch and its insert.
      const blocker = await adminClient(url);
      opened.push({ close: () => blocker.end() });
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE updates IN EXCLUSIVE MODE');
      // Asked on another connection: within a transaction, pg_stat_activity does not change.
      const watcher = await adminClient(url);
      opened.push({ close: () => watcher.end() });
      const waitingOn = async (statement: string) => {
        const result = await watcher.query(
          "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1",
          [`${statement}%`],
        );
        return (result.rows[0] as { waiting: number }).waiting > 0;
      };

      const append = owner.appendUpdates([
        { boardId: 'b1', update: new Uint8Array([1]), fence: epoch },
      ]);
      await until(() => waitingOn('INSERT INTO updates'), 'the append to wait on its insert');
      let claimed = false;
      const claim = taker.claimBoard('b1').then((newEpoch) => {
        claimed = true;
        return newEpoch;
      });
      // The takeover waits on the board row the append holds FOR SHARE.
      await until(() => waitingOn('UPDATE boards SET owner_epoch'), 'the claim to wait');
      expect(claimed).toBe(false);

      await blocker.query('COMMIT');
      await append;
      expect(await claim).toBe(epoch + 1);
      expect((await taker.loadUpdates('b1')).map((row) => [...row.data])).toEqual([[0, 0], [1]]);
      await expect(
        owner.appendUpdates([{ boardId: 'b1', update: new Uint8Array([2]), fence: epoch }]),
      ).rejects.toThrow(FencedError);
    });
  });

  describe('checksums', () => {
    it('reports a row damaged in the database and never hands it out, also to a store opened later', async () => {
      const url = await freshSchemaUrl();
      const store = await open(url);
      await store.createBoard(board('b1'), STATE, token('b1', 'creator', 1));
      await store.insertToken({ ...token('b1', 'ana', 2), role: 'participant' });
      await store.createBoard(board('b2'), STATE, token('b2', 'creator', 3));
      const sql = await adminClient(url);
      opened.push({ close: () => sql.end() });
      // One flipped bit in an update, a changed name in a token, a changed title of a board.
      await sql.query(
        "UPDATE updates SET data = set_byte(data, 0, get_byte(data, 0) # 1) WHERE board_id = 'b1'",
      );
      await sql.query("UPDATE tokens SET participant_id = 'anb' WHERE participant_id = 'ana'");
      await sql.query("UPDATE boards SET title = 'Boars' WHERE board_id = 'b2'");

      await expect(store.loadUpdates('b1')).rejects.toThrow(DamagedRowError);
      await expect(store.findToken(Buffer.alloc(32, 2))).rejects.toThrow(DamagedRowError);
      await expect(store.getBoard('b2')).rejects.toThrow(DamagedRowError);
      // A revocation leaves a damaged token as it is: a new checksum would hide its damage.
      await store.revokeTokensOf('b1', 'anb', 5);
      await expect(store.findToken(Buffer.alloc(32, 2))).rejects.toThrow(DamagedRowError);
      expect(await store.getBoard('b1')).toEqual(board('b1'));

      const expected = expect.arrayContaining([
        expect.objectContaining({ table: 'updates', boardId: 'b1' }),
        expect.objectContaining({ table: 'tokens', boardId: 'b1' }),
        expect.objectContaining({ table: 'boards', boardId: 'b2' }),
      ]);
      expect(store.damagedRows()).toEqual(expected);
      // A store opening checks every row: the damage is known before anything is read.
      const later = await open(url);
      expect(later.damagedRows()).toHaveLength(3);
      expect(later.damagedRows()).toEqual(expected);
    });
  });

  it('commits synchronously on every connection, whatever the URL asks', async () => {
    const url = new URL(await freshSchemaUrl());
    url.searchParams.set('options', `${url.searchParams.get('options')} -c synchronous_commit=off`);
    const pool = createPool(url.toString(), quiet);
    opened.push({ close: () => pool.end() });
    const setting = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    expect(setting.rows[0]?.synchronous_commit).toBe('on');
    // The URL's own options are kept beside it.
    const path = await pool.query<{ search_path: string }>('SHOW search_path');
    expect(path.rows[0]?.search_path).toMatch(/^test_/);
  });

  describe('schema migrations', () => {
    it('migrates once when several instances start together', async () => {
      const url = await freshSchemaUrl();
      await Promise.all([open(url), open(url), open(url)]);
      const sql = await adminClient(url);
      opened.push({ close: () => sql.end() });
      const versions = await sql.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.rows).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
    });

    it('refuses a database newer than the code, and a reader refuses one not migrated', async () => {
      const url = await freshSchemaUrl();
      await expect(PostgresStore.open(url, { migrate: false, logger: quiet })).rejects.toThrow(
        /older than this Continuum/,
      );
      await open(url);
      const sql = await adminClient(url);
      opened.push({ close: () => sql.end() });
      await sql.query('INSERT INTO schema_migrations (version) VALUES (999)');
      await expect(PostgresStore.open(url, { logger: quiet })).rejects.toThrow(
        /version 999, newer than this Continuum/,
      );
    });

    it('leaves the database at the version before a migration that fails', async () => {
      const url = await freshSchemaUrl();
      const pool = createPool(url, quiet);
      opened.push({ close: () => pool.end() });
      const failing = {
        version: LATEST_VERSION + 1,
        sql: 'CREATE TABLE half_done (id int); SELECT 1 / 0;',
      };
      await expect(migrate(pool, [...MIGRATIONS, failing])).rejects.toThrow(/division by zero/);
      const versions = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.rows).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
      const table = await pool.query("SELECT to_regclass('half_done') AS name");
      expect(table.rows).toEqual([{ name: null }]);
    });
  });
});
