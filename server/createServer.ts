/**
 * The server as a factory: one http server for the client, the JSON API and the websocket
 * endpoint `/ws/:boardId?token=…`. No module globals, so tests run many servers on port 0.
 *
 * A websocket is checked before it is used: its Origin and token (auth/access.ts), then the
 * connection caps. Every refusal is an accepted socket closed with a code, because browsers
 * only see 1006 for a refused upgrade and the stock provider would retry it forever.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CLOSES } from '../shared/closeCodes.ts';
import { isLoopbackHost } from '../shared/loopbackHost.ts';
import { Access, type SocketAccess } from './auth/access.ts';
import { createOriginPolicy } from './auth/originPolicy.ts';
import { Tokens } from './auth/tokens.ts';
import { type BoardCommands, LocalBoardCommands } from './boards/boardCommands.ts';
import { BoardService } from './boards/boardService.ts';
import { SessionAdmin } from './boards/sessionAdmin.ts';
import { BoardFencing } from './cluster/boardFencing.ts';
import { ClusterLink } from './cluster/clusterLink.ts';
import { ClusterRooms } from './cluster/clusterRooms.ts';
import { SharedCaps } from './cluster/sharedCaps.ts';
import { SharedWindowLimiter } from './cluster/sharedWindowLimiter.ts';
import { DEFAULT_LIMITS, type Limits, type ServerConfig } from './config.ts';
import { createApi, type WindowLimiter } from './http/api.ts';
import { clientAddress, type RequestOrigin, type TrustedProxies } from './http/clientAddress.ts';
import { errorBody, sendJson } from './http/json.ts';
import { PendingRequests } from './http/pendingRequests.ts';
import { createPublicOrigins, type NetworkView, requestFacts } from './http/publicOrigin.ts';
import { SlidingWindowLimiter } from './http/slidingWindowLimiter.ts';
import { serveStatic } from './http/staticFiles.ts';
import { DamagedRowError } from './persistence/damagedRow.ts';
import { openSqliteStore } from './persistence/openStore.ts';
import { RoomLoadError } from './persistence/roomLoad.ts';
import type { Store } from './persistence/store.ts';
import { type Logger, UpdateLog } from './persistence/updateLog.ts';
import { type BoardRooms, type HeldPort, LocalBoardRooms } from './rooms/boardRooms.ts';
import { closeReason } from './rooms/closeReason.ts';
import { Connection } from './rooms/connection.ts';
import { type Admission, ConnectionLimits, type SocketOrigin } from './rooms/connectionLimits.ts';
import { Liveness } from './rooms/liveness.ts';
import { RoomRegistry } from './rooms/roomRegistry.ts';
import { SendBacklog } from './rooms/sendBacklog.ts';
import { WebsocketServers } from './rooms/websocketServers.ts';

const WS_PATH = /^\/ws\/([\w-]{1,64})$/;
/** How long a shutdown waits for clients to answer the 1001 close before cutting them off. */
const SHUTDOWN_GRACE_MS = 2_000;
/** How often Node checks its header and request timeouts (its default, 30 s, blurs them). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
const MINUTE_MS = 60_000;

/** `connect` lists where pages may connect: 'self' covers the same-origin websocket. */
function contentSecurityPolicy(connect: readonly string[]): string {
  // data: and blob: images are exported pictures.
  return `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src ${["'self'", ...connect].join(' ')}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`;
}

function isLoopbackRequest(host: string | undefined): boolean {
  if (!host) return false;
  try {
    return isLoopbackHost(new URL(`http://${host}`).hostname);
  } catch {
    return false; // a Host header no browser sends
  }
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy([]),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export interface ContinuumServer {
  /** Resolves with the bound port once listening. */
  listen(): Promise<number>;
  /**
   * Stops accepting, stores every room, closes sockets with 1001 (waiting briefly for clients
   * to answer), flushes and closes the store.
   */
  close(): Promise<void>;
  readonly rooms: RoomRegistry;
  /**
   * What this process has read from its websockets since it started: every message ws handed
   * it, inflated, also those it ignored after closing their socket.
   */
  readonly received: { messages: number; bytes: number };
}

/** The config a server needs; the security settings default to those of docs/security-and-limits.md. */
export type ServerOptions = Pick<
  ServerConfig,
  'host' | 'port' | 'publicUrl' | 'dataDir' | 'clientDir'
> & {
  allowedOrigins?: string[];
  limits?: Partial<Limits>;
  /**
   * The store, made from the data folder; SQLite unless given. main.ts passes the store it
   * opened (persistence/openStore.ts: PostgreSQL when DATABASE_URL is set); tests pass others.
   */
  openStore?: (dataDir: string) => Store;
  /** A certificate and its key (PEM): the server then speaks HTTPS and WSS only. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  /** REDIS_URL: share the boards with other instances (the store must be PostgreSQL). */
  redisUrl?: string | null;
  /** The machine's routes and interfaces, for the links' address; the real ones unless given. */
  network?: NetworkView;
  /** Proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); none unless given. */
  trustedProxies?: TrustedProxies | null;
  /** permessage-deflate for a fresh device's large frames (WS_COMPRESSION); on unless false. */
  wsCompression?: boolean;
};

const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message) => console.error(message),
};

export function createServer(
  options: ServerOptions,
  logger: Logger = consoleLogger,
): ContinuumServer {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = (options.openStore ?? openSqliteStore)(options.dataDir);
  const log = new UpdateLog(store, logger);
  reportDamage(store, logger);
  const rooms = new RoomRegistry(log, logger, limits.boardBudgetBytes);
  const tokens = new Tokens(store);
  // One clock for everything the board commands time (and the tests' to replace).
  const now = Date.now;
  const localCommands = new LocalBoardCommands(rooms, {
    store,
    tokens,
    maxParticipants: limits.maxParticipantsPerBoard,
    now,
  });
  // Several instances (REDIS_URL): each board's room lives in the one holding its lease.
  const link = options.redisUrl ? new ClusterLink(options.redisUrl, logger) : null;
  const cluster = link
    ? new ClusterRooms({
        link,
        rooms,
        commands: localCommands,
        limits,
        fencing: new BoardFencing(store, log),
        logger,
        now,
      })
    : null;
  const boardRooms: BoardRooms = cluster ?? new LocalBoardRooms(rooms);
  const commands: BoardCommands = cluster ?? localCommands;
  const boards = new BoardService(store, boardRooms, tokens, commands, now);
  const access = new Access(
    tokens,
    createOriginPolicy(options.publicUrl, options.allowedOrigins ?? []),
    logger,
  );
  const connectionLimits = new ConnectionLimits(limits);
  // Several instances: the caps count every instance's sockets and events (in Redis).
  const sharedCaps = link ? new SharedCaps(link, limits, logger) : null;
  const perMinute = (name: string, max: number): WindowLimiter =>
    link
      ? new SharedWindowLimiter(link, name, max, MINUTE_MS, logger)
      : new SlidingWindowLimiter(max, MINUTE_MS);
  const liveness = new Liveness(limits);
  let closing = false;
  const origins = createPublicOrigins(options, options.network);
  const proxies = options.trustedProxies ?? null;
  const addressOf = (request: RequestOrigin) => clientAddress(request, proxies);
  const handleApi = createApi({
    boards,
    admin: new SessionAdmin(store, commands),
    commands,
    access,
    log,
    limiters: {
      creations: perMinute('creations', limits.boardCreationsPerMinute),
      wrongCodesPerBoard: perMinute('wrong-codes', limits.wrongJoinCodesPerBoardPerMinute),
      failedLookups: perMinute('failed-lookups', limits.failedCodeLookupsPerMinute),
    },
    origins,
    publicUrlSet: options.publicUrl !== null,
    addressOf,
  });

  const timeouts = {
    // Node refuses a header timeout longer than the request timeout.
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  };
  const answer: RequestListener = async (request, response) => {
    // Nothing a request does may take the process (and every room) down.
    try {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
      // A page on localhost checks that the room's address answers before it moves there.
      const facts = requestFacts(request);
      if (isLoopbackRequest(facts.host)) {
        response.setHeader(
          'Content-Security-Policy',
          contentSecurityPolicy(origins.addresses(facts)),
        );
      }
      // Clients learn the server clock's offset from this (timers count against server time).
      response.setHeader('X-Server-Time', String(Date.now()));
      if (await handleApi(request, response)) return;
      if (request.url?.startsWith('/api/')) {
        sendJson(response, 404, errorBody('routeNotFound', 'There is no such route.'));
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendJson(
          response,
          405,
          errorBody('methodNotAllowed', 'Only GET and HEAD are served here.'),
        );
        return;
      }
      serveStatic(options.clientDir, request, response);
    } catch (error) {
      logger.error(`unexpected error answering an HTTP request: ${String(error)}`);
      if (response.headersSent) response.destroy();
      else sendJson(response, 500, errorBody('internal', 'Something went wrong on the server.'));
    }
  };
  // Tokens cross the venue's wifi in every request: with a certificate they cross it encrypted.
  const http = options.tls
    ? createHttpsServer({ ...timeouts, cert: options.tls.cert, key: options.tls.key }, answer)
    : createHttpServer(timeouts, answer);

  new PendingRequests(limits.maxPendingRequestsPerAddress, proxies).watch(http);

  const sockets = new WebsocketServers({
    maxPayload: limits.maxMessageBytes,
    compression: options.wsCompression !== false,
    maxCompressed: limits.maxCompressedSockets,
  });
  const backlog = new SendBacklog(
    () => sockets.clients(),
    limits.maxTotalBufferedBytes,
    (bytes) => logger.info(`closing a connection: ${bytes} bytes unsent, server backlog full`),
  );

  /**
   * `shared`: the verdict of the caps of every instance, taken before the upgrade;
   * `startsEmpty`: the client holds nothing of the board yet (`fresh=1`).
   */
  function accept(
    ws: WebSocket,
    admission: SocketAccess,
    address: string,
    shared: Admission | null,
    startsEmpty: boolean,
  ): void {
    // ws closes a socket that breaks the protocol by itself (1002, 1007, 1009) and then emits
    // 'error', which would crash the process without a listener.
    ws.on('error', () => undefined);
    if (closing) {
      ws.close(CLOSES.restarting.code, CLOSES.restarting.reason);
      return;
    }
    if (!admission.ok) {
      ws.close(admission.refusal.code, closeReason(admission.refusal.reason));
      return;
    }
    const { boardId, participantId, role } = admission.identity;
    const caps = shared ?? connectionLimits.seat(socketOrigin(boardId, participantId, address), ws);
    if ('refused' in caps) {
      ws.close(caps.refused.code, closeReason(caps.refused.reason));
      return;
    }
    caps.seat.attach(ws);
    // The socket is taken now and its room attached once loaded; what it sends meanwhile waits.
    let room: HeldPort | null = null;
    const connection = new Connection(
      ws,
      boardId,
      participantId,
      role,
      startsEmpty,
      limits,
      logger,
      () => {
        caps.seat.release();
        if (room === null) return;
        room.port.removeConnection(connection);
        room.release();
      },
    );
    liveness.watch(ws);
    boardRooms.hold(boardId).then(
      (held) => {
        if (connection.attach(held.port)) room = held;
        else held.release();
      },
      (error: unknown) => {
        if (closing) {
          connection.close(CLOSES.restarting.code, CLOSES.restarting.reason);
          return;
        }
        const { code, reason } = error instanceof RoomLoadError ? error.close : CLOSES.serverError;
        if (!(error instanceof RoomLoadError))
          logger.error(`opening board ${boardId}: ${String(error)}`);
        connection.close(code, reason);
      },
    );
  }

  function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://local');
    const boardId = WS_PATH.exec(url.pathname)?.[1];
    if (!boardId && !url.pathname.startsWith('/ws/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const address = addressOf(request);
    // The token is in the URL; it is never logged.
    access
      .ofSocket(
        { origin: request.headers.origin, host: request.headers.host },
        boardId,
        url.searchParams.get('token') ?? '',
      )
      .then(async (admission) => {
        const shared =
          sharedCaps && admission.ok && !closing
            ? await sharedCaps.admit(
                socketOrigin(admission.identity.boardId, admission.identity.participantId, address),
              )
            : null;
        // Given back when the socket closes, also if it goes away before it is accepted.
        if (shared && 'seat' in shared) {
          if (socket.destroyed) shared.seat.release();
          else socket.once('close', () => shared.seat.release());
        }
        // A socket that went away meanwhile is destroyed by ws itself.
        const startsEmpty = url.searchParams.get('fresh') === '1';
        sockets.handleUpgrade(request, socket, head, startsEmpty, (ws) =>
          accept(ws, admission, address, shared, startsEmpty),
        );
      })
      .catch((error: unknown) => {
        logger.error(`refused a websocket upgrade: ${String(error)}`);
        socket.destroy();
      });
  }

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    // A throw here would escape the event emitter and end the process for everyone.
    try {
      upgrade(request, socket, head);
    } catch (error) {
      logger.error(`refused a websocket upgrade: ${String(error)}`);
      socket.destroy();
    }
  });

  return {
    rooms,
    received: sockets.received,
    listen: async () => {
      if (link && cluster) {
        await link.start();
        await cluster.start();
        await sharedCaps?.start();
      }
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(options.port, options.host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      });
    },
    close: async () => {
      closing = true;
      liveness.stop();
      backlog.stop();
      http.close();
      const roomsStored = rooms.closeAll(CLOSES.restarting);
      await allClosed(sockets.clients(), SHUTDOWN_GRACE_MS);
      await roomsStored;
      await cluster?.stop();
      await link?.close();
      for (const client of sockets.clients()) client.terminate();
      sockets.close();
      // While saving is paused nothing waits in memory: what the store lacks, nobody was sent.
      await log.flush();
      log.close();
      await store.close();
      http.closeAllConnections();
    },
  };
}

function socketOrigin(boardId: string, participantId: string, address: string): SocketOrigin {
  return { boardId, address, holder: `${boardId}/${participantId}` };
}

/** Logs the damaged rows the store found when it opened (each also refuses what needs it). */
function reportDamage(store: Store, logger: Logger): void {
  Promise.resolve(store.damagedRows()).then(
    (rows) => {
      for (const row of rows) {
        logger.error(
          `STORED DATA DAMAGED: ${new DamagedRowError(row).message}; what needs it is refused, the rest works`,
        );
      }
    },
    (error: unknown) => logger.error(`could not list damaged rows: ${String(error)}`),
  );
}

/** Resolves once every socket has closed, or after `timeoutMs`. */
function allClosed(clients: Iterable<WebSocket>, timeoutMs: number): Promise<void> {
  const open = [...clients].filter((client) => client.readyState !== client.CLOSED);
  if (open.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let left = open.length;
    const timer = setTimeout(resolve, timeoutMs);
    for (const client of open) {
      client.once('close', () => {
        left -= 1;
        if (left === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}
