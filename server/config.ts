/** Server configuration, from the environment (README "Settings", docs/security-and-limits.md). */
import { resolve } from 'node:path';
import { TrustedProxies } from './http/clientAddress.ts';

/** A token bucket: this many events a second on average, and bursts of up to `burst`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** What one client, one address or one board may cost the server. */
export interface Limits {
  /** Largest websocket frame; ws closes a socket that sends a larger one with 1009. */
  maxMessageBytes: number;
  /** Stored size of one board's document (its update log) beyond which writes are refused. */
  boardBudgetBytes: number;
  maxConnectionsPerBoard: number;
  maxConnectionsPerAddress: number;
  /** Open websockets of one token; a new one over it closes that token's oldest. */
  maxSocketsPerToken: number;
  /** People on one board (everyone not removed); a join beyond it is refused. */
  maxParticipantsPerBoard: number;
  /** Boards created or imported per address in a minute. */
  boardCreationsPerMinute: number;
  /** Wrong join codes sent for one board (with its id) in a minute, from anywhere. */
  wrongJoinCodesPerBoardPerMinute: number;
  /** Codes looked up alone (`GET /api/join/:joinCode`) that match no board, per address a minute. */
  failedCodeLookupsPerMinute: number;
  /** Connections of one address whose first HTTP request (or upgrade) has not fully arrived. */
  maxPendingRequestsPerAddress: number;
  /** Time a request's headers may take to arrive (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** Time a whole request may take to arrive (Node's `requestTimeout`). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (Node's `keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** A socket whose unsent data grows past this is closed: it cannot keep up. */
  maxBufferedBytes: number;
  /** Unsent data of all sockets together; past it the sockets holding most are closed. */
  maxTotalBufferedBytes: number;
  /** Sync messages (document updates and state requests) per connection. */
  updateRate: RateLimit;
  /** Awareness messages (presence, drags) per connection. */
  awarenessRate: RateLimit;
  /** Bytes of all the messages of one connection (echoes of what it was sent aside). */
  byteRate: RateLimit;
  /**
   * Awareness a client sends is free up to what the server sent it in this window: the stock
   * provider echoes every awareness change it receives. Beyond it, it counts as bytes.
   */
  awarenessEchoWindowMs: number;
  /** New Yjs client ids one participant may write under on a board in `windowMs`. */
  newClientIds: { max: number; windowMs: number };
  /**
   * Sockets of this process that may use permessage-deflate at once: each keeps its zlib state
   * (about 80 KiB) until it closes; past this, new sockets go uncompressed.
   */
  maxCompressedSockets: number;
  /** How often every connection is pinged. */
  pingIntervalMs: number;
  /** A connection that has not answered a ping for this long is cut (a half-open socket). */
  pongTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 1024 * 1024,
  boardBudgetBytes: 8 * 1024 * 1024,
  // The benchmark runs 500 clients on one board and 2,000 connections from one address.
  maxConnectionsPerBoard: 1_000,
  maxConnectionsPerAddress: 5_000,
  // Two tabs and a phone that changed network, with room to spare.
  maxSocketsPerToken: 8,
  maxParticipantsPerBoard: 300,
  // A training room where everyone creates a practice board at once.
  boardCreationsPerMinute: 30,
  wrongJoinCodesPerBoardPerMinute: 20,
  // A room typing the code behind one address makes a dozen typos.
  failedCodeLookupsPerMinute: 20,
  // The connections benchmark opens 200 at once; honest heads arrive in one packet.
  maxPendingRequestsPerAddress: 500,
  headersTimeoutMs: 10_000,
  // A 5 MB snapshot import over poor venue wifi.
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxTotalBufferedBytes: 256 * 1024 * 1024,
  // Drops, plus a reconnecting client's catch-up: one big step 2 is still one message.
  updateRate: { perSecond: 40, burst: 200 },
  // A fast dragger sends 30 a second, plus presence renewals.
  awarenessRate: { perSecond: 60, burst: 120 },
  // An offline client's step 2 after an hour (48 cards moved a dozen times, with 200-character
  // reasons) is about 17 kB, and a board's whole delete set is within its budget: a burst of a
  // full board, then 128 kB a second (a drop is a few hundred bytes).
  byteRate: { perSecond: 128 * 1024, burst: 8 * 1024 * 1024 },
  awarenessEchoWindowMs: 1_000,
  // Every page load is a new client id: a participant reloading every 20 seconds for 10 minutes.
  newClientIds: { max: 30, windowMs: 10 * 60_000 },
  // About 40 MB of zlib state: every newcomer of a few full rooms at once.
  maxCompressedSockets: 500,
  pingIntervalMs: 30_000,
  pongTimeoutMs: 60_000,
};

/**
 * The defaults when DATABASE_URL is set: PostgreSQL (and, with REDIS_URL, several instances)
 * is the deployment for crowds, where a board holds up to 2,000 people. A 60-person workshop
 * board of three rounds is about 0.6 MB, so 2,000 people's board is about 20 MB: the budget
 * leaves room for its log between compactions, and one socket may buffer a whole board (a
 * facilitator's or projector's first sync) without being cut as too slow.
 */
export const DATABASE_SCALE_LIMITS: Limits = {
  ...DEFAULT_LIMITS,
  boardBudgetBytes: 64 * 1024 * 1024,
  maxParticipantsPerBoard: 2_000,
  // Everyone on a second device (a phone and a laptop), plus the facilitators' screens.
  maxConnectionsPerBoard: 5_000,
  // The whole crowd behind one venue address, each on two devices.
  maxConnectionsPerAddress: 10_000,
  maxBufferedBytes: 64 * 1024 * 1024,
  // 2,000 newcomers downloading the board at once.
  maxTotalBufferedBytes: 512 * 1024 * 1024,
};

/** Commits run one at a time (TickCommit); room loads and HTTP reads run beside them. */
export const DEFAULT_DATABASE_POOL_SIZE = 8;

export interface ServerConfig {
  host: string;
  port: number;
  /** Base of the links handed out; null to use the host the request came to. */
  publicUrl: string | null;
  /** TLS_CERT and TLS_KEY: PEM files; the server then speaks HTTPS and WSS only. */
  tls: { certFile: string; keyFile: string } | null;
  /** Folder of the SQLite store. */
  dataDir: string;
  /** DATABASE_URL: the PostgreSQL store instead of SQLite; null for SQLite in dataDir. */
  databaseUrl: string | null;
  /** DATABASE_POOL_SIZE: connections to PostgreSQL this instance keeps at most. */
  databasePoolSize: number;
  /** REDIS_URL: several instances share the boards (with DATABASE_URL); null for one. */
  redisUrl: string | null;
  /** Folder of the built client. */
  clientDir: string;
  /** Origins allowed to open a websocket besides the server's own (ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** TRUSTED_PROXIES: the proxies whose X-Forwarded-For is believed; null (default) for none. */
  trustedProxies: TrustedProxies | null;
  /**
   * WS_COMPRESSION: permessage-deflate for large websocket frames, offered to a device that
   * holds nothing of its board yet (`on`, the default, or `off`).
   */
  wsCompression: boolean;
  limits: Limits;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  }
  const count = (name: string, fallback: number): number => positiveInteger(env, name, fallback);
  const databaseUrl = databaseUrlFromEnv(env);
  // Explicit settings still win over either set of defaults.
  const defaults = databaseUrl === null ? DEFAULT_LIMITS : DATABASE_SCALE_LIMITS;
  const pingIntervalMs = count('PING_INTERVAL_MS', defaults.pingIntervalMs);
  const pongTimeoutMs = count('PONG_TIMEOUT_MS', defaults.pongTimeoutMs);
  // Silence is measured since the last pong and checked once per ping: a timeout not longer than
  // the interval would cut every healthy connection at the next check.
  if (pongTimeoutMs <= pingIntervalMs) {
    throw new Error(
      `PONG_TIMEOUT_MS (${pongTimeoutMs}) must be longer than PING_INTERVAL_MS (${pingIntervalMs})`,
    );
  }
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL : null,
    tls: tlsFromEnv(env),
    dataDir: dataDirFromEnv(env),
    databaseUrl,
    redisUrl: redisUrlFromEnv(env),
    databasePoolSize: count('DATABASE_POOL_SIZE', DEFAULT_DATABASE_POOL_SIZE),
    clientDir: resolve(env.CLIENT_DIR ?? 'dist/client'),
    allowedOrigins: originsFromEnv(env.ALLOWED_ORIGINS),
    trustedProxies: TrustedProxies.parse(env.TRUSTED_PROXIES),
    wsCompression: onOrOff(env, 'WS_COMPRESSION', true),
    limits: {
      maxMessageBytes: count('MAX_MESSAGE_BYTES', defaults.maxMessageBytes),
      boardBudgetBytes: count('BOARD_BUDGET_BYTES', defaults.boardBudgetBytes),
      maxConnectionsPerBoard: count('MAX_CONNECTIONS_PER_BOARD', defaults.maxConnectionsPerBoard),
      maxConnectionsPerAddress: count(
        'MAX_CONNECTIONS_PER_ADDRESS',
        defaults.maxConnectionsPerAddress,
      ),
      maxSocketsPerToken: count('MAX_SOCKETS_PER_TOKEN', defaults.maxSocketsPerToken),
      maxParticipantsPerBoard: count(
        'MAX_PARTICIPANTS_PER_BOARD',
        defaults.maxParticipantsPerBoard,
      ),
      boardCreationsPerMinute: count(
        'BOARD_CREATIONS_PER_MINUTE',
        defaults.boardCreationsPerMinute,
      ),
      wrongJoinCodesPerBoardPerMinute: count(
        'WRONG_JOIN_CODES_PER_BOARD_PER_MINUTE',
        defaults.wrongJoinCodesPerBoardPerMinute,
      ),
      failedCodeLookupsPerMinute: count(
        'FAILED_CODE_LOOKUPS_PER_MINUTE',
        defaults.failedCodeLookupsPerMinute,
      ),
      maxPendingRequestsPerAddress: count(
        'MAX_PENDING_REQUESTS_PER_ADDRESS',
        defaults.maxPendingRequestsPerAddress,
      ),
      headersTimeoutMs: count('HEADERS_TIMEOUT_MS', defaults.headersTimeoutMs),
      requestTimeoutMs: count('REQUEST_TIMEOUT_MS', defaults.requestTimeoutMs),
      keepAliveTimeoutMs: count('KEEP_ALIVE_TIMEOUT_MS', defaults.keepAliveTimeoutMs),
      maxBufferedBytes: count('MAX_BUFFERED_BYTES', defaults.maxBufferedBytes),
      maxTotalBufferedBytes: count('MAX_TOTAL_BUFFERED_BYTES', defaults.maxTotalBufferedBytes),
      updateRate: {
        perSecond: count('UPDATES_PER_SECOND', defaults.updateRate.perSecond),
        burst: count('UPDATES_BURST', defaults.updateRate.burst),
      },
      awarenessRate: {
        perSecond: count('AWARENESS_PER_SECOND', defaults.awarenessRate.perSecond),
        burst: count('AWARENESS_BURST', defaults.awarenessRate.burst),
      },
      byteRate: {
        perSecond: count('BYTES_PER_SECOND', defaults.byteRate.perSecond),
        burst: byteBurst(env, defaults, count('MAX_MESSAGE_BYTES', defaults.maxMessageBytes)),
      },
      awarenessEchoWindowMs: count('AWARENESS_ECHO_WINDOW_MS', defaults.awarenessEchoWindowMs),
      newClientIds: {
        max: count('NEW_CLIENT_IDS_PER_WINDOW', defaults.newClientIds.max),
        windowMs: count('NEW_CLIENT_ID_WINDOW_MS', defaults.newClientIds.windowMs),
      },
      maxCompressedSockets: count('MAX_COMPRESSED_SOCKETS', defaults.maxCompressedSockets),
      pingIntervalMs,
      pongTimeoutMs,
    },
  };
}

/** BYTES_BURST: at least one frame of the largest size, or such a frame could never pass. */
function byteBurst(env: NodeJS.ProcessEnv, defaults: Limits, maxMessageBytes: number): number {
  const burst = positiveInteger(env, 'BYTES_BURST', defaults.byteRate.burst);
  if (burst < maxMessageBytes) {
    throw new Error(
      `BYTES_BURST (${burst}) must be at least MAX_MESSAGE_BYTES (${maxMessageBytes})`,
    );
  }
  return burst;
}

/** Both TLS_CERT and TLS_KEY, or neither: half a certificate would silently serve plain HTTP. */
function tlsFromEnv(env: NodeJS.ProcessEnv): ServerConfig['tls'] {
  const certFile = env.TLS_CERT ?? '';
  const keyFile = env.TLS_KEY ?? '';
  if (certFile === '' && keyFile === '') return null;
  if (certFile === '' || keyFile === '') {
    throw new Error(
      'TLS_CERT and TLS_KEY must be set together (PEM files of the certificate and its key)',
    );
  }
  return { certFile: resolve(certFile), keyFile: resolve(keyFile) };
}

/** The folder of the SQLite store: DATA_DIR, default ./data (the export command reads it too). */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR ?? 'data');
}

/**
 * DATABASE_URL, a postgres:// or postgresql:// URL (the server, the export and migrate-store
 * commands read it), or null when unset. The URL is never repeated in a message: it may hold a
 * password.
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const text = env.DATABASE_URL ?? '';
  if (text === '') return null;
  let protocol = '';
  try {
    protocol = new URL(text).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error(
      'DATABASE_URL must be a PostgreSQL URL: postgresql://user:password@host:5432/database',
    );
  }
  return text;
}

/**
 * REDIS_URL, a redis:// or rediss:// URL, or null when unset. Several instances share their boards
 * through it, so it needs DATABASE_URL: each instance's SQLite file would be a store of its own.
 */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const text = env.REDIS_URL ?? '';
  if (text === '') return null;
  let protocol = '';
  try {
    protocol = new URL(text).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new Error('REDIS_URL must be a Redis URL: redis://host:6379');
  }
  if ((env.DATABASE_URL ?? '') === '') {
    throw new Error(
      'REDIS_URL needs DATABASE_URL: instances that share boards must share one PostgreSQL store',
    );
  }
  return text;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, not "${text}"`);
  }
  return value;
}

function onOrOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const text = (env[name] ?? '').trim().toLowerCase();
  if (text === '') return fallback;
  if (text === 'on') return true;
  if (text === 'off') return false;
  throw new Error(`${name} must be "on" or "off", not "${env[name]}"`);
}

/** `ALLOWED_ORIGINS=https://a.example,https://b.example`, each normalised to its origin. */
function originsFromEnv(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      try {
        return new URL(entry).origin;
      } catch {
        throw new Error(`ALLOWED_ORIGINS: "${entry}" is not an origin like https://host:port`);
      }
    });
}
