/**
 * Document growth: a simulated three-hour workshop through the real server. 60 participants
 * place all 48 cards and move each twice, in each of 3 rounds (25,920 drops), with reasons on
 * some cards; the facilitator reveals, discusses (focusing each card), agrees positions with
 * notes (setFinal) and starts the next round (startRound) or locks the board. Every drop is its
 * own transaction and its own update, as in the browser; participants send theirs in bursts and
 * the bench waits for the server between passes, not between drops.
 * Measures the encoded document, the SQLite files, and loading the board from SQLite.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/persistence/sqlite.ts';
import { applyStoredUpdate, compactedState } from '../../server/persistence/storedUpdate.ts';
import {
  type Control,
  initBoardDoc,
  type Placement,
  placementOwners,
  putParticipant,
  readControl,
  readFinal,
  readMeta,
  readParticipants,
  readPlacements,
  readRounds,
  roundsArray,
  setControl,
  setFinal,
  setPhase,
  setPlacement,
  startRound,
} from '../../shared/boardDoc.ts';
import { cardStats } from '../../shared/boardStats.ts';
import { cardRound, frozenRound } from '../../shared/rounds.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { createBoard, joinParticipants, mapLimit } from './boardSetup.ts';
import { hasWritesOf } from './docDigest.ts';
import type { BenchFigure } from './figures.ts';
import { median } from './percentiles.ts';
import { RawClient } from './rawClient.ts';
import { disposeServer, startContinuum } from './serverProcess.ts';

const PARTICIPANTS = 60;
const ROUNDS = 3;
/** A first placement and two moves of every card in every round. */
const PASSES = 3;
const LOAD_RUNS = 11;
const WAIT_TIMEOUT_MS = 60_000;
const SIZE_TARGET_KB = 512;
const LOAD_TARGET_MS = 50;

const REASON =
  'We share plans early, but the budget decisions still arrive without us being asked first.';
const NOTE =
  'Agreed after discussion: closer to partnership than last year; procurement still sees it otherwise.';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + WAIT_TIMEOUT_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`docgrowth: timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A deterministic pseudo-random source, so every run writes the same workshop. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}

/** The record the facilitator's client freezes when it starts a new round on the whole board. */
function closingRecord(doc: Y.Doc, cardIds: readonly string[]) {
  const participants = Object.fromEntries(readParticipants(doc));
  const rounds = readRounds(doc);
  const byCard = new Map<string, Record<string, Placement>>();
  for (const owner of placementOwners(doc)) {
    for (const [cardId, placement] of readPlacements(doc, owner)) {
      const card = byCard.get(cardId) ?? {};
      card[owner] = placement;
      byCard.set(cardId, card);
    }
  }
  const { positions, summaries } = frozenRound(cardIds, (cardId) =>
    cardStats(cardId, byCard.get(cardId), participants, rounds),
  );
  return { cardIds: [...cardIds], closedAt: Date.now(), positions, summaries };
}

/**
 * Where the bytes are: the encoded size of the same content written once into a new document
 * (the rest is the history of overwritten values, which Yjs keeps as tombstones), and of the
 * frozen round records alone.
 */
function breakdown(source: Y.Doc): { writtenOnce: number; rounds: number } {
  const doc = new Y.Doc();
  const meta = readMeta(source);
  if (meta) initBoardDoc(doc, meta, 'server');
  const control = readControl(source);
  for (const key of Object.keys(control) as (keyof Control)[]) {
    setControl(doc, key, control[key], 'server');
  }
  for (const [id, participant] of readParticipants(source)) {
    putParticipant(doc, id, participant, 'server');
  }
  for (const owner of placementOwners(source)) {
    for (const [cardId, placement] of readPlacements(source, owner)) {
      setPlacement(doc, owner, cardId, placement, 'server');
    }
  }
  for (const [cardId, position] of readFinal(source)) setFinal(doc, cardId, position, 'server');
  const records = readRounds(source);
  roundsArray(doc).push(records);
  const roundsOnly = new Y.Doc();
  roundsArray(roundsOnly).push(records);
  return {
    writtenOnce: Y.encodeStateAsUpdate(doc).length,
    rounds: Y.encodeStateAsUpdate(roundsOnly).length,
  };
}

/** Reads a board's rows through the store and applies them to a fresh Y.Doc, as a room load does. */
function loadFromSqlite(file: string, boardId: string): { ms: number[]; rows: number } {
  const store = new SqliteStore(file);
  try {
    const ms: number[] = [];
    let rows = 0;
    for (let run = 0; run < LOAD_RUNS + 1; run++) {
      const started = performance.now();
      const found = store.loadUpdates(boardId);
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const row of found) applyStoredUpdate(doc, row);
      });
      const elapsed = performance.now() - started;
      if (readControl(doc).phase !== 'final')
        throw new Error('docgrowth: the stored board is incomplete');
      doc.destroy();
      rows = found.length;
      if (run > 0) ms.push(elapsed); // the first run warms the page cache and the JIT
    }
    return { ms, rows };
  } finally {
    store.close();
  }
}

/** The document as a newcomer receives it (V1, the wire protocol's) and as it is stored (V2). */
async function freshEncodedSize(
  url: string,
): Promise<{ bytes: number; storedBytes: number; doc: Y.Doc }> {
  const fresh = new RawClient(url);
  await fresh.whenSynced();
  const bytes = Y.encodeStateAsUpdate(fresh.doc).length;
  const storedBytes = compactedState(fresh.doc).data.length;
  await fresh.close();
  return { bytes, storedBytes, doc: fresh.doc };
}

export async function runDocGrowthBench(): Promise<BenchFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-docgrowth-'));
  // Three hours compressed into seconds: each simulated person drops far faster than a hand can,
  // so the per-connection rate limit (made for people) is lifted for this part only.
  const server = await startContinuum({
    dataDir,
    env: { UPDATES_PER_SECOND: '100000', UPDATES_BURST: '100000' },
  });
  const clients: RawClient[] = [];
  try {
    const board = await createBoard(server.baseUrl, 'Three-hour workshop');
    const facilitatorUrl = server.roomUrl(board.boardId, board.facilitatorToken);
    const facilitator = new RawClient(facilitatorUrl);
    clients.push(facilitator);
    await facilitator.whenSynced();
    const joined = await joinParticipants(server.baseUrl, board, PARTICIPANTS);
    const participants = joined.map((person) => {
      const client = new RawClient(server.roomUrl(board.boardId, person.token));
      clients.push(client);
      return { client, participantId: person.participantId };
    });
    await Promise.all(participants.map(({ client }) => client.whenSynced()));
    const initial = await freshEncodedSize(facilitatorUrl);
    const cardIds = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
    const random = seeded(7);
    const started = performance.now();
    let drops = 0;

    for (let round = 1; round <= ROUNDS; round++) {
      await waitUntil(
        () =>
          participants.every(({ client }) => {
            const control = readControl(client.doc);
            return control.round === round && control.phase === 'placing';
          }),
        `round ${round} to open`,
      );
      for (let pass = 0; pass < PASSES; pass++) {
        participants.forEach(({ client, participantId }, who) => {
          const rounds = readRounds(client.doc);
          client.write((doc) =>
            cardIds.forEach((cardId, index) => {
              const withReason = pass === PASSES - 1 && index % 4 === who % 4;
              setPlacement(
                doc,
                participantId,
                cardId,
                {
                  x: random(),
                  round: cardRound(cardId, rounds),
                  at: Date.now(),
                  ...(withReason ? { reason: REASON } : {}),
                },
                'local',
              );
              drops += 1;
            }),
          );
        });
        // The facilitator receives what the server accepted: wait until it has every drop.
        await waitUntil(
          () => participants.every(({ client }) => hasWritesOf(facilitator.doc, client.doc)),
          `round ${round} pass ${pass + 1} to reach the server`,
        );
      }
      facilitator.write((doc) => {
        setPhase(doc, 'revealed', 'local');
        setPhase(doc, 'discussing', 'local');
        const placed = closingRecord(doc, cardIds);
        for (const cardId of cardIds) {
          setControl(doc, 'focusCardId', cardId, 'local');
          const agreed = placed.summaries[cardId]?.median ?? 0.5;
          setFinal(doc, cardId, { x: agreed, note: NOTE }, 'local');
        }
        setControl(doc, 'focusCardId', null, 'local');
        if (round < ROUNDS) startRound(doc, { ...placed, closedAt: Date.now() }, true, 'local');
        else setPhase(doc, 'final', 'local');
      });
      // Participants sync with the board's view (docs/design.md): the session settings they see
      // must be the facilitator's.
      const settings = JSON.stringify(readControl(facilitator.doc));
      await waitUntil(
        () =>
          participants.every(({ client }) => JSON.stringify(readControl(client.doc)) === settings),
        `round ${round}'s facilitator steps to reach everyone`,
      );
    }
    const simulationSeconds = (performance.now() - started) / 1000;

    const final = await freshEncodedSize(facilitatorUrl);
    const placements = placementOwners(final.doc).reduce(
      (sum, owner) => sum + readPlacements(final.doc, owner).size,
      0,
    );
    if (
      readRounds(final.doc).length !== ROUNDS - 1 ||
      readFinal(final.doc).size !== cardIds.length ||
      placements !== PARTICIPANTS * cardIds.length ||
      readControl(final.doc).phase !== 'final'
    ) {
      throw new Error('docgrowth: the board did not end as the workshop left it');
    }
    const parts = breakdown(final.doc);
    final.doc.destroy();

    // Everyone leaves: the room unloads and compacts its log into one state.
    await mapLimit(clients, 100, (client) => client.close());
    clients.length = 0;
    await sleep(1_000);
    const storedBytes = directoryBytes(dataDir);
    await server.stop();
    const afterShutdownBytes = directoryBytes(dataDir);
    const load = loadFromSqlite(join(dataDir, 'continuum.sqlite'), board.boardId);
    const kb = 1024;
    const part = 'docgrowth';
    return [
      {
        part,
        name: `encoded document after ${drops.toLocaleString('en')} drops, 3 rounds (V1, wire)`,
        value: final.bytes / kb,
        unit: 'KB',
        target: SIZE_TARGET_KB,
        better: 'lower',
      },
      {
        part,
        name: 'the same document as stored (V2, compacted row)',
        value: final.storedBytes / kb,
        unit: 'KB',
        target: SIZE_TARGET_KB,
        better: 'lower',
      },
      {
        part,
        name: 'of which: history of overwritten values (tombstones)',
        value: (final.bytes - parts.writtenOnce) / kb,
        unit: 'KB',
        target: null,
        better: 'lower',
      },
      {
        part,
        name: 'of which: frozen round records (2 × positions + summaries)',
        value: parts.rounds / kb,
        unit: 'KB',
        target: null,
        better: 'lower',
      },
      {
        part,
        name: 'document growth per drop (incl. notes, finals, rounds)',
        value: (final.bytes - initial.bytes) / drops,
        unit: 'B',
        target: null,
        better: 'lower',
      },
      {
        part,
        name: 'SQLite files after the workshop (db + -wal + -shm)',
        value: storedBytes / kb,
        unit: 'KB',
        target: null,
        better: 'lower',
      },
      {
        part,
        name: 'SQLite files after shutdown (checkpointed)',
        value: afterShutdownBytes / kb,
        unit: 'KB',
        target: null,
        better: 'lower',
      },
      {
        part,
        name: `load the board from SQLite (${load.rows} row(s); median of ${LOAD_RUNS})`,
        value: median(load.ms),
        unit: 'ms',
        target: LOAD_TARGET_MS,
        better: 'lower',
      },
      {
        part,
        name: 'workshop through the server: drops per second',
        value: drops / simulationSeconds,
        unit: '/s',
        target: null,
        better: 'higher',
      },
    ];
  } finally {
    await mapLimit(clients, 100, (client) => client.close());
    await disposeServer(server);
  }
}
