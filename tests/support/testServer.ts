/**
 * The real server in-process on port 0 with a fresh data folder, and real y-websocket clients
 * in Node (`ws` as the WebSocket), for tests. Nothing is mocked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  type ContinuumServer,
  createServer,
  type ServerOptions,
} from '../../server/createServer.ts';
import type { Logger } from '../../server/persistence/updateLog.ts';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { openRawSocket, type RawSocket, type RawSocketOptions } from './rawSocket.ts';

export const quietLogger: Logger = { info: () => undefined, error: () => undefined };

export interface RunningServer {
  server: ContinuumServer;
  baseUrl: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Where a server answers: this in-process one, or a server process (serverProcess.ts). */
export type Endpoint = Pick<RunningServer, 'baseUrl' | 'wsUrl'>;

const dataDirs: string[] = [];
process.on('exit', () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

export function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-test-'));
  dataDirs.push(dir);
  return dir;
}

/**
 * Settings a test may change: the security options and limits, the store (`openStore`: SQLite
 * in the data folder unless given) and where logs go.
 */
export interface TestServerOptions
  extends Pick<ServerOptions, 'allowedOrigins' | 'limits' | 'openStore' | 'tls' | 'redisUrl'> {
  publicUrl?: string;
  logger?: Logger;
}

export async function startTestServer(
  dataDir = newDataDir(),
  options: TestServerOptions = {},
): Promise<RunningServer> {
  const { publicUrl, logger, ...settings } = options;
  const server = createServer(
    {
      host: '127.0.0.1',
      port: 0,
      publicUrl: publicUrl ?? null,
      dataDir,
      clientDir: join(dataDir, 'no-client'),
      ...settings,
    },
    logger ?? quietLogger,
  );
  const port = await server.listen();
  const secure = Boolean(settings.tls);
  return {
    server,
    baseUrl: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    wsUrl: `${secure ? 'wss' : 'ws'}://127.0.0.1:${port}/ws`,
    dataDir,
    close: () => server.close(),
  };
}

export async function postJson<T>(
  url: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Any API call, optionally as the holder of a token; an empty answer (204) reads as null. */
export async function callApi<T>(
  running: Endpoint,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(`${running.baseUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

/** What /healthz says: `degraded` while saving is paused or some stored rows are damaged. */
export interface Health {
  status: 'ok' | 'degraded';
  store: { savingPaused: boolean; lastError: string | null };
  /** Damaged rows per table, when there are any. */
  damage?: { boards: number; tokens: number; updates: number };
}

export async function storeHealth(running: Endpoint): Promise<Health> {
  const { body } = await callApi<Health>(running, 'GET', '/healthz');
  return body;
}

/** Waits (up to 15 s) for the store to take writes again. */
export async function storeRecovered(running: Endpoint): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await storeHealth(running)).store.savingPaused) {
    if (Date.now() > deadline) throw new Error('the store did not recover');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function createBoard(
  running: Endpoint,
  body: unknown = { title: 'Test board' },
): Promise<CreateBoardResponse> {
  const { status, body: created } = await postJson<CreateBoardResponse>(
    `${running.baseUrl}/api/boards`,
    body,
  );
  if (status !== 201) throw new Error(`create board answered ${status}`);
  return created;
}

export async function joinBoard(
  running: Endpoint,
  board: CreateBoardResponse,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<JoinResponse> {
  const { status, body } = await postJson<JoinResponse>(
    `${running.baseUrl}/api/boards/${board.boardId}/participants`,
    { joinCode: board.joinCode, name, ...extra },
  );
  if (status !== 201) throw new Error(`join answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock y-websocket client, exactly as a browser would connect. */
// Each stock provider in Node adds a process 'exit' listener; a test of a full room has dozens.
process.setMaxListeners(200);

export function connectClient(running: Endpoint, boardId: string, token: string): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(running.wsUrl, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function synced(client: TestClient): Promise<void> {
  return waitFor(() => client.provider.synced, 'the client to sync');
}

/** Resolves with the close code and reason of the provider's first server-side close. */
export function nextClose(client: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    client.provider.once('connection-close', (event) => {
      resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' });
    });
  });
}

export interface ServerHarness {
  /** A server that is closed after the test, unless the test closed it itself. */
  start(dataDir?: string, options?: TestServerOptions): Promise<RunningServer>;
  /** A stock client, destroyed after the test; not yet synced. */
  client(running: Endpoint, boardId: string, token: string): TestClient;
  /** A stock client, destroyed after the test, once it has synced. */
  connect(running: Endpoint, boardId: string, token: string): Promise<TestClient>;
  /** Clients made elsewhere, destroyed after the test. */
  track(...added: TestClient[]): void;
  /** A raw socket, terminated after the test. */
  socket(url: string, options?: RawSocketOptions): Promise<RawSocket>;
  /** The after-test cleanup, now: sockets, then clients, then servers; for a test that restarts. */
  stop(): Promise<void>;
}

/** Registers an `afterEach` that tears down whatever the file's tests started through it. */
export function serverHarness(): ServerHarness {
  const servers: RunningServer[] = [];
  const clients: TestClient[] = [];
  const sockets: RawSocket[] = [];
  const stop = async () => {
    for (const socket of sockets.splice(0)) socket.ws.terminate();
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.close();
  };
  afterEach(stop);
  return {
    start: async (dataDir, options) => {
      const running = await startTestServer(dataDir, options);
      const tracked: RunningServer = {
        ...running,
        // A server the test closes itself is not closed again after it.
        close: () => {
          const index = servers.indexOf(tracked);
          if (index >= 0) servers.splice(index, 1);
          return running.close();
        },
      };
      servers.push(tracked);
      return tracked;
    },
    client: (running, boardId, token) => {
      const client = connectClient(running, boardId, token);
      clients.push(client);
      return client;
    },
    connect: async (running, boardId, token) => {
      const client = connectClient(running, boardId, token);
      clients.push(client);
      await synced(client);
      return client;
    },
    track: (...added) => {
      clients.push(...added);
    },
    socket: async (url, options) => {
      const socket = await openRawSocket(url, options);
      sockets.push(socket);
      return socket;
    },
    stop,
  };
}
