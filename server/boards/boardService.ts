/**
 * What the server does with boards, apart from how requests arrive: create, restore, export and
 * delete a board, and let people join it. Who a token belongs to is auth/'s to say; what
 * facilitators do to the people of a board is in sessionAdmin.ts.
 */
import * as Y from 'yjs';
import type {
  BoardInfo,
  CreateBoardRequest,
  JoinRequest,
  JoinResponse,
  MeResponse,
} from '../../shared/api.ts';
import type { BaselineMatches } from '../../shared/baseline.ts';
import { baselineFromSnapshot } from '../../shared/baselineFromSnapshot.ts';
import type { BaselineReport } from '../../shared/baselineMatching.ts';
import {
  initBoardDoc,
  putParticipant,
  readParticipants,
  type TransactionOrigin,
  writeBaseline,
} from '../../shared/boardDoc.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import { normalizeJoinCode } from '../../shared/joinCode.ts';
import { colorForIndex } from '../../shared/palette.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../shared/rubric.ts';
import { rubricFromInput } from '../../shared/rubricInput.ts';
import type { ParsedSnapshot } from '../../shared/snapshot/parse.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import type { TimelineResponse } from '../../shared/timeline.ts';
import { hashToken, type Identity, mintToken, sameHash, type Tokens } from '../auth/tokens.ts';
import { RoomLoadError } from '../persistence/roomLoad.ts';
import type { BoardRecord, Store } from '../persistence/store.ts';
import { readTimeline, timelineRows, withTimeline } from '../persistence/storedTimeline.ts';
import type { BoardRooms } from '../rooms/boardRooms.ts';
import { type Newcomer, requireOrganisation } from './admission.ts';
import type { BoardCommands } from './boardCommands.ts';
import { BoardServiceError } from './boardServiceError.ts';
import { newBoardId, newJoinCode, newParticipantId } from './ids.ts';
import { restoreBoardDoc } from './snapshotRestore.ts';

const SERVER: TransactionOrigin = 'server';

export interface CreatedBoard {
  board: BoardRecord;
  facilitatorToken: string;
}

export class BoardService {
  constructor(
    private readonly store: Store,
    private readonly rooms: BoardRooms,
    readonly _tokens: Tokens,
    private readonly commands: BoardCommands,
    private readonly now: () => number = Date.now,
  ) {}

  /** `baseline`: an earlier board's checked snapshot to compare with (the request's, parsed). */
  createBoard(request: CreateBoardRequest, baseline?: ParsedSnapshot): Promise<CreatedBoard> {
    const createdAt = this.now();
    const details = { title: request.title, organisations: request.organisations ?? [], createdAt };
    const doc = new Y.Doc();
    const rubric = request.rubric ? rubricFromInput(request.rubric) : ELEMENTS_OF_PARTNERSHIP;
    initBoardDoc(doc, { ...details, rubric }, SERVER);
    if (baseline) writeBaseline(doc, baselineFromSnapshot(baseline), SERVER);
    return this.storeNewBoard(doc, details);
  }

  /** Gives a board a baseline from an earlier board's checked snapshot, replacing any. */
  async attachBaseline(boardId: string, snapshot: ParsedSnapshot): Promise<BaselineReport> {
    const baseline = baselineFromSnapshot(snapshot);
    const report = await this.commands.run(boardId, { kind: 'setBaseline', baseline });
    if (!report) throw new RoomLoadError(`board ${boardId} has no readable meta`);
    return report;
  }

  async removeBaseline(boardId: string): Promise<void> {
    await this.commands.run(boardId, { kind: 'setBaseline', baseline: null });
  }

  matchBaseline(boardId: string, manualMatches: BaselineMatches): Promise<BaselineReport> {
    return this.commands.run(boardId, { kind: 'matchBaseline', manualMatches });
  }

  /** A new board holding everything a checked snapshot held, with its own id, code and links. */
  async importBoard(snapshot: ParsedSnapshot): Promise<CreatedBoard> {
    const doc = restoreBoardDoc(snapshot, newParticipantId);
    const created = await this.storeNewBoard(doc, {
      title: snapshot.board.title,
      organisations: snapshot.board.organisations,
      createdAt: Date.parse(snapshot.board.createdAt),
    });
    // The day's figures go to the store beside the board, never into its document.
    if (snapshot.timeline && snapshot.timeline.length > 0) {
      await this.store.appendTimeline(created.board.boardId, timelineRows(snapshot.timeline));
    }
    return created;
  }

  /**
   * Deletes a board and everything stored about it, then closes its sockets with 4401 and drops
   * its room unstored: its links stop working at once.
   */
  async deleteBoard(boardId: string): Promise<void> {
    if (!(await this.store.deleteBoard(boardId)))
      throw new BoardServiceError(404, 'boardNotFound', 'There is no such board.');
    await this.rooms.closeBoard(boardId, CLOSES.boardDeleted);
  }

  /**
   * The board as a snapshot; with its timeline (read from the store) unless `withDay` is false:
   * only the JSON file carries it, so the CSV files and the rubric file never read it.
   */
  async snapshot(boardId: string, anonymous: boolean, withDay = true): Promise<Snapshot> {
    const exportedAt = this.now();
    const snapshot = await this.commands.run(boardId, { kind: 'snapshot', exportedAt, anonymous });
    // A room only loads with readable meta, so this is a board the store mangled.
    if (!snapshot) throw new RoomLoadError(`board ${boardId} has no readable meta`);
    return withDay ? withTimeline(snapshot, this.store, boardId) : snapshot;
  }

  /** The board's figures over the day, as recorded so far (facilitators only). */
  async timeline(boardId: string): Promise<TimelineResponse> {
    return { boardId, entries: await readTimeline(this.store, boardId) };
  }

  async boardInfo(boardId: string): Promise<BoardInfo | null> {
    const board = await this.store.getBoard(boardId);
    return board ? toInfo(board) : null;
  }

  async boardInfoByJoinCode(joinCode: string): Promise<BoardInfo | null> {
    const board = await this.store.findBoardByJoinCode(normalizeJoinCode(joinCode));
    return board ? toInfo(board) : null;
  }

  /** Adds a participant (or observer) to a board. Throws BoardServiceError on refusal. */
  async join(boardId: string, request: JoinRequest): Promise<JoinResponse> {
    const board = await this.store.getBoard(boardId);
    if (!board) throw new BoardServiceError(404, 'boardNotFound', 'There is no such board.');
    const code = normalizeJoinCode(request.joinCode);
    if (!sameHash(hashToken(code), hashToken(board.joinCode))) {
      throw new BoardServiceError(
        403,
        'wrongJoinCode',
        'That join code is not right for this board.',
        'joinCode',
      );
    }
    const newcomer: Newcomer = {
      name: request.name ?? 'Observer',
      role: request.role ?? 'participant',
    };
    if (request.organisation !== undefined) {
      requireOrganisation(board, request.organisation);
      newcomer.organisation = request.organisation;
    }
    return this.commands.run(boardId, { kind: 'join', newcomer });
  }

  async me(identity: Identity): Promise<MeResponse> {
    const participant = await this.commands.run(identity.boardId, {
      kind: 'participant',
      participantId: identity.participantId,
    });
    const me: MeResponse = {
      boardId: identity.boardId,
      participantId: identity.participantId,
      role: identity.role,
      name: participant?.name ?? '',
    };
    // Facilitators share the code; the projector (an observer) shows it on the wall.
    const board =
      identity.role !== 'participant' ? await this.store.getBoard(identity.boardId) : null;
    if (board) me.joinCode = board.joinCode;
    return me;
  }

  /** Adds the creating facilitator to a board's first document and stores it, all or nothing. */
  private async storeNewBoard(
    doc: Y.Doc,
    details: Omit<BoardRecord, 'boardId' | 'joinCode'>,
  ): Promise<CreatedBoard> {
    const joinedAt = this.now();
    const board: BoardRecord = {
      boardId: newBoardId(),
      joinCode: await this.freshJoinCode(),
      ...details,
    };
    const taken = readParticipants(doc);
    let facilitatorId = newParticipantId();
    while (taken.has(facilitatorId)) facilitatorId = newParticipantId();
    putParticipant(
      doc,
      facilitatorId,
      { name: 'Facilitator', role: 'facilitator', color: colorForIndex(0), joinedAt },
      SERVER,
    );
    const { token, record } = mintToken(
      { boardId: board.boardId, participantId: facilitatorId, role: 'facilitator' },
      joinedAt,
    );
    const initialState = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await this.store.createBoard(board, initialState, record);
    return { board, facilitatorToken: token };
  }

  private async freshJoinCode(): Promise<string> {
    let code = newJoinCode();
    while (await this.store.isJoinCodeTaken(code)) code = newJoinCode();
    return code;
  }
}

function toInfo(board: BoardRecord): BoardInfo {
  return { boardId: board.boardId, title: board.title, organisations: board.organisations };
}
