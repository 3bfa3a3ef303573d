/**
 * DATABASE_URL as the server reads it: only a PostgreSQL URL is taken, and a database that
 * cannot be reached stops the start with the reason (never with the URL: it may hold a
 * password). Needs no PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config.ts';
import { CONTINUUM_ARGS, freePort, REPO_ROOT } from '../support/serverProcess.ts';
import { newDataDir } from '../support/testServer.ts';

describe('DATABASE_URL', () => {
  it('takes a postgres:// or postgresql:// URL, and SQLite stays the default', () => {
    expect(configFromEnv({}).databaseUrl).toBeNull();
    expect(configFromEnv({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    for (const url of ['postgres://a@db/continuum', 'postgresql://a:b@127.0.0.1:5432/c']) {
      expect(configFromEnv({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    for (const url of ['mysql://a:hunter2@db/c', 'db.example:5432', 'hunter2']) {
      expect(() => configFromEnv({ DATABASE_URL: url })).toThrow(/DATABASE_URL must be/);
      expect(() => configFromEnv({ DATABASE_URL: url })).not.toThrow(/hunter2/);
    }
  });

  it('stops the server at start, with the reason, when the database cannot be reached', async () => {
    const port = await freePort();
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        CONTINUUM_ARGS,
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            PORT: '0',
            HOST: '127.0.0.1',
            DATA_DIR: newDataDir(),
            DATABASE_URL: `postgresql://continuum:hunter2@127.0.0.1:${port}/continuum`,
          },
        },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL: cannot open the PostgreSQL store');
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).not.toContain('hunter2');
  });
});
