/** Starts Continuum: `npm start` (after building the client). */
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { configFromEnv } from './config.ts';
import { createServer } from './createServer.ts';

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
const server = createServer({ ...config, tls });
const scheme = tls ? 'https' : 'http';
const port = await server.listen();

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => address?.address ?? '');
}

console.log(`Continuum is running. Data is stored in ${config.dataDir}`);
console.log(`  On this computer:  ${scheme}://localhost:${port}/`);
if (config.host === '0.0.0.0' || config.host === '::') {
  for (const address of lanAddresses())
    console.log(`  On the network:    ${scheme}://${address}:${port}/`);
}
if (config.publicUrl) console.log(`  Links point to:    ${config.publicUrl}`);

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
