/**
 * Puts people and placements on a board of a running server through its public interfaces
 * (HTTP join, stock y-websocket clients), for browser tests, benchmarks and demos.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import {
  type Control,
  type Phase,
  placeMap,
  readControl,
  setControl,
  setPhase,
  setPlacement,
} from '../../shared/boardDoc.ts';

export interface Connected {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

export async function postJson<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A stock y-websocket client in Node, resolved once it has synced with the server. */
export function connect(baseUrl: string, boardId: string, token: string): Promise<Connected> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/ws`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const close = () => {
    provider.destroy();
    doc.destroy();
  };
  return new Promise((resolve) => provider.once('sync', () => resolve({ doc, provider, close })));
}

/** Waits until the server has echoed everything: a fresh client sees `check` hold. */
async function settle(baseUrl: string, board: CreateBoardResponse, check: (doc: Y.Doc) => boolean) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const observer = await connect(baseUrl, board.boardId, board.facilitatorToken);
    const done = check(observer.doc);
    observer.close();
    if (done) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the board did not settle');
}

export interface Person {
  name: string;
  organisation?: string;
  /** cardId → position placed in round 1. */
  placements: Record<string, number>;
  reasons?: Record<string, string>;
}

/** Joins each person and places their cards; returns their participant ids in order. */
export async function fillBoard(
  baseUrl: string,
  board: CreateBoardResponse,
  people: readonly Person[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const person of people) {
    const joined = await postJson<JoinResponse>(
      baseUrl,
      `/api/boards/${board.boardId}/participants`,
      {
        joinCode: board.joinCode,
        name: person.name,
        ...(person.organisation ? { organisation: person.organisation } : {}),
      },
    );
    ids.push(joined.participantId);
    const client = await connect(baseUrl, board.boardId, joined.token);
    for (const [cardId, x] of Object.entries(person.placements)) {
      const reason = person.reasons?.[cardId];
      setPlacement(
        client.doc,
        joined.participantId,
        cardId,
        { x, round: 1, at: Date.now(), ...(reason ? { reason } : {}) },
        'local',
      );
    }
    const expected = Object.keys(person.placements).length;
    await settle(baseUrl, board, (doc) => placeMap(doc, joined.participantId).size === expected);
    client.close();
  }
  return ids;
}

export async function setBoardPhase(
  baseUrl: string,
  board: CreateBoardResponse,
  phase: Phase,
): Promise<void> {
  const facilitator = await connect(baseUrl, board.boardId, board.facilitatorToken);
  setPhase(facilitator.doc, phase, 'local');
  await settle(baseUrl, board, (doc) => readControl(doc).phase === phase);
  facilitator.close();
}

/** Sets one of the board's controls as its facilitator would, once the server holds it. */
export async function setBoardControl<K extends keyof Control>(
  baseUrl: string,
  board: CreateBoardResponse,
  key: K,
  value: Control[K],
): Promise<void> {
  const facilitator = await connect(baseUrl, board.boardId, board.facilitatorToken);
  setControl(facilitator.doc, key, value, 'local');
  await settle(
    baseUrl,
    board,
    (doc) => JSON.stringify(readControl(doc)[key]) === JSON.stringify(value),
  );
  facilitator.close();
}
