/**
 * `npm start` runs compiled JavaScript: the server is built once with `npm run build:server`'s
 * tsc into dist/, then `node dist/server/main.js` is started from the repository as npm start
 * starts it (no tsx loader). It prints where to open it, serves the client from CLIENT_DIR, and a
 * board works end to end: created, joined, written by a stock client, read back by another.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeMap, setPlacement } from '../../shared/boardDoc.ts';
import { freePort, launchServer, REPO_ROOT, type ServerProcess } from '../support/serverProcess.ts';
import {
  connectClient,
  createBoard,
  joinBoard,
  newDataDir,
  synced,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const COMPILED_ENTRY = 'dist/server/main.js';
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** What `npm run build:server` runs. */
function buildServer(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, '-p', 'tsconfig.server.json'],
      { cwd: REPO_ROOT },
      (error, stdout, stderr) =>
        error ? reject(new Error(`the server build failed:\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

let server: ServerProcess;
const clients: TestClient[] = [];

beforeAll(async () => {
  await buildServer();
  const dataDir = newDataDir();
  const clientDir = join(dataDir, 'client');
  mkdirSync(clientDir);
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Continuum</title>');
  server = await launchServer({
    args: [COMPILED_ENTRY],
    port: await freePort(),
    env: { DATA_DIR: dataDir, CLIENT_DIR: clientDir },
  });
}, 120_000);

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop();
});

describe('the compiled server (npm start)', () => {
  it('prints where to open it and serves the client', async () => {
    expect(server.output()).toContain('Continuum is running');
    expect(server.output()).toContain(`On this computer:  http://localhost:${server.port}/`);
    const page = await fetch(`${server.baseUrl}/b/some-board`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Continuum</title>');
  });

  it('serves a board: a placement made by one client reaches another', async () => {
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const writer = connectClient(server, board.boardId, ana.token);
    const reader = connectClient(server, board.boardId, board.facilitatorToken);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    setPlacement(writer.doc, ana.participantId, 'trust.v1', { x: 0.25, round: 1, at: 1 }, 'local');
    await waitFor(
      () => placeMap(reader.doc, ana.participantId).get('trust.v1') !== undefined,
      'the placement to reach the other client',
    );
  });
});
