/**
 * The servers under test, each started as its own process on 127.0.0.1 so its CPU time and
 * memory can be read from /proc: Continuum (`node --import tsx server/main.ts`, or compiled as
 * `npm start` runs it, `node dist/server/main.js`; with a temporary data folder) and the
 * reference server of the y-websocket protocol (`@y/websocket-server`'s
 * bin, no auth, no schema, no persistence), both through tests/support/serverProcess.ts. Every
 * started process is killed when the bench exits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  HOST,
  killAllChildren,
  launchServer,
  REPO_ROOT,
  type ServerProcess,
  startServerProcess,
} from '../support/serverProcess.ts';

export { REPO_ROOT, trackChild } from '../support/serverProcess.ts';

const STOP_TIMEOUT_MS = 15_000;
/** The compiled entry point `npm start` runs, made by `buildServer()`. */
const COMPILED_ARGS = ['dist/server/main.js'];

export type ServerKind = 'continuum' | 'reference';

export interface BenchServer {
  kind: ServerKind;
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Continuum's data folder; null for the reference server, which keeps nothing. */
  dataDir: string | null;
  /** The websocket address of a room (a board for Continuum, which needs a token). */
  roomUrl(room: string, token?: string): string;
  /** The last lines the process printed, for error messages. */
  output(): string;
  /** SIGTERM (Continuum stores every room), SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

/** BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers under test. */
function benchNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

function benchServer(kind: ServerKind, server: ServerProcess, dataDir: string | null): BenchServer {
  const { pid, port, baseUrl } = server;
  return {
    kind,
    pid,
    port,
    baseUrl,
    dataDir,
    roomUrl: (room, token) =>
      kind === 'continuum'
        ? `ws://${HOST}:${port}/ws/${room}?token=${encodeURIComponent(token ?? '')}`
        : `ws://${HOST}:${port}/${room}`,
    output: server.output,
    stop: async () => {
      await server.stop('SIGTERM', STOP_TIMEOUT_MS);
    },
  };
}

export interface ContinuumOptions {
  /** Folder of the SQLite store; a fresh temporary one when absent. */
  dataDir?: string;
  /** Folder of the built client (the browser part); none is served otherwise. */
  clientDir?: string;
  /** More environment for the server (e.g. limits a compressed simulation would trip). */
  env?: Record<string, string>;
  /** Runs `dist/server/main.js` (build it first with `buildServer()`) instead of the sources through tsx. */
  compiled?: boolean;
}

/** `npm run build:server`: compiles the server into dist/server, as `npm start` does first. */
export function buildServer(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.server.json'], { cwd: REPO_ROOT });
}

/** Continuum exactly as `npm start` runs it (without the build), on loopback. */
export async function startContinuum(options: ContinuumOptions = {}): Promise<BenchServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'continuum-bench-'));
  // The benchmark seats 500 people on one board and creates 40 boards in seconds.
  const env = {
    MAX_PARTICIPANTS_PER_BOARD: '1000',
    BOARD_CREATIONS_PER_MINUTE: '1000',
    ...options.env,
  };
  const clientDir = options.clientDir ?? join(dataDir, 'no-client');
  try {
    const server = options.compiled
      ? await launchServer({
          args: [...benchNodeArgs(), ...COMPILED_ARGS],
          port: await freePort(),
          env: { ...env, DATA_DIR: dataDir, CLIENT_DIR: clientDir },
        })
      : await startServerProcess(dataDir, await freePort(), {
          env,
          nodeArgs: benchNodeArgs(),
          clientDir,
        });
    return benchServer('continuum', server, dataDir);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The bin of `@y/websocket-server` (the reference implementation of the protocol). */
export function referenceServerEntry(): string {
  const root = join(REPO_ROOT, 'node_modules', '@y', 'websocket-server');
  const manifest: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const bin =
    typeof manifest === 'object' && manifest !== null && 'bin' in manifest ? manifest.bin : null;
  const entry =
    typeof bin === 'string'
      ? bin
      : typeof bin === 'object' && bin !== null && 'y-websocket-server' in bin
        ? bin['y-websocket-server']
        : null;
  if (typeof entry !== 'string') throw new Error('@y/websocket-server has no bin entry');
  return join(root, entry);
}

export async function startReference(): Promise<BenchServer> {
  const server = await launchServer({
    args: [...benchNodeArgs(), referenceServerEntry()],
    port: await freePort(),
    readyPath: '/',
  });
  return benchServer('reference', server, null);
}

/** Stops a server and deletes its temporary data folder. */
export async function disposeServer(server: BenchServer): Promise<void> {
  await server.stop();
  if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
}
