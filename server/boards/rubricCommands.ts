/**
 * The board commands that change a board's rubric once it exists (issue 16): the facilitator
 * replaces it in Setup, and proposals are made, accepted onto the board or declined while the
 * group discusses. Each runs inside the board's room (boardCommands.ts), so it reads and writes
 * the document in the board's order, on whichever server process holds the room. Only the server
 * writes `meta` and `proposals`; every screen follows from the document.
 */
import {
  controlMap,
  metaMap,
  placedCardIds,
  readControl,
  readMeta,
} from '../../shared/boardDoc.ts';
import {
  MAX_OPEN_PROPOSALS,
  MAX_PROPOSALS_PER_BOARD,
  openProposalsOf,
  type Proposal,
  proposalsMap,
  readProposal,
  readProposals,
} from '../../shared/proposals.ts';
import { type CardColumn, type Rubric, rubricCards } from '../../shared/rubric.ts';
import { editedRubric, withCardAdded } from '../../shared/rubricEdit.ts';
import type { RubricInput } from '../../shared/rubricInput.ts';
import { withSeedTranslations } from '../../shared/seedTranslations.ts';
import type { Room } from '../rooms/room.ts';
import { BoardServiceError } from './boardServiceError.ts';
import { newParticipantId } from './ids.ts';

/**
 * The most a board's rubric may hold, written out: eight elements of twelve cards in a few
 * languages with their earlier texts fit well within it; every screen receives the rubric.
 */
const MAX_RUBRIC_JSON_CHARS = 256 * 1024;

function currentRubric(room: Room): Rubric {
  const meta = readMeta(room.doc);
  if (meta === null) throw new BoardServiceError(404, 'boardNotFound', 'There is no such board.');
  // The editor starts from what screens show: a seed board stored before translations has them.
  return withSeedTranslations(meta.rubric);
}

/** Replaces the rubric; answers the ids of the cards it retired. */
export async function replaceRubric(
  room: Room,
  input: RubricInput,
  now: number,
): Promise<{ retired: string[] }> {
  if (readControl(room.doc).phase !== 'setup') {
    throw new BoardServiceError(
      409,
      'notInSetup',
      'The rubric can be edited only in Setup. Take the board back to Setup first.',
    );
  }
  const placed = placedCardIds(room.doc);
  const before = currentRubric(room);
  const edit = editedRubric(before, input, (cardId) => placed.has(cardId), now);
  if (!edit.ok) {
    throw new BoardServiceError(
      409,
      'rubricTooManyRemovals',
      'This board has had too many cards removed to remove more.',
    );
  }
  if (JSON.stringify(edit.rubric).length > MAX_RUBRIC_JSON_CHARS) {
    throw new BoardServiceError(
      409,
      'rubricTooLarge',
      'This rubric, with its earlier texts and retired cards, is too large for a board.',
    );
  }
  const control = readControl(room.doc);
  const roundCardIds = roundAfterEdit(control.roundCardIds, before, edit.rubric);
  await room.serverWrite((doc) => {
    metaMap(doc).set('rubric', edit.rubric);
    const controls = controlMap(doc);
    if (roundCardIds !== control.roundCardIds) controls.set('roundCardIds', roundCardIds);
    const focus = control.focusCardId;
    if (focus !== null && !rubricCards(edit.rubric).some((card) => card.id === focus)) {
      controls.set('focusCardId', null);
    }
  });
  return { retired: edit.retired };
}

/**
 * The open round's cards once the rubric changed: a round of some cards keeps those still on the
 * board and takes the new ones, so they can be placed when placing opens again (none left: the
 * whole board); a whole-board round already holds every card.
 */
function roundAfterEdit(
  roundCardIds: string[] | null,
  before: Rubric,
  after: Rubric,
): string[] | null {
  if (roundCardIds === null) return null;
  const earlier = new Set(rubricCards(before).map((card) => card.id));
  const now = rubricCards(after).map((card) => card.id);
  const kept = roundCardIds.filter((id) => now.includes(id));
  const added = now.filter((id) => !earlier.has(id));
  const next = [...kept, ...added];
  if (next.length === 0) return null;
  const same = next.length === roundCardIds.length && next.every((id, i) => id === roundCardIds[i]);
  return same ? roundCardIds : next;
}

export interface NewProposal {
  participantId: string;
  elementId: string;
  text: string;
  column: CardColumn;
  /** The language the text is written in, when the proposer's screen said. */
  language?: string | undefined;
}

/** A participant's proposal, kept for the facilitators. */
export async function propose(room: Room, request: NewProposal, now: number): Promise<Proposal> {
  if (readControl(room.doc).phase !== 'discussing') {
    throw new BoardServiceError(
      409,
      'notDiscussing',
      'Cards can be proposed only while the group is discussing.',
    );
  }
  if (!currentRubric(room).elements.some((element) => element.id === request.elementId)) {
    throw new BoardServiceError(
      400,
      'invalidBody',
      'elementId: this board has no such element.',
      'elementId',
    );
  }
  const proposals = readProposals(room.doc);
  if (openProposalsOf(proposals, request.participantId) >= MAX_OPEN_PROPOSALS) {
    throw new BoardServiceError(
      409,
      'tooManyProposals',
      `You already have ${MAX_OPEN_PROPOSALS} proposals waiting for the facilitator.`,
    );
  }
  if (proposals.length >= MAX_PROPOSALS_PER_BOARD) {
    throw new BoardServiceError(
      409,
      'tooManyProposals',
      `This board has had ${MAX_PROPOSALS_PER_BOARD} proposals; it takes no more.`,
    );
  }
  const proposal: Proposal = {
    id: `pr-${newParticipantId()}`,
    participantId: request.participantId,
    elementId: request.elementId,
    text: request.text,
    column: request.column,
    createdAt: now,
    status: 'open',
    ...(request.language === undefined ? {} : { language: request.language }),
  };
  await room.serverWrite((doc) => proposalsMap(doc).set(proposal.id, proposal));
  return proposal;
}

/** One person's proposals (a participant asks after their own), or all of them (facilitators). */
export function proposalsOf(room: Room, participantId: string | null): Proposal[] {
  const all = readProposals(room.doc);
  return participantId === null ? all : all.filter((p) => p.participantId === participantId);
}

/**
 * Accepts a proposal onto the board, or declines it. Accepted, it becomes a new card at the end
 * of its element, and the room places it at once: the phase returns to placing on a round of
 * that card (and of any card accepted into the round still open).
 */
export async function decideProposal(
  room: Room,
  proposalId: string,
  accept: boolean,
  now: number,
): Promise<Proposal> {
  const proposal = readProposal(room.doc, proposalId);
  if (proposal === null) {
    throw new BoardServiceError(404, 'proposalNotFound', 'That proposal is not on this board.');
  }
  if (proposal.status !== 'open') {
    throw new BoardServiceError(
      409,
      'proposalDecided',
      'That proposal has already been accepted or declined.',
    );
  }
  if (!accept) {
    const declined: Proposal = { ...proposal, status: 'declined', decidedAt: now };
    await room.serverWrite((doc) => proposalsMap(doc).set(proposalId, declined));
    return declined;
  }
  const control = readControl(room.doc);
  // Accepting opens placing: never on a locked board, nor in Setup, where the rubric is edited.
  if (control.phase === 'final' || control.phase === 'setup') {
    throw new BoardServiceError(
      409,
      'notDiscussing',
      'A proposal can be accepted only while the session runs, not in Setup or once locked.',
    );
  }
  const added = withCardAdded(currentRubric(room), proposal);
  if (!added.ok && added.reason === 'noSuchElement') {
    throw new BoardServiceError(
      409,
      'elementRemoved',
      'The element this proposal is for is no longer on the board.',
    );
  }
  if (!added.ok) {
    throw new BoardServiceError(
      409,
      'elementFull',
      'That element already holds as many cards as an element may. Remove one in Setup first.',
    );
  }
  const accepted: Proposal = {
    ...proposal,
    status: 'accepted',
    decidedAt: now,
    cardId: added.cardId,
  };
  // While the room places, the card joins the open round (a whole-board round holds it
  // already); otherwise placing opens on it alone.
  const placing = control.phase === 'placing';
  const roundCardIds = !placing
    ? [added.cardId]
    : control.roundCardIds === null
      ? null
      : [...control.roundCardIds, added.cardId];
  await room.serverWrite((doc) => {
    metaMap(doc).set('rubric', added.rubric);
    proposalsMap(doc).set(proposalId, accepted);
    const controls = controlMap(doc);
    controls.set('roundCardIds', roundCardIds);
    if (!placing) controls.set('phase', 'placing');
  });
  return accepted;
}
