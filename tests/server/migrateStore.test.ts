/**
 * `npm run migrate-store` moves a real SQLite store (boards with their history, tokens, a
 * removed person's revoked token) into PostgreSQL, and a server on PostgreSQL then serves those
 * boards as the SQLite one did; `npm run export` reads DATABASE_URL too. Needs PostgreSQL (the
 * test run's, tests/support/servicesSetup.ts): skipped with the reason without it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/persistence/postgres/postgresStore.ts';
import { SqliteStore, STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import { normaliseSnapshot } from '../support/boardHistory.ts';
import { placedBoard } from '../support/placedBoard.ts';
import { freshSchemaUrl, skipWithoutPostgres } from '../support/postgresDatabase.ts';
import { REPO_ROOT } from '../support/serverProcess.ts';
import { callApi, createBoard, newDataDir, serverHarness } from '../support/testServer.ts';

const harness = serverHarness();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

async function snapshotOf(
  running: { baseUrl: string },
  boardId: string,
  token: string,
): Promise<Snapshot> {
  const response = await fetch(`${running.baseUrl}/api/boards/${boardId}/snapshot.json`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Snapshot;
}

describe('npm run migrate-store', () => {
  skipWithoutPostgres();

  it('moves a SQLite store into PostgreSQL, where a server serves its boards as before', async () => {
    const sqlite = await harness.start();
    const placed = await placedBoard(sqlite);
    harness.track(...placed.clients);
    const { board, ana, ben } = placed;
    const removed = await callApi(
      sqlite,
      'DELETE',
      `/api/boards/${board.boardId}/participants/${ben.participantId}`,
      { token: board.facilitatorToken },
    );
    expect(removed.status).toBe(204);
    const quiet = await createBoard(sqlite, { title: 'Quiet board' });
    const before = await snapshotOf(sqlite, board.boardId, board.facilitatorToken);
    await harness.stop();

    const url = await freshSchemaUrl();
    const env = { DATABASE_URL: url, DATA_DIR: sqlite.dataDir };
    const moved = await runScript('scripts/migrateStore.ts', [], env);
    expect(moved).toMatchObject({ code: 0, stderr: '' });
    expect(moved.stdout).toContain(`Moved board ${board.boardId}`);
    expect(moved.stdout).toContain(`Moved board ${quiet.boardId}`);
    expect(moved.stdout).toContain('2 boards moved');

    // Again: refused, unless the boards there already are to be left as they are.
    const again = await runScript('scripts/migrateStore.ts', [], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is in PostgreSQL already');
    const skipping = await runScript('scripts/migrateStore.ts', ['--skip-existing'], env);
    expect(skipping).toMatchObject({ code: 0, stderr: '' });
    expect(skipping.stdout).toContain('0 boards moved');

    // The export command reads the board from PostgreSQL when DATABASE_URL is set.
    const elsewhere = newDataDir();
    const out = join(elsewhere, 'board.json');
    const exported = await runScript(
      'scripts/exportBoard.ts',
      ['--board', board.boardId, '--format', 'json', '--out', out],
      { DATABASE_URL: url, DATA_DIR: elsewhere },
    );
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const file = JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
    expect(normaliseSnapshot(file)).toEqual(normaliseSnapshot(before));

    const store = await PostgresStore.open(url, { logger: { error: () => undefined } });
    expect(store.damagedRows()).toEqual([]);
    const postgres = await harness.start(elsewhere, { openStore: () => store });
    expect(existsSync(join(elsewhere, STORE_FILE_NAME))).toBe(false);
    const after = await snapshotOf(postgres, board.boardId, board.facilitatorToken);
    expect(normaliseSnapshot(after)).toEqual(normaliseSnapshot(before));
    const me = (token: string) =>
      callApi(postgres, 'GET', `/api/boards/${board.boardId}/me`, { token });
    expect((await me(ana.token)).status).toBe(200);
    expect((await me(ben.token)).status).toBe(401);
    // The creator is still the creator (tokens kept their order): they cannot be removed.
    const creator = (await me(board.facilitatorToken)).body as { participantId: string };
    const removeCreator = await callApi(
      postgres,
      'DELETE',
      `/api/boards/${board.boardId}/participants/${creator.participantId}`,
      { token: board.facilitatorToken },
    );
    expect(removeCreator.status).toBe(409);
    await harness.connect(postgres, board.boardId, ana.token);
    await harness.connect(postgres, quiet.boardId, quiet.facilitatorToken);
  });

  it('refuses a source with a damaged row, unless told to leave its board out', async () => {
    const dataDir = newDataDir();
    const file = join(dataDir, STORE_FILE_NAME);
    const source = new SqliteStore(file);
    const board = (boardId: string) => ({
      boardId,
      joinCode: `CODE-${boardId}`,
      title: boardId,
      organisations: [],
      createdAt: 1,
    });
    const token = (boardId: string, byte: number) => ({
      tokenHash: Buffer.alloc(32, byte),
      boardId,
      participantId: 'creator',
      role: 'facilitator' as const,
      createdAt: 1,
      revokedAt: null,
    });
    source.createBoard(board('sound'), new Uint8Array([0, 0]), token('sound', 1));
    source.createBoard(board('damaged'), new Uint8Array([0, 0]), token('damaged', 2));
    source.close();
    const db = new Database(file);
    db.prepare("UPDATE updates SET data = X'0001' WHERE board_id = 'damaged'").run();
    db.close();

    const env = { DATABASE_URL: await freshSchemaUrl(), DATA_DIR: newDataDir() };
    const refused = await runScript('scripts/migrateStore.ts', ['--from', file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('boards with damaged rows');
    expect(refused.stderr).toContain('damaged');
    const skipped = await runScript(
      'scripts/migrateStore.ts',
      ['--from', file, '--skip-damaged'],
      env,
    );
    expect(skipped).toMatchObject({ code: 0, stderr: '' });
    expect(skipped.stdout).toContain('Left out board damaged');
    expect(skipped.stdout).toContain('1 boards moved');
  });

  it('needs DATABASE_URL and an existing store', async () => {
    const none = await runScript('scripts/migrateStore.ts', [], {
      DATABASE_URL: '',
      DATA_DIR: newDataDir(),
    });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('DATABASE_URL is not set');
    const empty = newDataDir();
    const missing = await runScript('scripts/migrateStore.ts', [], {
      DATABASE_URL: await freshSchemaUrl(),
      DATA_DIR: empty,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `there is no Continuum store at ${join(empty, STORE_FILE_NAME)}`,
    );
  });
});
