/** Deleting a board: its links stop working, its sockets close and the store forgets it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../shared/api.ts';
import { CLOSE_UNAUTHORIZED } from '../../shared/closeCodes.ts';
import { placedBoard } from '../support/placedBoard.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  nextClose,
  serverHarness,
  synced,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();

/** Rows that mention a board, table by table, read from the file by a second connection. */
function rowsOf(dataDir: string, boardId: string): Record<string, number> {
  const db = new Database(join(dataDir, 'continuum.sqlite'), { readonly: true });
  try {
    const count = (table: string) =>
      (
        db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE board_id = ?`).get(boardId) as {
          n: number;
        }
      ).n;
    return { boards: count('boards'), tokens: count('tokens'), updates: count('updates') };
  } finally {
    db.close();
  }
}

/** The store's files as bytes, to look for what should be gone. */
function storeBytes(dataDir: string): string {
  return ['continuum.sqlite', 'continuum.sqlite-wal']
    .map((name) => {
      try {
        return readFileSync(join(dataDir, name)).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('');
}

describe('DELETE /api/boards/:boardId', () => {
  it('is for facilitators only', async () => {
    const server = await harness.start();
    const board = await createBoard(server);
    const ana = await joinBoard(server, board, 'Ana');
    const wall = await joinBoard(server, board, 'Wall', { role: 'observer' });
    const path = `/api/boards/${board.boardId}`;
    expect((await callApi(server, 'DELETE', path)).status).toBe(401);
    for (const token of [ana.token, wall.token]) {
      const refused = await callApi<ErrorResponse>(server, 'DELETE', path, { token });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatch(/facilitator/);
    }
    expect(rowsOf(server.dataDir, board.boardId).boards).toBe(1);
  });

  it('deletes everything, closes every socket with 4401 and stops every link', async () => {
    const server = await harness.start();
    const placed = await placedBoard(server);
    harness.track(...placed.clients);
    const { board, ana } = placed;
    // A name to look for in the file afterwards, and a board that must survive.
    const marker = await joinBoard(server, board, 'Zygmunt Quillfeather');
    const other = await createBoard(server, { title: 'Other board' });
    const otherClient = harness.client(server, other.boardId, other.facilitatorToken);
    await synced(otherClient);
    await waitFor(() => storeBytes(server.dataDir).includes('Zygmunt'), 'the name to be stored');

    const closes = placed.clients.map(nextClose);
    const deleted = await callApi(server, 'DELETE', `/api/boards/${board.boardId}`, {
      token: board.facilitatorToken,
    });
    expect(deleted.status).toBe(204);
    for (const close of await Promise.all(closes)) {
      expect(close).toEqual({ code: CLOSE_UNAUTHORIZED, reason: 'This board was deleted' });
    }
    expect(server.server.rooms.peek(board.boardId)).toBeNull();

    expect((await callApi(server, 'GET', `/api/boards/${board.boardId}`)).status).toBe(404);
    expect((await callApi(server, 'GET', `/api/join/${board.joinCode}`)).status).toBe(404);
    for (const token of [board.facilitatorToken, ana.token, marker.token]) {
      const me = await callApi(server, 'GET', `/api/boards/${board.boardId}/me`, { token });
      expect(me.status).toBe(401);
    }
    const again = harness.client(server, board.boardId, ana.token);
    expect((await nextClose(again)).code).toBe(CLOSE_UNAUTHORIZED);
    const twice = await callApi(server, 'DELETE', `/api/boards/${board.boardId}`, {
      token: board.facilitatorToken,
    });
    expect(twice.status).toBe(401);

    expect(rowsOf(server.dataDir, board.boardId)).toEqual({ boards: 0, tokens: 0, updates: 0 });
    const bytes = storeBytes(server.dataDir);
    for (const gone of ['Zygmunt', 'Ana Alvarez', 'Spring retreat', board.boardId]) {
      expect(bytes).not.toContain(gone);
    }
    expect(bytes).toContain('Other board');
    expect(otherClient.provider.wsconnected).toBe(true);

    // Nothing comes back after the closed sockets are gone, nor after a restart.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rowsOf(server.dataDir, board.boardId)).toEqual({ boards: 0, tokens: 0, updates: 0 });
    await harness.stop();
    const running = await harness.start(server.dataDir);
    expect((await callApi(running, 'GET', `/api/boards/${board.boardId}`)).status).toBe(404);
    expect((await callApi(running, 'GET', `/api/boards/${other.boardId}`)).status).toBe(200);
  });
});
