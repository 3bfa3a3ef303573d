/**
 * Who may write what. The server runs `checkUpdate` on every update a client sends, before it is
 * stored, applied or broadcast: updateResolver.ts finds the root and key of each write,
 * rootWriters.ts says who may write that kind of root in this phase, and this module adds who
 * the writer is (observer, removed, proxy) and the values: a placement's in its card's current
 * round, the session's settings (`control`) of their type and about this board, for
 * facilitators too.
 * Pure: a Y.Doc and bytes in, a verdict out; it reads the document and never writes to it.
 */
import * as Y from 'yjs';
import {
  isWellFormedControlValue,
  isWellFormedPlacement,
  type Phase,
  type Role,
  readControl,
  readMeta,
  readParticipant,
  readRoundCardIds,
  rootKind,
} from './boardDoc.ts';
import { closureInPhase, rootWriter } from './rootWriters.ts';
import { cardRound } from './rounds.ts';
import { rubricCards } from './rubric.ts';
import { unreachable } from './unreachable.ts';
import {
  type ResolutionFailure,
  type ResolvedWrite,
  resolveWrites,
  type WriteTarget,
} from './updateResolver.ts';
import { WRITE_REJECTIONS } from './writeRejections.ts';

export interface Writer {
  participantId: string;
  role: Role;
}

/** `malformed` marks updates that could not be read at all (as opposed to forbidden ones). */
export type WriteVerdict = { ok: true } | { ok: false; reason: string; malformed?: boolean };

export { WRITE_REJECTIONS };

const OK: WriteVerdict = { ok: true };

function reject(reason: string): WriteVerdict {
  return { ok: false, reason };
}

// ---------------------------------------------------------------------------------------------
// The writer: who they are, and what the table says of the root they write.

export function mayWrite(
  writer: Writer,
  phase: Phase,
  target: WriteTarget,
  doc: Y.Doc,
): WriteVerdict {
  if (writer.role === 'observer') return reject(WRITE_REJECTIONS.observer);
  if (readParticipant(doc, writer.participantId)?.removed === true) {
    return reject(WRITE_REJECTIONS.removed);
  }
  const facilitator = writer.role === 'facilitator';
  const root = rootKind(target.root);
  const allowed = rootWriter(root);
  switch (allowed.by) {
    case 'server':
      return reject(WRITE_REJECTIONS.serverOnly);
    case 'nobody':
      return reject(WRITE_REJECTIONS.unknownRoot);
    case 'facilitators':
      if (!facilitator) return reject(WRITE_REJECTIONS.notFacilitator);
      break;
    case 'placer':
      if (facilitator) {
        const participant = readParticipant(doc, allowed.participantId);
        if (participant?.proxy !== true || participant.removed === true) {
          return reject(WRITE_REJECTIONS.notProxy);
        }
      } else if (allowed.participantId !== writer.participantId) {
        return reject(WRITE_REJECTIONS.otherCard);
      }
      break;
    default:
      return unreachable(allowed);
  }
  const closure = closureInPhase(root, phase, target.key);
  return closure === null ? OK : reject(WRITE_REJECTIONS[closure]);
}

/** The close reason of an update that cannot be judged. */
function failureVerdict(failure: ResolutionFailure): WriteVerdict {
  switch (failure) {
    case 'unreadable':
      return { ok: false, reason: WRITE_REJECTIONS.unreadable, malformed: true };
    case 'missing':
      return reject(WRITE_REJECTIONS.missing);
    case 'contentless':
      return reject(WRITE_REJECTIONS.contentless);
    default:
      return unreachable(failure);
  }
}

export function resolveTargets(doc: Y.Doc, update: Uint8Array): WriteTarget[] | { error: string } {
  const resolved = resolveWrites(doc, update);
  if ('failure' in resolved) return { error: WRITE_REJECTIONS[resolved.failure] };
  return resolved.writes.map((write) => write.target);
}

// ---------------------------------------------------------------------------------------------
// Values.

/** What values are judged against: the board as the room has it, read once per update. */
interface BoardFacts {
  cardIds: ReadonlySet<string>;
  /** A card's current round (rounds.ts). */
  roundOf: (cardId: string) => number;
  /** `control.round` now. */
  round: number;
}

function boardFacts(doc: Y.Doc): BoardFacts {
  let rounds: { cardIds: string[] }[] | undefined;
  return {
    cardIds: boardCardIds(doc),
    roundOf: (cardId) => {
      rounds ??= readRoundCardIds(doc);
      return cardRound(cardId, rounds);
    },
    round: readControl(doc).round,
  };
}

/**
 * A `place:` item must hold plain, valid placements under a card id, in the card's current round.
 * Its time is not judged: an offline placement is honestly older than its upload, so readers
 * clamp it instead (rounds.ts).
 */
function checkPlacementValue(write: ResolvedWrite, board: BoardFacts): WriteVerdict {
  const { item } = write;
  if (item === null) return OK; // deletes carry no value
  if (write.nested || item.content instanceof Y.ContentType) {
    return reject(WRITE_REJECTIONS.nestedPlacement);
  }
  // Set and removed again before it was sent: no value remains.
  if (item.content instanceof Y.ContentDeleted) return OK;
  // Only the board's own cards, each with a well-formed value.
  const cardId = write.target.key;
  if (cardId === null || !board.cardIds.has(cardId)) {
    return reject(WRITE_REJECTIONS.invalidPlacement);
  }
  if (!(item.content instanceof Y.ContentAny)) return reject(WRITE_REJECTIONS.invalidPlacement);
  const values: unknown[] = item.content.getContent();
  if (!values.every(isWellFormedPlacement)) return reject(WRITE_REJECTIONS.invalidPlacement);
  // Well formed, so each value is a record with an integer round.
  const current = board.roundOf(cardId);
  const inRound = values.every((value) => (value as { round: number }).round === current);
  return inRound ? OK : reject(WRITE_REJECTIONS.wrongRound);
}

/**
 * A `control` write, by a facilitator: a plain value of its key's type, naming only this board's
 * cards, the round never going back. A key may be overwritten (which deletes the old value in
 * the same update) but not removed, since readers would fall back to a default (round 1).
 */
function checkControlValue(
  write: ResolvedWrite,
  board: BoardFacts,
  keysSet: ReadonlySet<string | null>,
): WriteVerdict {
  const { item } = write;
  const key = write.target.key;
  if (item === null) return keysSet.has(key) ? OK : reject(WRITE_REJECTIONS.controlRemoved);
  if (write.nested || key === null || item.content instanceof Y.ContentType) {
    return reject(WRITE_REJECTIONS.invalidControl);
  }
  if (item.content instanceof Y.ContentDeleted) return OK;
  if (!(item.content instanceof Y.ContentAny)) return reject(WRITE_REJECTIONS.invalidControl);
  for (const value of item.content.getContent() as unknown[]) {
    const verdict = checkControlSetting(key, value, board);
    if (!verdict.ok) return verdict;
  }
  return OK;
}

function checkControlSetting(key: string, value: unknown, board: BoardFacts): WriteVerdict {
  if (!isWellFormedControlValue(key, value)) return reject(WRITE_REJECTIONS.invalidControl);
  if (key === 'round' && (value as number) < board.round) {
    return reject(WRITE_REJECTIONS.roundBackwards);
  }
  const named = key === 'focusCardId' || key === 'roundCardIds' ? [value ?? []].flat() : [];
  const ours = named.every((cardId) => board.cardIds.has(cardId as string));
  return ours ? OK : reject(WRITE_REJECTIONS.invalidControl);
}

/** The card ids of the board's rubric (the keys a `place:` map may hold). */
function boardCardIds(doc: Y.Doc): ReadonlySet<string> {
  const rubric = readMeta(doc)?.rubric;
  return new Set(rubric ? rubricCards(rubric).map((card) => card.id) : []);
}

export function checkUpdate(doc: Y.Doc, update: Uint8Array, writer: Writer): WriteVerdict {
  const resolved = resolveWrites(doc, update);
  if ('failure' in resolved) return failureVerdict(resolved.failure);
  const { phase } = readControl(doc);
  let board: BoardFacts | undefined;
  // The control keys this update gives a value, so deleting their old value is an overwrite.
  const controlKeysSet = new Set(
    resolved.writes
      .filter((write) => write.item !== null && rootKind(write.target.root).kind === 'control')
      .map((write) => write.target.key),
  );
  for (const write of resolved.writes) {
    const verdict = mayWrite(writer, phase, write.target, doc);
    if (!verdict.ok) return verdict;
    const { kind } = rootKind(write.target.root);
    if (kind !== 'place' && kind !== 'control') continue;
    board ??= boardFacts(doc);
    const value =
      kind === 'place'
        ? checkPlacementValue(write, board)
        : checkControlValue(write, board, controlKeysSet);
    if (!value.ok) return value;
  }
  return OK;
}
