/**
 * A room's crowd for the browser tests and demos: people who join through the HTTP API and stay
 * connected as stock y-websocket clients with a presence, so the screens count them as here,
 * and who place all, some or none of the cards through their own connections. A proxy (someone
 * without a device) is placed for by the facilitator's connection.
 */
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { placeMap, setPlacement } from '../../shared/boardDoc.ts';
import { type Connected, connect, postJson } from './boardFiller.ts';
import { seededRandom } from './seededRandom.ts';

export interface CrowdMember {
  participantId: string;
  name: string;
  /** Cards this person placed in round 1. */
  placed: number;
  connection: Connected;
}

export interface CrowdPlan {
  size: number;
  cardIds: readonly string[];
  organisations: readonly string[];
  /** How many cards person `index` places (all, some or none). */
  cardsFor(index: number): number;
  /** Where they place a card: near `centre` for a lively but realistic spread. */
  centre(cardId: string): number;
  seed?: number;
}

/** Joins and connects `plan.size` people, each placing their cards through their own client. */
export async function joinCrowd(
  baseUrl: string,
  board: CreateBoardResponse,
  plan: CrowdPlan,
): Promise<CrowdMember[]> {
  const random = seededRandom(plan.seed ?? 13);
  const members: CrowdMember[] = [];
  for (let index = 0; index < plan.size; index++) {
    const name = `Person ${index + 1}`;
    const organisation = plan.organisations[index % plan.organisations.length];
    const joined = await postJson<JoinResponse>(
      baseUrl,
      `/api/boards/${board.boardId}/participants`,
      { joinCode: board.joinCode, name, ...(organisation ? { organisation } : {}) },
    );
    const connection = await connect(baseUrl, board.boardId, joined.token);
    connection.provider.awareness.setLocalState({
      user: { participantId: joined.participantId },
      drag: null,
    });
    const cards = plan.cardIds.slice(0, plan.cardsFor(index));
    connection.doc.transact(() => {
      for (const cardId of cards) {
        const x = Math.min(1, Math.max(0, plan.centre(cardId) + (random() - 0.5) * 0.3));
        setPlacement(
          connection.doc,
          joined.participantId,
          cardId,
          { x, round: 1, at: Date.now() },
          'local',
        );
      }
    }, 'local');
    members.push({ participantId: joined.participantId, name, placed: cards.length, connection });
  }
  await untilStored(baseUrl, board, members);
  return members;
}

/** Resolves once the facilitator's copy (the server's) holds everyone's placements. */
async function untilStored(
  baseUrl: string,
  board: CreateBoardResponse,
  expected: readonly { participantId: string; placed: number }[],
): Promise<void> {
  const watcher = await connect(baseUrl, board.boardId, board.facilitatorToken);
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const stored = expected.every(
        ({ participantId, placed }) => placeMap(watcher.doc, participantId).size === placed,
      );
      if (stored) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the crowd's placements did not all reach the server");
  } finally {
    watcher.close();
  }
}

/** Adds a proxy and places all `cardIds` for them through the facilitator's own connection. */
export async function addPlacedProxy(
  baseUrl: string,
  board: CreateBoardResponse,
  cardIds: readonly string[],
  centre: (cardId: string) => number,
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/boards/${board.boardId}/proxies`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${board.facilitatorToken}`,
    },
    body: JSON.stringify({ name: 'Pat (by proxy)' }),
  });
  if (!response.ok) throw new Error(`proxies: ${response.status}`);
  const { participantId } = (await response.json()) as { participantId: string };
  const facilitator = await connect(baseUrl, board.boardId, board.facilitatorToken);
  facilitator.doc.transact(() => {
    for (const cardId of cardIds) {
      setPlacement(
        facilitator.doc,
        participantId,
        cardId,
        { x: centre(cardId), round: 1, at: Date.now() },
        'local',
      );
    }
  }, 'local');
  await untilStored(baseUrl, board, [{ participantId, placed: cardIds.length }]);
  facilitator.close();
  return participantId;
}
