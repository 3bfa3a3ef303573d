/**
 * The server as a factory: one http server for the client, the JSON API and the websocket
 * endpoint `/ws/:boardId?token=…`. No module globals, so tests run many servers on port 0.
 */
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import {
  CLOSE_GOING_AWAY,
  CLOSE_ROOM_UNAVAILABLE,
  CLOSE_UNAUTHORIZED,
} from '../shared/closeCodes.ts';
import { BoardService } from './boardService.ts';
import type { ServerConfig } from './config.ts';
import { Connection } from './connection.ts';
import { createApi } from './http/api.ts';
import { FailedAttemptLimiter } from './http/failedAttemptLimiter.ts';
import { serveStatic } from './http/staticFiles.ts';
import { SqliteStore, STORE_FILE_NAME } from './persistence/sqlite.ts';
import { type Logger, UpdateLog } from './persistence/updateLog.ts';
import { RoomLoadError } from './room.ts';
import { RoomRegistry } from './roomRegistry.ts';
import { SessionAdmin } from './sessionAdmin.ts';

export const MAX_FRAME_BYTES = 1024 * 1024;
const WS_PATH = /^\/ws\/([\w-]{1,64})$/;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export interface ContinuumServer {
  /** Resolves with the bound port once listening. */
  listen(): Promise<number>;
  /** Stops accepting, stores every room, closes sockets with 1001, closes the store. */
  close(): Promise<void>;
  readonly rooms: RoomRegistry;
}

const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message) => console.error(message),
};

export function createServer(
  config: Pick<ServerConfig, 'host' | 'port' | 'publicUrl' | 'dataDir' | 'clientDir'>,
  logger: Logger = consoleLogger,
): ContinuumServer {
  const store = new SqliteStore(join(config.dataDir, STORE_FILE_NAME));
  const log = new UpdateLog(store, logger);
  const rooms = new RoomRegistry(log, logger);
  const boards = new BoardService(store, rooms);
  const handleApi = createApi({
    boards,
    admin: new SessionAdmin(store, rooms),
    log,
    failedJoins: new FailedAttemptLimiter(10, 60_000),
    publicUrl: config.publicUrl,
  });

  const http = createHttpServer(async (request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    // Clients learn the server clock's offset from this (timers count against server time).
    response.setHeader('X-Server-Time', String(Date.now()));
    if (await handleApi(request, response)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    serveStatic(config.clientDir, request, response);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://local');
    const boardId = WS_PATH.exec(url.pathname)?.[1];
    if (!boardId) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const token = url.searchParams.get('token') ?? '';
    // Authenticate before the socket is used; a refusal is an accepted socket closed with 4401,
    // because browsers only see 1006 for a refused upgrade and would retry forever.
    const identity = token ? boards.authenticate(boardId, token) : null;
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (!identity) {
        ws.close(CLOSE_UNAUTHORIZED, 'Unknown board or invalid token');
        return;
      }
      let room: ReturnType<RoomRegistry['open']>;
      try {
        room = rooms.open(boardId);
      } catch (error) {
        if (!(error instanceof RoomLoadError)) throw error;
        logger.error(error.message);
        ws.close(CLOSE_ROOM_UNAVAILABLE, 'This board cannot be loaded right now');
        return;
      }
      const connection = new Connection(
        ws,
        room,
        identity.participantId,
        identity.role,
        logger,
        (closed) => {
          room.removeConnection(closed);
          rooms.release(room);
        },
      );
      room.addConnection(connection);
    });
  });

  return {
    rooms,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    close: async () => {
      http.close();
      rooms.closeAll(CLOSE_GOING_AWAY, 'The server is restarting');
      for (const client of wss.clients) client.terminate();
      wss.close();
      log.flush();
      log.close();
      store.close();
      http.closeAllConnections();
    },
  };
}
