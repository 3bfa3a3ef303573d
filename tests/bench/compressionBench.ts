/**
 * What permessage-deflate (WS_COMPRESSION) saves and costs, through the server as a process:
 *
 * - **Bytes**: a 60-person, three-round workshop board (each participant places all 48 cards
 *   three times a round, reasons on a quarter of them in the last pass; the facilitator agrees
 *   every card with a note and starts the next round) and a newcomer that offers
 *   permessage-deflate, as every browser does, beside one that does not: the bytes it reads from
 *   its socket until it holds the board (the 101 answer included, the same for both).
 * - **Memory and CPU**: 2,000 sockets on one board (250 people, 8 each) each receive its sync step 2, with compression
 *   off, on (clients that compress nothing under 1 KiB, as `ws` does), and on with clients that
 *   compress every frame (as Chromium does, so the server inflates too): the server's RSS growth
 *   per client once they have all synced, and its CPU time to send them the board.
 */

import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeSyncStep1, MESSAGE_SYNC, SYNC_STEP2 } from '../../server/rooms/protocol.ts';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { setPlacement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { createBoard, joinParticipants, mapLimit, runWorkshop } from './boardSetup.ts';
import { hasWritesOf } from './docDigest.ts';
import type { BenchFigure } from './figures.ts';
import { median } from './percentiles.ts';
import { cpuSeconds, rssBytes } from './procStats.ts';
import { RawClient } from './rawClient.ts';
import { type BenchServer, disposeServer, startContinuum } from './serverProcess.ts';

const PARTICIPANTS = 60;
const ROUNDS = 3;
const PASSES = 3;
/** Sockets of the crowd: many, so the server's heap moving by a few MB does not blur the figure. */
const NEWCOMERS = 2_000;
/** Each of them holds the most sockets a token may (MAX_SOCKETS_PER_TOKEN). */
const SOCKETS_PER_PERSON = 8;
const CONNECT_CONCURRENCY = 100;
const SETTLE_MS = 2_000;
const WAIT_TIMEOUT_MS = 60_000;
/** The workshop is seconds, not hours: the per-person rates are lifted, as in docgrowth. */
const FAST_WRITERS = { UPDATES_PER_SECOND: '100000', UPDATES_BURST: '100000' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + WAIT_TIMEOUT_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`compression: timed out waiting for ${what}`);
    await sleep(20);
  }
}

function isSyncStep2(data: Buffer): boolean {
  const decoder = decoding.createDecoder(new Uint8Array(data));
  return (
    decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_STEP2
  );
}

interface Newcomer {
  ws: WebSocket;
  /** Bytes read from the socket (the 101 answer included) until the step 2 had arrived. */
  bytesRead: number;
  /** The step 2 message, inflated. */
  step2Bytes: number;
}

/**
 * A `ws` client that holds nothing of the board (`fresh=1`, the sockets compression is offered
 * to) and resolves once its sync step 2 has arrived. `deflate`: what it offers (false:
 * nothing), and `compressAll` makes it compress every frame.
 */
function newcomer(url: string, deflate: boolean, compressAll = false): Promise<Newcomer> {
  const ws = new WebSocket(`${url}&fresh=1`, {
    perMessageDeflate: deflate ? (compressAll ? { threshold: 0 } : true) : false,
  });
  let bytesRead = () => 0;
  ws.once('upgrade', (response: IncomingMessage) => {
    const socket = response.socket;
    bytesRead = () => socket.bytesRead;
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))));
    ws.on('message', (data) => {
      if (Buffer.isBuffer(data) && isSyncStep2(data)) {
        resolve({ ws, bytesRead: bytesRead(), step2Bytes: data.byteLength });
      }
    });
    ws.once('error', reject);
    ws.once('close', (code) =>
      reject(new Error(`compression: closed with ${code} before syncing`)),
    );
  });
}

/** The median of five RSS readings half a second apart. */
async function steadyRss(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let reading = 0; reading < 5; reading++) {
    readings.push(rssBytes(pid));
    await sleep(500);
  }
  return median(readings);
}

function closeAll(sockets: readonly WebSocket[]): Promise<void> {
  return mapLimit(sockets, 100, (ws) => {
    if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });
  }).then(() => undefined);
}

interface Crowd {
  rssPerClientKiB: number;
  cpuSeconds: number;
}

/** 2,000 newcomers on one board of a fresh server: its RSS growth per socket, and CPU to sync them. */
async function crowd(compression: boolean, compressAll: boolean): Promise<Crowd> {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-compression-'));
  const server = await startContinuum({
    dataDir,
    env: {
      ...FAST_WRITERS,
      MAX_CONNECTIONS_PER_BOARD: String(NEWCOMERS * 2),
      WS_COMPRESSION: compression ? 'on' : 'off',
      // The cost of every socket compressing, not of the default cap.
      MAX_COMPRESSED_SOCKETS: String(NEWCOMERS * 2),
    },
  });
  const sockets: WebSocket[] = [];
  try {
    const board = await workshopBoardSmall(server);
    const people = await joinParticipants(
      server.baseUrl,
      board,
      NEWCOMERS / SOCKETS_PER_PERSON,
      'Newcomer',
      8,
    );
    const seats = people.flatMap((person) => Array<typeof person>(SOCKETS_PER_PERSON).fill(person));
    // The facilitator keeps the room loaded, so the figure is the connections' alone.
    const holder = await newcomer(server.roomUrl(board.boardId, board.facilitatorToken), false);
    sockets.push(holder.ws);
    await sleep(SETTLE_MS);
    const before = await steadyRss(server.pid);
    const cpuBefore = cpuSeconds(server.pid);
    let step2Bytes = 0;
    let bytesRead = 0;
    await mapLimit(seats, CONNECT_CONCURRENCY, async (person) => {
      const joined = await newcomer(server.roomUrl(board.boardId, person.token), true, compressAll);
      sockets.push(joined.ws);
      step2Bytes = Math.max(step2Bytes, joined.step2Bytes);
      bytesRead += joined.bytesRead;
    });
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    await sleep(SETTLE_MS);
    const after = await steadyRss(server.pid);
    console.log(
      `  compression ${compression ? 'on' : 'off'}${compressAll ? ' (clients compress all)' : ''}: a participant's step 2 ${(step2Bytes / 1024).toFixed(1)} KiB, ${(bytesRead / NEWCOMERS / 1024).toFixed(1)} KiB read per newcomer`,
    );
    return { rssPerClientKiB: (after - before) / NEWCOMERS / 1024, cpuSeconds: cpu };
  } finally {
    await closeAll(sockets);
    await disposeServer(server);
  }
}

/** A board whose step 2 is well over the threshold: 60 people who placed every card once. */
async function workshopBoardSmall(server: BenchServer): Promise<CreateBoardResponse> {
  const board = await createBoard(server.baseUrl, 'Placed once');
  const joined = await joinParticipants(server.baseUrl, board, PARTICIPANTS, 'Person');
  const cardIds = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
  const clients = joined.map((person) => ({
    client: new RawClient(server.roomUrl(board.boardId, person.token)),
    participantId: person.participantId,
  }));
  const observer = new RawClient(server.roomUrl(board.boardId, board.facilitatorToken));
  try {
    await Promise.all(
      [observer, ...clients.map(({ client }) => client)].map((c) => c.whenSynced()),
    );
    for (const { client, participantId } of clients) {
      client.write((doc) => {
        for (const [index, cardId] of cardIds.entries()) {
          setPlacement(doc, participantId, cardId, { x: index / 48, round: 1, at: index }, 'local');
        }
      });
    }
    await waitUntil(
      () => clients.every(({ client }) => hasWritesOf(observer.doc, client.doc)),
      'the placements to reach the server',
    );
  } finally {
    await mapLimit([observer, ...clients.map(({ client }) => client)], 100, (c) => c.close());
  }
  return board;
}

export async function runCompressionBench(): Promise<BenchFigure[]> {
  const part = 'compression';
  const kib = 1024;
  const figures: BenchFigure[] = [];

  // Compression is on by default (WS_COMPRESSION) for a device that holds nothing.
  const server = await startContinuum({ env: { ...FAST_WRITERS, WS_COMPRESSION: 'on' } });
  try {
    // Everyone has left when the newcomers arrive.
    const workshop = await runWorkshop(server, {
      participants: PARTICIPANTS,
      rounds: ROUNDS,
      passes: PASSES,
    });
    await workshop.leave();
    const { board } = workshop;
    const url = server.roomUrl(board.boardId, board.facilitatorToken);
    const plain = await newcomer(url, false);
    const deflated = await newcomer(url, true);
    await closeAll([plain.ws, deflated.ws]);
    console.log(
      `  compression: the workshop board's step 2 is ${(plain.step2Bytes / kib).toFixed(1)} KiB`,
    );
    figures.push(
      {
        part,
        name: 'newcomer on a 60-person 3-round board: bytes read, uncompressed',
        value: plain.bytesRead / kib,
        unit: 'KiB',
        target: null,
        better: 'lower',
      },
      {
        part,
        name: '… with permessage-deflate',
        value: deflated.bytesRead / kib,
        unit: 'KiB',
        target: null,
        better: 'lower',
      },
    );
  } finally {
    await disposeServer(server);
  }

  for (const [label, compression, compressAll] of [
    ['off', false, false],
    ['on', true, false],
    ['on, clients compress every frame', true, true],
  ] as const) {
    const result = await crowd(compression, compressAll);
    figures.push(
      {
        part,
        name: `RSS per socket, 2,000 synced, compression ${label}`,
        value: result.rssPerClientKiB,
        unit: 'KiB',
        target: null,
        better: 'lower',
      },
      {
        part,
        name: `server CPU to sync 2,000 newcomers, compression ${label}`,
        value: result.cpuSeconds,
        unit: 's',
        target: null,
        better: 'lower',
      },
    );
  }
  return figures;
}
