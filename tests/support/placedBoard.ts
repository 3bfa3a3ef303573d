/**
 * A board on the running test server where real clients have placed cards (one with a reason)
 * and the facilitator has agreed a final position, for the export, delete and CLI tests.
 */
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { readFinal, readPlacement, setFinal, setPlacement } from '../../shared/boardDoc.ts';
import {
  connectClient,
  createBoard,
  joinBoard,
  type RunningServer,
  synced,
  type TestClient,
  waitFor,
} from './testServer.ts';

export interface PlacedBoard {
  board: CreateBoardResponse;
  ana: JoinResponse;
  ben: JoinResponse;
  /** Connected clients: the facilitator, Ana and Ben. The caller destroys them. */
  clients: TestClient[];
}

export const PLACED_TITLE = 'Spring retreat: “North”';

export async function placedBoard(running: RunningServer): Promise<PlacedBoard> {
  const board = await createBoard(running, {
    title: PLACED_TITLE,
    organisations: ['County', 'Alliance'],
  });
  const ana = await joinBoard(running, board, 'Ana Alvarez', { organisation: 'County' });
  const ben = await joinBoard(running, board, 'Ben Brandt');
  const clients = [
    connectClient(running, board.boardId, board.facilitatorToken),
    connectClient(running, board.boardId, ana.token),
    connectClient(running, board.boardId, ben.token),
  ];
  await Promise.all(clients.map(synced));
  const [facilitator, anaClient, benClient] = clients;
  if (!facilitator || !anaClient || !benClient) throw new Error('clients missing');
  const at = Date.now();
  setPlacement(
    anaClient.doc,
    ana.participantId,
    'trust.v1',
    { x: 0.25, round: 1, at, reason: '=1+1, "quoted"' },
    'local',
  );
  setPlacement(anaClient.doc, ana.participantId, 'trust.v2', { x: 0.5, round: 1, at }, 'local');
  setPlacement(benClient.doc, ben.participantId, 'trust.v1', { x: 0.75, round: 1, at }, 'local');
  setFinal(facilitator.doc, 'trust.v1', { x: 0.5, note: 'agreed' }, 'local');
  await waitFor(() => {
    const room = running.server.rooms.peek(board.boardId);
    return (
      room !== null &&
      readPlacement(room.doc, ben.participantId, 'trust.v1') !== null &&
      readPlacement(room.doc, ana.participantId, 'trust.v2') !== null &&
      readFinal(room.doc).has('trust.v1')
    );
  }, 'the placements to reach the server');
  return { board, ana, ben, clients };
}
