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
  setPlacement,
} from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { runWorkshop, type Workshop } from './boardSetup.ts';
import type { BenchFigure } from './figures.ts';
import { median } from './percentiles.ts';
import { RawClient } from './rawClient.ts';
import { disposeServer, startContinuum } from './serverProcess.ts';

const PARTICIPANTS = 60;
const ROUNDS = 3;
/** A first placement and two moves of every card in every round. */
const PASSES = 3;
const LOAD_RUNS = 11;
const SIZE_TARGET_KB = 512;
const LOAD_TARGET_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
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
  let workshop: Workshop | null = null;
  try {
    let initial = { bytes: 0 };
    workshop = await runWorkshop(server, {
      participants: PARTICIPANTS,
      rounds: ROUNDS,
      passes: PASSES,
      beforeDrops: async (facilitatorUrl) => {
        initial = await freshEncodedSize(facilitatorUrl);
      },
    });
    const { board, facilitatorUrl, drops } = workshop;
    const cardIds = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
    const simulationSeconds = workshop.seconds;

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
    await workshop.leave();
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
    await workshop?.leave();
    await disposeServer(server);
  }
}
