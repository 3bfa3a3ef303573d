/**
 * Setting up boards through Continuum's public HTTP API (not measured): create a board, join
 * many participants (successful joins are never rate-limited), add a proxy participant.
 */
import type { AddProxyResponse, CreateBoardResponse, JoinResponse } from '../../shared/api.ts';

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

/** Joins `count` participants named `<prefix> 1…count`, a few requests at a time. */
export function joinParticipants(
  baseUrl: string,
  board: CreateBoardResponse,
  count: number,
  prefix = 'Participant',
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
