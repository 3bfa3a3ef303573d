/**
 * Adding a person to a board: a fresh participant id, a colour, the token row (unless the person
 * is a proxy) and the server-written entry in `participants`. Joins and the people a facilitator
 * adds (co-facilitators, proxies, projector links) all come in this way.
 */
import type { JoinResponse } from '../../shared/api.ts';
import {
  type Participant,
  putParticipant,
  readParticipants,
  type TransactionOrigin,
} from '../../shared/boardDoc.ts';
import { colorForIndex } from '../../shared/palette.ts';
import type { Tokens } from '../auth/tokens.ts';
import type { Awaitable, BoardRecord } from '../persistence/store.ts';
import type { Room } from '../rooms/room.ts';
import { BoardServiceError } from './boardServiceError.ts';
import { newParticipantId } from './ids.ts';

const SERVER: TransactionOrigin = 'server';

/** Who is coming in; the id, colour and time of arrival are the server's to choose. */
export type Newcomer = Omit<Participant, 'color' | 'joinedAt' | 'removed'>;

/** Adds a person who signs in with their own token. */
export async function admitWithToken(
  tokens: Tokens,
  room: Room,
  newcomer: Newcomer,
  at: number,
): Promise<JoinResponse> {
  const participantId = freshParticipantId(room);
  // The token row first: if the store refuses it, nobody half-joined the document.
  const token = await tokens.issue(
    { boardId: room.boardId, participantId, role: newcomer.role },
    at,
  );
  await put(room, participantId, newcomer, at);
  return { participantId, token };
}

/** Adds a proxy participant: no token, a facilitator places cards on their behalf. */
export async function admitProxy(
  room: Room,
  newcomer: Omit<Newcomer, 'proxy'>,
  at: number,
): Promise<string> {
  const participantId = freshParticipantId(room);
  await put(room, participantId, { ...newcomer, proxy: true }, at);
  return participantId;
}

/** Refuses an organisation the board was not created with. */
export function requireOrganisation(board: BoardRecord, organisation: string): void {
  if (!board.organisations.includes(organisation)) {
    throw new BoardServiceError(403, `"${organisation}" is not one of this board's organisations.`);
  }
}

function freshParticipantId(room: Room): string {
  const taken = readParticipants(room.doc);
  let participantId = newParticipantId();
  while (taken.has(participantId)) participantId = newParticipantId();
  return participantId;
}

/** Stored, then sent: runs inside the room's order (Room.exclusively). */
function put(room: Room, participantId: string, newcomer: Newcomer, at: number): Awaitable<void> {
  const participant: Participant = {
    ...newcomer,
    color: colorForIndex(readParticipants(room.doc).size),
    joinedAt: at,
  };
  return room.serverWrite((doc) => putParticipant(doc, participantId, participant, SERVER));
}
