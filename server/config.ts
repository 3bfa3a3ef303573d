/** Server configuration, from the environment (README "Configuration"). */
import { resolve } from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  /** Base of the links handed out; null to use the host the request came to. */
  publicUrl: string | null;
  /** Folder of the SQLite store. */
  dataDir: string;
  /** Folder of the built client. */
  clientDir: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  }
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL : null,
    dataDir: dataDirFromEnv(env),
    clientDir: resolve(env.CLIENT_DIR ?? 'dist/client'),
  };
}

/** The folder of the SQLite store: DATA_DIR, default ./data (the export command reads it too). */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR ?? 'data');
}
