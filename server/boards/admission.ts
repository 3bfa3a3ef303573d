/**
 * Adding a person to a board: a fresh participant id, a colour, the token row (unless the person
 * is a proxy) and the server-written entry in `participants`. Joins and the people a facilitator
 * adds (co-facilitators, proxies, projector links) all come in this way. Nobody may go by a role
 * word ("Facilitator", "Observador", …) that the board would show as if it were their role.
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
  requireDisplayName(newcomer);
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
  requireDisplayName(newcomer);
  const participantId = freshParticipantId(room);
  await put(room, participantId, { ...newcomer, proxy: true }, at);
  return participantId;
}

/** Refuses an organisation the board was not created with. */
export function requireOrganisation(board: BoardRecord, organisation: string): void {
  if (!board.organisations.includes(organisation)) {
    throw new BoardServiceError(
      403,
      'unknownOrganisation',
      `"${organisation}" is not one of this board's organisations.`,
      'organisation',
    );
  }
}

/**
 * Refuses a join once the board holds `maxParticipants` people (removed ones do not count):
 * every newcomer downloads everyone, so an unbounded board would cost every later arrival.
 */
export function requireRoomForNewcomer(room: Room, maxParticipants: number): void {
  let present = 0;
  for (const participant of readParticipants(room.doc).values()) {
    if (!participant.removed) present += 1;
  }
  if (present >= maxParticipants) {
    throw new BoardServiceError(
      409,
      'boardFull',
      `This board is full: it takes at most ${maxParticipants} people (MAX_PARTICIPANTS_PER_BOARD).`,
    );
  }
}

/**
 * The role words of every shipped language, as `comparable` writes them: a display name equal to
 * one would pass its bearer off as a facilitator, the projector or a mere observer.
 */
const ROLE_WORDS = new Set(
  [
    'Facilitator',
    'Co-facilitator',
    'Projector',
    'Observer',
    'Participant',
    'Facilitador',
    'Facilitadora',
    'Cofacilitador',
    'Cofacilitadora',
    'Proyector',
    'Observador',
    'Observadora',
    'Participante',
  ].map(comparable),
);

/**
 * The names the server gives people itself, by role (the defaults of sessionAdmin.ts and
 * boardService.ts): role words, but true of whoever carries them.
 */
const SERVER_GIVEN_NAMES: Readonly<Record<Newcomer['role'], readonly string[]>> = {
  facilitator: ['Co-facilitator'],
  observer: ['Observer', 'Projector'],
  participant: [],
};

/**
 * A name as role words are compared: its letters alone, any case, no accents, so neither
 * "Facilitador/a" (how the Spanish interface shows the facilitator) nor "Participant 3" (an
 * anonymised export's name) can be typed by someone else.
 */
function comparable(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^\p{L}]/gu, '')
    .toLowerCase();
}

/** Refuses a display name that is a role word, unless the server gave it for that role. */
export function requireDisplayName(newcomer: Pick<Newcomer, 'name' | 'role'>): void {
  const { name, role } = newcomer;
  if (SERVER_GIVEN_NAMES[role].includes(name) || !ROLE_WORDS.has(comparable(name))) return;
  throw new BoardServiceError(
    400,
    'nameIsRoleWord',
    `name: "${name.trim()}" is a role on this board, not a display name; choose another name.`,
    'name',
  );
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
