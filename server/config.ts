/** Server configuration, from the environment (README "Settings", docs/security-and-limits.md). */
import { resolve } from 'node:path';

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
  /** A socket whose unsent data grows past this is closed: it cannot keep up. */
  maxBufferedBytes: number;
  /** Sync messages (document updates and state requests) per connection. */
  updateRate: RateLimit;
  /** Awareness messages (presence, drags) per connection. */
  awarenessRate: RateLimit;
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
  maxBufferedBytes: 8 * 1024 * 1024,
  // Drops, plus a reconnecting client's catch-up: one big step 2 is still one message.
  updateRate: { perSecond: 40, burst: 200 },
  // A fast dragger sends 30 a second, plus presence renewals.
  awarenessRate: { perSecond: 60, burst: 120 },
  pingIntervalMs: 30_000,
  pongTimeoutMs: 60_000,
};

export interface ServerConfig {
  host: string;
  port: number;
  /** Base of the links handed out; null to use the host the request came to. */
  publicUrl: string | null;
  /** Folder of the SQLite store. */
  dataDir: string;
  /** Folder of the built client. */
  clientDir: string;
  /** Origins allowed to open a websocket besides the server's own (ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  limits: Limits;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  }
  const count = (name: string, fallback: number): number => positiveInteger(env, name, fallback);
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL : null,
    dataDir: dataDirFromEnv(env),
    clientDir: resolve(env.CLIENT_DIR ?? 'dist/client'),
    allowedOrigins: originsFromEnv(env.ALLOWED_ORIGINS),
    limits: {
      maxMessageBytes: count('MAX_MESSAGE_BYTES', DEFAULT_LIMITS.maxMessageBytes),
      boardBudgetBytes: count('BOARD_BUDGET_BYTES', DEFAULT_LIMITS.boardBudgetBytes),
      maxConnectionsPerBoard: count(
        'MAX_CONNECTIONS_PER_BOARD',
        DEFAULT_LIMITS.maxConnectionsPerBoard,
      ),
      maxConnectionsPerAddress: count(
        'MAX_CONNECTIONS_PER_ADDRESS',
        DEFAULT_LIMITS.maxConnectionsPerAddress,
      ),
      maxBufferedBytes: count('MAX_BUFFERED_BYTES', DEFAULT_LIMITS.maxBufferedBytes),
      updateRate: {
        perSecond: count('UPDATES_PER_SECOND', DEFAULT_LIMITS.updateRate.perSecond),
        burst: count('UPDATES_BURST', DEFAULT_LIMITS.updateRate.burst),
      },
      awarenessRate: {
        perSecond: count('AWARENESS_PER_SECOND', DEFAULT_LIMITS.awarenessRate.perSecond),
        burst: count('AWARENESS_BURST', DEFAULT_LIMITS.awarenessRate.burst),
      },
      pingIntervalMs: count('PING_INTERVAL_MS', DEFAULT_LIMITS.pingIntervalMs),
      pongTimeoutMs: count('PONG_TIMEOUT_MS', DEFAULT_LIMITS.pongTimeoutMs),
    },
  };
}

/** The folder of the SQLite store: DATA_DIR, default ./data (the export command reads it too). */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR ?? 'data');
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
