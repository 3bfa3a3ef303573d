/**
 * vitest globalSetup: the services some tests need, found or started once per run.
 * - PostgreSQL: a throw-away cluster (initdb, pg_ctl) on a free loopback port, its data in a
 *   temporary folder, deleted at the end. As root (CI), PostgreSQL refuses to run, so it runs as
 *   the `postgres` user that Debian's package makes. fsync is off for this cluster only: it
 *   lives for one test run, and a test that kills a process never kills the machine.
 * - redis-server: only looked up; tests start their own (redisServer.ts), so that one can kill
 *   and restart it.
 * Tests read the result with `inject('postgres')` / `inject('redis')`; a missing service is a
 * reason, and its tests are skipped with it (postgresDatabase.ts, redisServer.ts).
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort } from './serverProcess.ts';

/** A service that runs (`value`: its URL or program) or why not. */
export type ServiceStatus = { ok: true; value: string } | { ok: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** `value`: the URL of an empty database, for the tests to make schemas in. */
    postgres: ServiceStatus;
    /** `value`: the redis-server program. */
    redis: ServiceStatus;
  }
}

const POSTGRES_LIB = '/usr/lib/postgresql';
const TEST_DATABASE = 'continuum_test';
const INSTALL_HINT = '`npm test` installs it with apt-get when run as root';
const START_ATTEMPTS = 3;

function programOnPath(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** The newest installed PostgreSQL's bin folder. */
function postgresBin(): string | null {
  if (existsSync(POSTGRES_LIB)) {
    const versions = readdirSync(POSTGRES_LIB)
      .filter((version) => existsSync(join(POSTGRES_LIB, version, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(POSTGRES_LIB, versions[0], 'bin');
  }
  const initdb = programOnPath('initdb');
  return initdb ? join(initdb, '..') : null;
}

function lastLine(result: SpawnSyncReturns<string>): string {
  const text = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim();
  return text.split('\n').at(-1) ?? `exit code ${result.status}`;
}

export interface RunningPostgres {
  status: ServiceStatus;
  /** The cluster's data folder (its postmaster.pid names the server process), when it runs. */
  dataDir?: string;
  stop(): void;
}

function unavailable(reason: string): RunningPostgres {
  return { status: { ok: false, reason }, stop: () => undefined };
}

/**
 * Starts a throw-away cluster. `settings`: more `-c name=value` options, after the defaults so
 * they win (the benchmarks turn fsync back on).
 */
export async function startPostgres(settings: readonly string[] = []): Promise<RunningPostgres> {
  const bin = postgresBin();
  if (!bin) return unavailable(`PostgreSQL is not installed (no initdb; ${INSTALL_HINT})`);
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return unavailable('running as root, and there is no postgres user to run PostgreSQL as');
  }
  const run = (program: string, args: string[]) =>
    asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], {
          encoding: 'utf8',
        })
      : spawnSync(join(bin, program), args, { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'continuum-pg-'));
  const data = join(dir, 'data');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  // --no-locale: the C locale, which every machine has; -N: no fsync while creating.
  const init = run('initdb', [
    ...['-D', data, '-A', 'trust', '-U', 'continuum', '-E', 'UTF8'],
    ...['--no-locale', '-N'],
  ]);
  if (init.status !== 0) {
    remove();
    return unavailable(`initdb failed: ${lastLine(init)}`);
  }
  let port = 0;
  let started: SpawnSyncReturns<string> | null = null;
  for (let attempt = 0; attempt < START_ATTEMPTS && started?.status !== 0; attempt++) {
    port = await freePort();
    const options = [
      '-c listen_addresses=127.0.0.1',
      `-p ${port}`,
      `-k ${dir}`,
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      ...settings,
    ];
    started = run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-t',
      '30',
      '-o',
      options.join(' '),
      'start',
    ]);
  }
  const stop = () => {
    run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    remove();
  };
  if (started?.status !== 0) {
    stop();
    return unavailable(`PostgreSQL did not start: ${started ? lastLine(started) : 'no attempt'}`);
  }
  const server = `postgresql://continuum@127.0.0.1:${port}`;
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${TEST_DATABASE}`);
  } catch (error) {
    stop();
    return unavailable(`PostgreSQL started but refused the test database: ${String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return { status: { ok: true, value: `${server}/${TEST_DATABASE}` }, dataDir: data, stop };
}

export function findRedis(): ServiceStatus {
  const program = programOnPath('redis-server');
  return program
    ? { ok: true, value: program }
    : { ok: false, reason: `redis-server is not installed (${INSTALL_HINT})` };
}

export default async function setup(project: TestProject): Promise<() => void> {
  const postgres = await startPostgres();
  const redis = findRedis();
  project.provide('postgres', postgres.status);
  project.provide('redis', redis);
  for (const [name, status] of [
    ['PostgreSQL', postgres.status],
    ['Redis', redis],
  ] as const) {
    if (!status.ok) console.log(`Tests that need ${name} are skipped: ${status.reason}`);
  }
  return () => postgres.stop();
}
