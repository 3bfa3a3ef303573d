/**
 * The server's start: idle RSS of the compiled server (`node dist/server/main.js`, as `npm
 * start` runs it) beside the same server through the tsx loader (`node --import tsx
 * server/main.ts`). Each is a fresh process with an empty data folder, read from
 * /proc/<pid>/status (VmRSS) after 10 s without a client; three runs each, the median counts.
 * The server is built first with `npm run build:server`'s tsc.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTINUUM_ARGS, freePort, launchServer, REPO_ROOT } from '../support/serverProcess.ts';
import type { BenchFigure } from './figures.ts';
import { median } from './percentiles.ts';
import { rssBytes } from './procStats.ts';

const RUNS = 3;
const IDLE_MS = 10_000;
const COMPILED_ARGS = ['dist/server/main.js'];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts a fresh server, leaves it idle, reads its RSS and stops it; MiB. */
async function idleRss(args: readonly string[]): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-start-'));
  const server = await launchServer({
    args,
    port: await freePort(),
    env: { DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, 'no-client') },
  });
  try {
    await sleep(IDLE_MS);
    return rssBytes(server.pid) / (1024 * 1024);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runStartBench(): Promise<BenchFigure[]> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.server.json'], { cwd: REPO_ROOT });
  const compiled: number[] = [];
  const throughTsx: number[] = [];
  // Alternated, so a busy moment of the machine does not fall on one kind only.
  for (let run = 0; run < RUNS; run++) {
    compiled.push(await idleRss(COMPILED_ARGS));
    throughTsx.push(await idleRss(CONTINUUM_ARGS));
  }
  console.log(
    `  start: idle RSS (MiB) compiled ${compiled.map((v) => v.toFixed(1)).join(', ')}; tsx ${throughTsx.map((v) => v.toFixed(1)).join(', ')}`,
  );
  const part = 'start';
  return [
    {
      part,
      name: `idle RSS, compiled (node dist/server/main.js), median of ${RUNS}`,
      value: median(compiled),
      unit: 'MiB',
      target: null,
      better: 'lower',
    },
    {
      part,
      name: `idle RSS through the tsx loader, median of ${RUNS}`,
      value: median(throughTsx),
      unit: 'MiB',
      target: null,
      better: 'lower',
    },
  ];
}
