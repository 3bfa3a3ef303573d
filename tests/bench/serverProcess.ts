/**
 * The servers under test, each started as its own process on 127.0.0.1 so its CPU time and
 * memory can be read from /proc: Continuum (`node --import tsx server/main.ts`, with a temporary
 * data folder) and the reference server of the y-websocket protocol (`@y/websocket-server`'s
 * bin, no auth, no schema, no persistence). Every started process is killed when the bench exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const KEPT_OUTPUT_CHARS = 20_000;

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

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  });
}

/** Tracks a child process of the bench so it is killed if the bench ends early. */
export function trackChild(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode} before answering:\n${output()}`);
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer ${url} within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

async function launch(
  kind: ServerKind,
  args: string[],
  env: Record<string, string>,
  port: number,
  readyPath: string,
  dataDir: string | null,
): Promise<BenchServer> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers under test.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, HOST, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://${HOST}:${port}`;
  const output = () => printed;
  try {
    await waitUntilAnswering(`${baseUrl}${readyPath}`, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${kind} server has no pid`);
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
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(killer);
      }
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
}

/** Continuum exactly as `npm start` runs it (without the build), on loopback. */
export async function startContinuum(options: ContinuumOptions = {}): Promise<BenchServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'continuum-bench-'));
  const env: Record<string, string> = { ...options.env, DATA_DIR: dataDir };
  env.CLIENT_DIR = options.clientDir ?? join(dataDir, 'no-client');
  return launch(
    'continuum',
    ['--import', 'tsx', 'server/main.ts'],
    env,
    await freePort(),
    '/healthz',
    dataDir,
  );
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
  return launch('reference', [referenceServerEntry()], {}, await freePort(), '/', null);
}

/** Stops a server and deletes its temporary data folder. */
export async function disposeServer(server: BenchServer): Promise<void> {
  await server.stop();
  if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
}
