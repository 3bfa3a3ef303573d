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

/**
 * `env` adds settings. By default the server listens on 127.0.0.1 only and PUBLIC_URL is unset:
 * it then has no address but loopback, so its links and pages stay on `baseUrl` (no move to a LAN
 * address). `{ HOST: '0.0.0.0' }` makes it reachable at this machine's LAN address too; its
 * links then use that address and a page opened on 127.0.0.1 moves there (tests/e2e/addresses.spec.ts).
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-e2e-'));
  const clientDir = resolve(REPO_ROOT, 'dist/client');
  let running: RunningProcess | null = null;

  const server: ServerProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    async start() {
      // PUBLIC_URL from the shell that runs the tests must not change the links the tests see.
      running = await startContinuum(dataDir, port, { clientDir, env: { PUBLIC_URL: '', ...env } });
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
