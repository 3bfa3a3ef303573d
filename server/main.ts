/** Starts Continuum: `npm start` (after building the client). */
import { readFileSync } from 'node:fs';
import { configFromEnv } from './config.ts';
import { createServer } from './createServer.ts';
import { createPublicOrigins } from './http/publicOrigin.ts';
import { openStore } from './persistence/openStore.ts';

const config = configFromEnv();
function readPem(file: string, variable: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${variable}: cannot read ${file} (${String(error)})`);
  }
}
const tls = config.tls && {
  cert: readPem(config.tls.certFile, 'TLS_CERT'),
  key: readPem(config.tls.keyFile, 'TLS_KEY'),
};
// Opened before the server: a database that cannot be reached stops the start with the reason.
const store = await openStore(config).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
const server = createServer({ ...config, tls, openStore: () => store });
const scheme = tls ? 'https' : 'http';
const port = await server.listen();

// The same list GET /api/addresses gives the facilitator to choose from.
const origins = createPublicOrigins(config);
const asLocal = { host: `localhost:${port}`, encrypted: Boolean(tls), port };
const linkBase = origins.linkBase(asLocal);
const network = origins
  .addresses(asLocal)
  .filter(
    (origin) => origin !== config.publicUrl?.replace(/\/+$/, '') && !origin.includes('localhost'),
  );
// The address to open comes first: the one every phone in the room can reach too (a board
// created at localhost would hand out links no phone can open).
console.log(
  `Continuum is running. Data is stored in ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dataDir}`,
);
console.log(`  Open:              ${linkBase}/`);
for (const origin of network) {
  if (origin !== linkBase) console.log(`  On the network:    ${origin}/`);
}
console.log(`  On this computer:  ${scheme}://localhost:${port}/`);
if (!config.publicUrl) {
  console.log('  (people outside this network need PUBLIC_URL: see the README, "Settings")');
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: storing every board and closing connections…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('error while closing:', error);
        process.exit(1);
      },
    );
  });
}
