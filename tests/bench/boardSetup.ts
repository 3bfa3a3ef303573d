/**
 * Setting up boards through Continuum's public interfaces (not measured): create a board, join
 * many participants (successful joins are never rate-limited), add a proxy participant, and run
 * a whole workshop on a board through raw-protocol clients.
 */
import type * as Y from 'yjs';
import type { AddProxyResponse, CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import {
  type Placement,
  placementOwners,
  readControl,
  readParticipants,
  readPlacements,
  readRounds,
  setControl,
  setFinal,
  setPhase,
  setPlacement,
  startRound,
} from '../../shared/boardDoc.ts';
import { cardStats } from '../../shared/boardStats.ts';
import { cardRound, frozenRound } from '../../shared/rounds.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { hasWritesOf } from './docDigest.ts';
import { RawClient } from './rawClient.ts';

async function request<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function createBoard(baseUrl: string, title: string): Promise<CreateBoardResponse> {
  return request<CreateBoardResponse>(`${baseUrl}/api/boards`, { title });
}

export interface Joined extends JoinResponse {
  name: string;
}

/**
 * Joins `count` participants named `<prefix> 1…count`, a few requests at a time. Not
 * "Participant N": the server refuses a role word as a name (`nameIsRoleWord`).
 */
export function joinParticipants(
  baseUrl: string,
  board: CreateBoardResponse,
  count: number,
  prefix = 'Person',
  concurrency = 8,
): Promise<Joined[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);
  return mapLimit(names, concurrency, async (name) => {
    const joined = await request<JoinResponse>(
      `${baseUrl}/api/boards/${board.boardId}/participants`,
      { joinCode: board.joinCode, name },
    );
    return { ...joined, name };
  });
}

/** A participant without a device, whose cards a facilitator places. */
export async function addProxy(
  baseUrl: string,
  board: CreateBoardResponse,
  name: string,
): Promise<string> {
  const created = await request<AddProxyResponse>(
    `${baseUrl}/api/boards/${board.boardId}/proxies`,
    { name },
    { Authorization: `Bearer ${board.facilitatorToken}` },
  );
  return created.participantId;
}

const WORKSHOP_WAIT_MS = 60_000;
const REASON =
  'We share plans early, but the budget decisions still arrive without us being asked first.';
const NOTE =
  'Agreed after discussion: closer to partnership than last year; procurement still sees it otherwise.';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + WORKSHOP_WAIT_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`workshop: timed out waiting for ${what}`);
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

/** The record the facilitator's client freezes when it starts a new round on the whole board. */
function closingRecord(doc: Y.Doc, cardIds: readonly string[]) {
  const participants = Object.fromEntries(readParticipants(doc));
  const rounds = readRounds(doc);
  const byCard = new Map<string, Record<string, Placement>>();
  for (const owner of placementOwners(doc)) {
    for (const [cardId, placement] of readPlacements(doc, owner)) {
      byCard.set(cardId, { ...byCard.get(cardId), [owner]: placement });
    }
  }
  const { positions, summaries } = frozenRound(cardIds, (cardId) =>
    cardStats(cardId, byCard.get(cardId), participants, rounds),
  );
  return { cardIds: [...cardIds], closedAt: Date.now(), positions, summaries };
}

/** Where a workshop runs: a server's HTTP API and its websocket addresses. */
export interface WorkshopServer {
  baseUrl: string;
  roomUrl(boardId: string, token: string): string;
}

export interface WorkshopOptions {
  participants: number;
  rounds: number;
  /** A first placement and then moves of every card, per round. */
  passes: number;
  /** Called once everyone has synced, before the first drop (e.g. to measure the empty board). */
  beforeDrops?: (facilitatorUrl: string) => Promise<void>;
  /** `false` leaves the last round open for placing (its passes made), as a phone joining mid-round sees it. */
  finish?: boolean;
}

export interface Workshop {
  board: CreateBoardResponse;
  facilitatorUrl: string;
  /** The participants who placed, with their tokens. */
  people: Joined[];
  drops: number;
  /** From the first drop to the last round's settings having reached everyone. */
  seconds: number;
  /** Closes every client of the workshop (the room unloads once they are gone). */
  leave(): Promise<void>;
}

/**
 * A workshop on a new board: the participants place all 48 cards and move each, `passes` times
 * a round (reasons on a quarter of the cards in the last pass), the facilitator reveals,
 * discusses (focusing each card), agrees every card with a note and starts the next round, or
 * ends the board (`final`) after the last. Every drop is its own transaction and update, as in
 * the browser; participants send theirs in bursts and the workshop waits for the server between
 * passes, not between drops. The clients stay connected until `leave()`.
 */
export async function runWorkshop(
  server: WorkshopServer,
  options: WorkshopOptions,
): Promise<Workshop> {
  const { rounds: roundCount, passes } = options;
  const board = await createBoard(server.baseUrl, 'Workshop');
  const facilitatorUrl = server.roomUrl(board.boardId, board.facilitatorToken);
  const facilitator = new RawClient(facilitatorUrl);
  const clients = [facilitator];
  const leave = () => mapLimit(clients, 100, (client) => client.close()).then(() => undefined);
  try {
    // The facilitator is in the room while people join, so it stays loaded (as at a retreat).
    await facilitator.whenSynced();
    const joined = await joinParticipants(server.baseUrl, board, options.participants);
    const participants = joined.map((person) => {
      const client = new RawClient(server.roomUrl(board.boardId, person.token));
      clients.push(client);
      return { client, participantId: person.participantId };
    });
    await Promise.all(participants.map(({ client }) => client.whenSynced()));
    await options.beforeDrops?.(facilitatorUrl);
    const cardIds = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
    const random = seeded(7);
    const started = performance.now();
    let drops = 0;
    for (let round = 1; round <= roundCount; round++) {
      await waitUntil(
        () =>
          participants.every(({ client }) => {
            const control = readControl(client.doc);
            return control.round === round && control.phase === 'placing';
          }),
        `round ${round} to open`,
      );
      for (let pass = 0; pass < passes; pass++) {
        participants.forEach(({ client, participantId }, who) => {
          const rounds = readRounds(client.doc);
          client.write((doc) =>
            cardIds.forEach((cardId, index) => {
              const withReason = pass === passes - 1 && index % 4 === who % 4;
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
      if (round === roundCount && options.finish === false) break;
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
        if (round < roundCount) startRound(doc, placed, true, 'local');
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
    const seconds = (performance.now() - started) / 1000;
    return { board, facilitatorUrl, people: joined, drops, seconds, leave };
  } catch (error) {
    await leave();
    throw error;
  }
}
