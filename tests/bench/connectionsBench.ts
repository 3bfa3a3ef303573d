/**
 * Idle connections: 2,000 raw-protocol clients over 40 boards (50 each) connect, sync and
 * publish their presence, then sit idle. Measures what one idle connection costs the server
 * (its RSS growth ÷ 2,000) and how long it takes until every one is connected and synced.
 * Joining the 2,000 participants over HTTP is setup and not measured.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { createBoard, type Joined, joinParticipants, mapLimit } from './boardSetup.ts';
import type { BenchFigure } from './figures.ts';
import { rssBytes } from './procStats.ts';
import { RawClient } from './rawClient.ts';
import { type BenchServer, disposeServer, startContinuum } from './serverProcess.ts';

const BOARDS = 40;
const PER_BOARD = 50;
const TOTAL = BOARDS * PER_BOARD;
/** Connection attempts in flight at once: a room filling up fast, not 2,000 in one millisecond. */
const CONNECT_CONCURRENCY = 200;
const SYNC_TIMEOUT_MS = 20_000;
const SETTLE_MS = 2_000;
const RSS_TARGET_KB = 25;
const CONNECT_TARGET_S = 10;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function syncedWithin(client: RawClient, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    client.whenSynced().then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}

async function connectFacilitators(
  server: BenchServer,
  boards: readonly CreateBoardResponse[],
): Promise<RawClient[]> {
  const facilitators: RawClient[] = [];
  for (const board of boards) {
    const facilitator = new RawClient(server.roomUrl(board.boardId, board.facilitatorToken));
    facilitators.push(facilitator);
    await facilitator.whenSynced();
  }
  return facilitators;
}

export async function runConnectionsBench(): Promise<BenchFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-connections-'));
  let server = await startContinuum({ dataDir });
  const clients: RawClient[] = [];
  let facilitators: RawClient[] = [];
  try {
    const setupStart = performance.now();
    const boards = await mapLimit(
      Array.from({ length: BOARDS }, (_, i) => i),
      4,
      (i) => createBoard(server.baseUrl, `Idle ${i + 1}`),
    );
    // Each board's facilitator is connected while people join (as at a retreat), which keeps
    // the room in memory.
    facilitators = await connectFacilitators(server, boards);
    const people: { board: CreateBoardResponse; person: Joined }[] = [];
    await mapLimit(boards, 4, async (board) => {
      const joined = await joinParticipants(server.baseUrl, board, PER_BOARD, 'Idle', 4);
      for (const person of joined) people.push({ board, person });
    });
    console.log(
      `  connections: setup (40 boards, ${people.length} joins) took ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
    );
    // A fresh server process for the baseline, so the garbage of 2,000 joins does not make room
    // for the connections: 40 rooms loaded (each with its facilitator connected), nothing else.
    await mapLimit(facilitators, 40, (client) => client.close());
    await server.stop();
    server = await startContinuum({ dataDir });
    facilitators = await connectFacilitators(server, boards);
    await sleep(SETTLE_MS);
    const baseline = rssBytes(server.pid);

    const started = performance.now();
    const outcomes = await mapLimit(people, CONNECT_CONCURRENCY, async ({ board, person }) => {
      const client = new RawClient(server.roomUrl(board.boardId, person.token));
      clients.push(client);
      const synced = await syncedWithin(client, SYNC_TIMEOUT_MS);
      if (synced) {
        client.sendAwareness(
          JSON.stringify({ user: { participantId: person.participantId }, drag: null }),
        );
      }
      return synced;
    });
    const connectSeconds = (performance.now() - started) / 1000;
    const synced = outcomes.filter(Boolean).length;
    await sleep(SETTLE_MS);
    const loaded = rssBytes(server.pid);
    const lost = clients.filter((client) => !client.synced || client.lost);
    const codes = new Map<string, number>();
    for (const client of lost) {
      const key = `${client.closeCode ?? 'timeout'} ${client.closeReason}`.trim();
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
    if (lost.length > 0) {
      console.log(
        `  connections: ${lost.length} refused or lost: ${[...codes].map(([code, n]) => `${n}× ${code}`).join('; ')}`,
      );
    }
    const kb = 1024;
    return [
      {
        part: 'connections',
        name: `${TOTAL} idle connections: server RSS per connection`,
        value: (loaded - baseline) / Math.max(1, synced) / kb,
        unit: 'KB',
        target: RSS_TARGET_KB,
        better: 'lower',
      },
      {
        part: 'connections',
        name: `connect + sync all ${TOTAL} (${CONNECT_CONCURRENCY} in flight)`,
        value: synced === TOTAL ? connectSeconds : Number.POSITIVE_INFINITY,
        unit: 's',
        target: CONNECT_TARGET_S,
        better: 'lower',
      },
      {
        part: 'connections',
        name: 'connections refused, timed out or lost',
        value: lost.length,
        unit: 'count',
        target: 0,
        better: 'lower',
      },
      {
        part: 'connections',
        name: 'server RSS before: 40 rooms and their facilitators',
        value: baseline / (kb * kb),
        unit: 'MB',
        target: null,
        better: 'lower',
      },
      {
        part: 'connections',
        name: `server RSS with the ${TOTAL} idle connections`,
        value: loaded / (kb * kb),
        unit: 'MB',
        target: null,
        better: 'lower',
      },
    ];
  } finally {
    await mapLimit([...clients, ...facilitators], 200, (client) => client.close());
    await disposeServer(server);
  }
}
