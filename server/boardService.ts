/**
 * What the server does with boards, apart from how requests arrive: create a board, let people
 * join it, and say who a token belongs to. The HTTP API and the websocket upgrade both use it.
 */
import * as Y from 'yjs';
import type {
  BoardInfo,
  CreateBoardRequest,
  JoinRequest,
  JoinResponse,
  MeResponse,
} from '../shared/api.ts';
import {
  initBoardDoc,
  type Participant,
  putParticipant,
  type Role,
  readControl,
  readParticipant,
  readParticipants,
  type TransactionOrigin,
} from '../shared/boardDoc.ts';
import { normalizeJoinCode } from '../shared/joinCode.ts';
import { colorForIndex } from '../shared/palette.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../shared/rubric.ts';
import { hashToken, newBoardId, newJoinCode, newParticipantId, newToken, sameHash } from './ids.ts';
import type { BoardRecord, SqliteStore } from './persistence/sqlite.ts';
import type { RoomRegistry } from './roomRegistry.ts';

const SERVER: TransactionOrigin = 'server';

export class BoardServiceError extends Error {
  constructor(
    readonly status: 403 | 404,
    message: string,
    /** A failed guess of the join code: these are rate-limited per address. */
    readonly wrongJoinCode = false,
  ) {
    super(message);
  }
}

export interface Identity {
  boardId: string;
  participantId: string;
  role: Role;
}

export interface CreatedBoard {
  board: BoardRecord;
  facilitatorToken: string;
}

export class BoardService {
  constructor(
    private readonly store: SqliteStore,
    private readonly rooms: RoomRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  createBoard(request: CreateBoardRequest): CreatedBoard {
    const createdAt = this.now();
    const board: BoardRecord = {
      boardId: newBoardId(),
      joinCode: this.freshJoinCode(),
      title: request.title,
      organisations: request.organisations ?? [],
      createdAt,
    };
    const facilitatorId = newParticipantId();
    const doc = new Y.Doc();
    initBoardDoc(
      doc,
      {
        title: board.title,
        createdAt,
        organisations: board.organisations,
        rubric: ELEMENTS_OF_PARTNERSHIP,
      },
      SERVER,
    );
    putParticipant(
      doc,
      facilitatorId,
      { name: 'Facilitator', role: 'facilitator', color: colorForIndex(0), joinedAt: createdAt },
      SERVER,
    );
    const facilitatorToken = newToken();
    this.store.createBoard(board, Y.encodeStateAsUpdate(doc), {
      tokenHash: hashToken(facilitatorToken),
      boardId: board.boardId,
      participantId: facilitatorId,
      role: 'facilitator',
      createdAt,
      revokedAt: null,
    });
    doc.destroy();
    return { board, facilitatorToken };
  }

  boardInfo(boardId: string): BoardInfo | null {
    const board = this.store.getBoard(boardId);
    return board ? toInfo(board) : null;
  }

  boardInfoByJoinCode(joinCode: string): BoardInfo | null {
    const board = this.store.findBoardByJoinCode(normalizeJoinCode(joinCode));
    return board ? toInfo(board) : null;
  }

  /** Adds a participant (or observer) to a board. Throws BoardServiceError on refusal. */
  join(boardId: string, request: JoinRequest): JoinResponse {
    const board = this.store.getBoard(boardId);
    if (!board) throw new BoardServiceError(404, 'There is no such board.');
    const code = normalizeJoinCode(request.joinCode);
    if (!sameHash(hashToken(code), hashToken(board.joinCode))) {
      throw new BoardServiceError(403, 'That join code is not right for this board.', true);
    }
    const role = request.role ?? 'participant';
    if (request.organisation !== undefined && !board.organisations.includes(request.organisation)) {
      throw new BoardServiceError(
        403,
        `"${request.organisation}" is not one of this board's organisations.`,
      );
    }
    return this.rooms.withRoom(boardId, (room) => {
      if (!readControl(room.doc).joinOpen) {
        throw new BoardServiceError(403, 'The facilitator has closed joining for this board.');
      }
      const participants = readParticipants(room.doc);
      let participantId = newParticipantId();
      while (participants.has(participantId)) participantId = newParticipantId();
      const joinedAt = this.now();
      const participant: Participant = {
        name: request.name ?? 'Observer',
        role,
        color: colorForIndex(participants.size),
        joinedAt,
      };
      if (request.organisation !== undefined) participant.organisation = request.organisation;
      const token = newToken();
      // The token row first: if the store refuses it, nobody half-joined the document.
      this.store.insertToken({
        tokenHash: hashToken(token),
        boardId,
        participantId,
        role,
        createdAt: joinedAt,
        revokedAt: null,
      });
      room.serverWrite((doc) => putParticipant(doc, participantId, participant, SERVER));
      return { participantId, token };
    });
  }

  /** Who a token is on a board, or null if it is unknown, revoked, removed or for another board. */
  authenticate(boardId: string, token: string): Identity | null {
    const hash = hashToken(token);
    const record = this.store.findToken(hash);
    if (!record || !sameHash(record.tokenHash, hash)) return null;
    if (record.boardId !== boardId || record.revokedAt !== null) return null;
    return { boardId, participantId: record.participantId, role: record.role };
  }

  me(identity: Identity): MeResponse {
    const participant = this.rooms.withRoom(identity.boardId, (room) =>
      readParticipant(room.doc, identity.participantId),
    );
    const me: MeResponse = {
      boardId: identity.boardId,
      participantId: identity.participantId,
      role: identity.role,
      name: participant?.name ?? '',
    };
    const board = identity.role === 'facilitator' ? this.store.getBoard(identity.boardId) : null;
    if (board) me.joinCode = board.joinCode;
    return me;
  }

  private freshJoinCode(): string {
    let code = newJoinCode();
    while (this.store.isJoinCodeTaken(code)) code = newJoinCode();
    return code;
  }
}

function toInfo(board: BoardRecord): BoardInfo {
  return { boardId: board.boardId, title: board.title, organisations: board.organisations };
}
