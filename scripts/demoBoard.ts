/**
 * Fills a board on a running server with a small demo group, for trying the board out and for
 * screenshots: `tsx scripts/demoBoard.ts [baseUrl] [participants]`. Prints the facilitator link.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CreateBoardResponse, JoinResponse } from '../shared/api.ts';
import { setPhase, setPlacement } from '../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../shared/rubric.ts';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:8080';
const count = Number(process.argv[3] ?? 8);
const names = [
  'Ana',
  'Ben',
  'Cleo',
  'Dev',
  'Eli',
  'Fay',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kai',
  'Lea',
];

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function connect(
  boardId: string,
  token: string,
): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/ws`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return new Promise((resolve) => provider.once('sync', () => resolve({ doc, provider })));
}

const organisations = ['County Health', 'Family Alliance'];
const board = await post<CreateBoardResponse>('/api/boards', {
  title: 'Spring partnership retreat',
  organisations,
});
const cards = rubricCards(ELEMENTS_OF_PARTNERSHIP);
for (let i = 0; i < count; i++) {
  const joined = await post<JoinResponse>(`/api/boards/${board.boardId}/participants`, {
    joinCode: board.joinCode,
    name: names[i % names.length],
    organisation: organisations[i % 2],
  });
  const { doc, provider } = await connect(board.boardId, joined.token);
  for (const [index, card] of cards.entries()) {
    // A plausible group: most cards agree, every fifth is split into two camps.
    const split = index % 5 === 0;
    const centre = split ? (i % 2 === 0 ? 0.2 : 0.85) : 0.3 + ((index * 37) % 50) / 100;
    const x = Math.min(1, Math.max(0, centre + (((i * 13 + index * 7) % 11) - 5) / 60));
    setPlacement(doc, joined.participantId, card.id, { x, round: 1, at: Date.now() }, 'local');
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  provider.destroy();
  doc.destroy();
}
if (process.argv.includes('--reveal')) {
  const { doc, provider } = await connect(board.boardId, board.facilitatorToken);
  setPhase(doc, 'revealed', 'local');
  await new Promise((resolve) => setTimeout(resolve, 200));
  provider.destroy();
}
console.log(board.facilitatorUrl);
console.log(board.joinUrl);
process.exit(0);
