/**
 * The browser tests' server: Continuum as its own process (tests/support/serverProcess.ts),
 * serving the built client, on a free port with its own data folder, so tests can stop it,
 * kill -9 it and start it again on the same store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  freePort,
  REPO_ROOT,
  type ServerProcess as RunningProcess,
  startServerProcess as startContinuum,
} from '../support/serverProcess.ts';

export interface ServerProcess {
  baseUrl: string;
  port: number;
  dataDir: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data folder. */
  dispose(): Promise<void>;
}

export async function startServerProcess(): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-e2e-'));
  const clientDir = resolve(REPO_ROOT, 'dist/client');
  let running: RunningProcess | null = null;

  const server: ServerProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    async start() {
      running = await startContinuum(dataDir, port, { clientDir });
    },
    async stop(signal = 'SIGTERM') {
      const stopping = running;
      running = null;
      await stopping?.stop(signal);
    },
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
