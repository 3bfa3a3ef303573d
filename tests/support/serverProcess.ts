/**
 * Servers as their own processes, for tests that kill them, stop them with a signal or restart
 * them on the same port and data folder, for the browser tests and for the benchmarks: one
 * launcher (`launchServer`), and Continuum as `npm start` runs it (`startServerProcess`).
 * Every started process is killed when the test process exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HOST = '127.0.0.1';
/** Continuum's entry point, as node arguments. */
export const CONTINUUM_ARGS = ['--import', 'tsx', 'server/main.ts'];
const START_TIMEOUT_MS = 30_000;
const KEPT_OUTPUT_CHARS = 20_000;

const children = new Set<ChildProcess>();
process.on('exit', killAllChildren);

/** Kills every process started here (or tracked) that is still running. */
export function killAllChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Tracks a child process so it is killed if the test process ends first. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** A port nobody listens on right now, so a restarted server can take the same one. */
export function freePort(): Promise<number> {
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

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** `ws://127.0.0.1:<port>/ws` (Continuum's websocket endpoint) */
  wsUrl: string;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** What the process printed (stdout and stderr), the last 20,000 characters. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
  /** Sends `signal` (SIGTERM: Continuum stores every room); SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<Exit>;
}

export interface LaunchOptions {
  /** Node arguments: the entry point and its flags. */
  args: readonly string[];
  port: number;
  env?: Record<string, string>;
  /** The path that answers 2xx once the server is ready. */
  readyPath?: string;
}

/** Starts a node server (on 127.0.0.1 unless `env.HOST` says otherwise) and resolves once `readyPath` answers at 127.0.0.1. */
export async function launchServer(options: LaunchOptions): Promise<ServerProcess> {
  const { port } = options;
  const child = spawn(process.execPath, [...options.args], {
    cwd: REPO_ROOT,
    // 127.0.0.1 unless the test asks for another (HOST=0.0.0.0: reachable at the LAN address too).
    env: { ...process.env, HOST, ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const baseUrl = `http://${HOST}:${port}`;
  try {
    await waitUntilAnswering(`${baseUrl}${options.readyPath ?? '/healthz'}`, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server has no pid');
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    pid,
    port,
    baseUrl,
    wsUrl: `ws://${HOST}:${port}/ws`,
    exited,
    output: () => output,
    kill: (signal) => child.kill(signal),
    stop: async (signal = 'SIGTERM', graceMs = 15_000) => {
      if (!running()) return exited;
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(killer);
      return exit;
    },
  };
}

export interface ContinuumOptions {
  /** More environment (limits, PUBLIC_URL, …). */
  env?: Record<string, string>;
  /** Folder of the built client; by default none is served. */
  clientDir?: string;
  /** Node flags before the entry point (e.g. profiling). */
  nodeArgs?: readonly string[];
}

/** Continuum exactly as `npm start` runs it (without the build), on `port` with `dataDir`. */
export function startServerProcess(
  dataDir: string,
  port: number,
  options: ContinuumOptions = {},
): Promise<ServerProcess> {
  return launchServer({
    args: [...(options.nodeArgs ?? []), ...CONTINUUM_ARGS],
    port,
    env: {
      ...options.env,
      DATA_DIR: dataDir,
      CLIENT_DIR: options.clientDir ?? join(dataDir, 'no-client'),
    },
  });
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited before answering:\n${output()}`);
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the server did not answer ${url} within ${START_TIMEOUT_MS} ms:\n${output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
