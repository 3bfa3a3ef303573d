/**
 * What the HTTP API does to a live board, as named commands with plain data in and out: admit a
 * person, add a proxy, remove someone, read a participant, take a snapshot. Each runs inside the
 * board's room, in its order (RoomRegistry.withRoom). Being data, a command can also be carried
 * to the server process that holds the board's room when several processes share the boards
 * (docs/design.md, "Several servers"); one process runs them all itself (LocalBoardCommands).
 */
import type { JoinResponse } from '../../shared/api.ts';
import type { BaselineMatches, StoredBaseline } from '../../shared/baseline.ts';
import {
  type BaselineReport,
  baselineReport,
  invalidMatch,
} from '../../shared/baselineMatching.ts';
import {
  type Participant,
  putParticipant,
  readBaseline,
  readControl,
  readMeta,
  readParticipant,
  writeBaseline,
} from '../../shared/boardDoc.ts';
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import type { Proposal } from '../../shared/proposals.ts';
import type { RubricInput } from '../../shared/rubricInput.ts';
import { snapshotFromDoc } from '../../shared/snapshot/fromDoc.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import type { Tokens } from '../auth/tokens.ts';
import { RoomLoadError } from '../persistence/roomLoad.ts';
import type { Awaitable, Store } from '../persistence/store.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomRegistry } from '../rooms/roomRegistry.ts';
import { admitProxy, admitWithToken, type Newcomer, requireRoomForNewcomer } from './admission.ts';
import { BoardServiceError } from './boardServiceError.ts';
import {
  decideProposal,
  type NewProposal,
  proposalsOf,
  propose,
  replaceRubric,
} from './rubricCommands.ts';

/** Each command's input and what it answers. */
export interface BoardCommandTypes {
  /** A join through the board's code: refused while joining is closed or the board is full. */
  join: { input: { newcomer: Newcomer }; output: JoinResponse };
  /** A person the facilitator adds with their own link (co-facilitator, projector). */
  admit: { input: { newcomer: Newcomer }; output: JoinResponse };
  addProxy: { input: { newcomer: Omit<Newcomer, 'proxy'> }; output: { participantId: string } };
  /** Marks someone removed, revokes their tokens and closes their sockets with `close`. */
  remove: {
    input: { participantId: string; close: Close; onlyFacilitators: boolean };
    output: null;
  };
  participant: { input: { participantId: string }; output: Participant | null };
  snapshot: { input: { exportedAt: number; anonymous: boolean }; output: Snapshot | null };
  /** Replaces the rubric in Setup (rubricCommands.ts). */
  replaceRubric: { input: { rubric: RubricInput }; output: { retired: string[] } };
  propose: { input: { proposal: NewProposal }; output: Proposal };
  /** A participant's own proposals (`participantId`), or every one (null, for facilitators). */
  proposals: { input: { participantId: string | null }; output: Proposal[] };
  decideProposal: { input: { proposalId: string; accept: boolean }; output: Proposal };
  /** Attaches a baseline (replacing any, hand matches and all), or removes it (null). */
  setBaseline: { input: { baseline: StoredBaseline | null }; output: BaselineReport | null };
  /** Replaces the facilitator's hand matches of the board's baseline. */
  matchBaseline: { input: { manualMatches: BaselineMatches }; output: BaselineReport };
}

export type BoardCommandKind = keyof BoardCommandTypes;
export type BoardCommand<K extends BoardCommandKind = BoardCommandKind> = {
  [Kind in K]: { kind: Kind } & BoardCommandTypes[Kind]['input'];
}[K];
export type BoardCommandOutput<K extends BoardCommandKind> = BoardCommandTypes[K]['output'];

/**
 * Where commands run: in this process, or in the one holding the board's room. `notAfter` (by
 * the running process's clock): a command that has not started by then is not run at all, but
 * refused with RoomLoadError (its asker, in another process, has given up waiting for it).
 */
export interface BoardCommands {
  run<K extends BoardCommandKind>(
    boardId: string,
    command: BoardCommand<K>,
    notAfter?: number,
  ): Promise<BoardCommandOutput<K>>;
}

/** What a command needs besides the room. */
export interface BoardCommandContext {
  store: Store;
  tokens: Tokens;
  /** People a board takes through its join code (MAX_PARTICIPANTS_PER_BOARD). */
  maxParticipants: number;
  now: () => number;
}

type Handlers = {
  [K in BoardCommandKind]: (
    room: Room,
    command: BoardCommand<K>,
    context: BoardCommandContext,
  ) => Awaitable<BoardCommandOutput<K>>;
};

const HANDLERS: Handlers = {
  join(room, { newcomer }, { tokens, maxParticipants, now }) {
    if (!readControl(room.doc).joinOpen) {
      throw new BoardServiceError(
        403,
        'joiningClosed',
        'The facilitator has closed joining for this board.',
      );
    }
    requireRoomForNewcomer(room, maxParticipants);
    return admitWithToken(tokens, room, newcomer, now());
  },
  admit(room, { newcomer }, { tokens, now }) {
    return admitWithToken(tokens, room, newcomer, now());
  },
  async addProxy(room, { newcomer }, { now }) {
    return { participantId: await admitProxy(room, newcomer, now()) };
  },
  async remove(room, { participantId, close, onlyFacilitators }, { store, tokens, now }) {
    const participant = readParticipant(room.doc, participantId);
    if (participant === null || (onlyFacilitators && participant.role !== 'facilitator')) {
      const who = onlyFacilitators ? 'co-facilitator' : 'participant';
      throw new BoardServiceError(
        404,
        'participantNotFound',
        `There is no ${who} with that id on this board.`,
      );
    }
    if (participantId === (await store.creatorOf(room.boardId))) {
      throw new BoardServiceError(
        409,
        'creatorNotRemovable',
        "The board's creator cannot be removed.",
      );
    }
    await tokens.revokeAll(room.boardId, participantId, now());
    if (participant.removed !== true) {
      const removed = { ...participant, removed: true };
      await room.serverWrite((doc) => putParticipant(doc, participantId, removed, 'server'));
    }
    room.closeParticipant(participantId, close);
    return null;
  },
  participant(room, { participantId }) {
    return readParticipant(room.doc, participantId);
  },
  snapshot(room, { exportedAt, anonymous }) {
    return snapshotFromDoc(room.doc, room.boardId, { exportedAt, anonymous });
  },
  replaceRubric(room, { rubric }, { now }) {
    return replaceRubric(room, rubric, now());
  },
  propose(room, { proposal }, { now }) {
    return propose(room, proposal, now());
  },
  proposals(room, { participantId }) {
    return proposalsOf(room, participantId);
  },
  decideProposal(room, { proposalId, accept }, { now }) {
    return decideProposal(room, proposalId, accept, now());
  },
  async setBaseline(room, { baseline }) {
    // Removing what is not there writes nothing.
    if (baseline !== null || readBaseline(room.doc) !== null) {
      await room.serverWrite((doc) => writeBaseline(doc, baseline, 'server'));
    }
    const meta = readMeta(room.doc);
    return baseline && meta && baselineReport(meta.rubric, baseline);
  },
  async matchBaseline(room, { manualMatches }) {
    const baseline = readBaseline(room.doc);
    const meta = readMeta(room.doc);
    if (baseline === null || meta === null) {
      throw new BoardServiceError(404, 'baselineNotFound', 'This board has no baseline.');
    }
    const invalid = invalidMatch(meta.rubric, baseline, manualMatches);
    if (invalid) {
      throw new BoardServiceError(
        400,
        'baselineMatchInvalid',
        `${invalid.field}: ${invalid.message}`,
        invalid.field,
      );
    }
    const matched = { ...baseline, manualMatches };
    await room.serverWrite((doc) => writeBaseline(doc, matched, 'server'));
    return baselineReport(meta.rubric, matched);
  },
};

/** Runs a command on a room the caller holds, inside the room's order. */
export function runBoardCommand<K extends BoardCommandKind>(
  room: Room,
  command: BoardCommand<K>,
  context: BoardCommandContext,
): Awaitable<BoardCommandOutput<K>> {
  const handler = HANDLERS[command.kind] as Handlers[K];
  return handler(room, command, context);
}

/** Every command in this process: the board's room is loaded here if it is not yet. */
export class LocalBoardCommands implements BoardCommands {
  constructor(
    private readonly rooms: RoomRegistry,
    private readonly context: BoardCommandContext,
  ) {}

  run<K extends BoardCommandKind>(
    boardId: string,
    command: BoardCommand<K>,
    notAfter?: number,
  ): Promise<BoardCommandOutput<K>> {
    return this.rooms.withRoom(boardId, (room) => {
      // Checked in the board's order, right before it would run: a join nobody waits for any
      // more must not admit anyone.
      if (notAfter !== undefined && this.context.now() > notAfter) {
        throw new RoomLoadError(`board ${boardId}: a command came too late`, CLOSES.restarting);
      }
      return runBoardCommand(room, command, this.context);
    });
  }
}
