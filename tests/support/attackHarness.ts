/**
 * The honest side of the attack suite (issue 12): a board with an honest facilitator and an
 * honest participant on stock y-websocket providers, a raw socket that sees every broadcast,
 * and a measurer that, while an attack runs, keeps asking `/healthz` (each time on a new
 * connection, as a new visitor would) and keeps timing an honest round trip: one client writes
 * as the app does and the other's document sees it.
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { readControl, setPhase, setPlacement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { type LatencySummary, summarize } from '../bench/percentiles.ts';
import { requestFrom } from './attackFrames.ts';
import { boardSocketUrl, type RawSocket } from './rawSocket.ts';
import {
  createBoard,
  joinBoard,
  type RunningServer,
  type ServerHarness,
  type TestClient,
} from './testServer.ts';

/** The bar: an honest client's p95 stays under this during every attack. */
export const HONEST_P95_MS = 100;
/** A round trip or health check slower than this counts as lost, not as a sample. */
const GIVE_UP_MS = 2_000;
/** The pause between two honest probes of the same kind. */
const PROBE_PAUSE_MS = 20;
/** Fewer samples than this in an attack means the honest side was stalled. */
const MIN_SAMPLES = 10;
const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

export interface HonestRoom {
  server: RunningServer;
  board: CreateBoardResponse;
  facilitator: TestClient;
  /** The facilitator's second device: it syncs with the whole board, as the first does. */
  facilitatorTablet: TestClient;
  participant: TestClient;
  person: JoinResponse;
  /** A raw socket with the facilitator's token: every frame the board broadcast since it opened. */
  listener: RawSocket;
  /** Close codes the honest clients got from the server. */
  closes: number[];
}

/** A board created from 127.0.0.1 with its honest people connected, synced and present. */
export async function honestRoom(
  harness: ServerHarness,
  server: RunningServer,
): Promise<HonestRoom> {
  const board = await createBoard(server, { title: 'Retreat under attack' });
  const person = await joinBoard(server, board, 'Ana Honest');
  const facilitator = await harness.connect(server, board.boardId, board.facilitatorToken);
  const facilitatorTablet = await harness.connect(server, board.boardId, board.facilitatorToken);
  const participant = await harness.connect(server, board.boardId, person.token);
  // Present, as the app is: the awareness entry the room then holds is the one echoes repeat.
  participant.provider.awareness.setLocalState({
    user: { participantId: person.participantId },
    drag: null,
  });
  const closes: number[] = [];
  for (const client of [facilitator, facilitatorTablet, participant]) {
    client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
  }
  const listener = await harness.socket(
    boardSocketUrl(server.wsUrl, board.boardId, board.facilitatorToken),
  );
  return { server, board, facilitator, facilitatorTablet, participant, person, listener, closes };
}

/** One honest write, and the client whose document must see it. */
export interface RoundTrip {
  writer: TestClient;
  reader: TestClient;
  write(step: number): void;
}

/** The participant places a card as the app does; the facilitator's document must see it. */
export function placementRoundTrip(room: HonestRoom): RoundTrip {
  return {
    writer: room.participant,
    reader: room.facilitator,
    write: (step) => {
      const cardId = CARD_IDS[step % CARD_IDS.length] ?? 'trust.v1';
      const { round } = readControl(room.participant.doc);
      const x = ((step * 37) % 10_001) / 10_000;
      setPlacement(
        room.participant.doc,
        room.person.participantId,
        cardId,
        { x, round, at: Date.now() },
        'local',
      );
    },
  };
}

/**
 * Once the session is locked (`final`), participants may write nothing: the facilitator sets
 * the phase again (the one write left) and their second device must see it (a participant's
 * view would not change: the phase is the same).
 */
export function lockedRoundTrip(room: HonestRoom): RoundTrip {
  return {
    writer: room.facilitator,
    reader: room.facilitatorTablet,
    write: () => setPhase(room.facilitator.doc, 'final', 'local'),
  };
}

export interface HonestFigures {
  health: LatencySummary;
  roundTrip: LatencySummary;
  /** Health checks that failed or took longer than GIVE_UP_MS. */
  healthFailures: number;
  /** Round trips not seen within GIVE_UP_MS. */
  lostRoundTrips: number;
}

/** Resolves once `reader` holds `writer`'s writes up to `clock`; false after GIVE_UP_MS. */
function seenBy(reader: TestClient, clientId: number, clock: number): Promise<boolean> {
  const holds = () => Y.getState(reader.doc.store, clientId) >= clock;
  if (holds()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const check = () => {
      if (!holds()) return;
      done(true);
    };
    const timer = setTimeout(() => done(false), GIVE_UP_MS);
    const done = (seen: boolean) => {
      clearTimeout(timer);
      reader.doc.off('update', check);
      resolve(seen);
    };
    reader.doc.on('update', check);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attack` while measuring the honest side, and resolves with the attack's outcome and
 * the honest figures once the attack is over.
 */
export async function measureDuring<T>(
  room: HonestRoom,
  roundTrip: RoundTrip,
  attack: () => Promise<T>,
): Promise<{ outcome: T; figures: HonestFigures }> {
  let attacking = true;
  const health: number[] = [];
  let healthFailures = 0;
  const roundTrips: number[] = [];
  let lostRoundTrips = 0;

  const probeHealth = async () => {
    while (attacking) {
      const started = performance.now();
      try {
        const answer = await requestFrom(
          '127.0.0.1',
          room.server,
          'GET',
          '/healthz',
          undefined,
          GIVE_UP_MS,
        );
        if (answer.status === 200) health.push(performance.now() - started);
        else healthFailures += 1;
      } catch {
        healthFailures += 1;
      }
      await pause(PROBE_PAUSE_MS);
    }
  };
  const probeRoundTrip = async () => {
    const { writer, reader } = roundTrip;
    for (let step = 0; attacking; step++) {
      const started = performance.now();
      roundTrip.write(step);
      const clientId = writer.doc.clientID;
      if (await seenBy(reader, clientId, Y.getState(writer.doc.store, clientId))) {
        roundTrips.push(performance.now() - started);
      } else {
        lostRoundTrips += 1;
      }
      await pause(PROBE_PAUSE_MS);
    }
  };

  const probes = Promise.all([probeHealth(), probeRoundTrip()]);
  let outcome: T;
  try {
    outcome = await attack();
  } finally {
    attacking = false;
    await probes;
  }
  return {
    outcome,
    figures: {
      health: summarize(health),
      roundTrip: summarize(roundTrips),
      healthFailures,
      lostRoundTrips,
    },
  };
}

function describeSummary(summary: LatencySummary): string {
  return `p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms, max ${summary.max.toFixed(1)} ms (${summary.count})`;
}

/** Prints the figures of one attack, then asserts the honest side held. */
export function expectHonestHeld(attack: string, room: HonestRoom, figures: HonestFigures): void {
  console.info(
    [
      `${attack}:`,
      `  /healthz ${describeSummary(figures.health)}, ${figures.healthFailures} failed`,
      `  honest round trip ${describeSummary(figures.roundTrip)}, ${figures.lostRoundTrips} lost`,
    ].join('\n'),
  );
  // Soft: a failing attack shows every figure that broke, not the first one only.
  expect.soft(figures.health.p95, '/healthz p95 (ms)').toBeLessThan(HONEST_P95_MS);
  expect.soft(figures.roundTrip.p95, 'round trip p95 (ms)').toBeLessThan(HONEST_P95_MS);
  expect.soft(figures.healthFailures, 'failed health checks').toBe(0);
  expect.soft(figures.lostRoundTrips, 'lost round trips').toBe(0);
  expect.soft(figures.health.count, 'health checks made').toBeGreaterThanOrEqual(MIN_SAMPLES);
  expect.soft(figures.roundTrip.count, 'round trips made').toBeGreaterThanOrEqual(MIN_SAMPLES);
  expect.soft(room.closes, 'closes of the honest clients').toEqual([]);
}

/** The bounded duration of an attack: true until `ms` have passed. */
export function attackDeadline(ms: number): () => boolean {
  const end = performance.now() + ms;
  return () => performance.now() < end;
}
