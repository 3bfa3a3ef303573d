/**
 * Who may write what. The server runs `checkUpdate` on every update a client sends, before it is
 * stored, applied or broadcast: updateResolver.ts finds the root and key of each write,
 * rootWriters.ts says who may write that kind of root in this phase, and this module adds who
 * the writer is (observer, removed, proxy) and the placements' values.
 * Pure: a Y.Doc and bytes in, a verdict out; it reads the document and never writes to it.
 */
import * as Y from 'yjs';
import {
  isWellFormedPlacement,
  type Phase,
  type Role,
  readControl,
  readMeta,
  readParticipant,
  rootKind,
} from './boardDoc.ts';
import { closureInPhase, rootWriter } from './rootWriters.ts';
import { rubricCards } from './rubric.ts';
import { unreachable } from './unreachable.ts';
import {
  type ResolutionFailure,
  type ResolvedWrite,
  resolveWrites,
  type WriteTarget,
} from './updateResolver.ts';

export interface Writer {
  participantId: string;
  role: Role;
}

/** `malformed` marks updates that could not be read at all (as opposed to forbidden ones). */
export type WriteVerdict = { ok: true } | { ok: false; reason: string; malformed?: boolean };

/** Close reasons; each stays well under the websocket limit of 123 bytes. */
export const WRITE_REJECTIONS = {
  observer: 'Observers cannot change the board',
  removed: 'You have been removed from this board',
  serverOnly: 'Only the server may change the board settings or participants',
  unknownRoot: 'This change touches an unknown part of the board',
  notFacilitator: 'Only the facilitator may change the session',
  otherCard: 'That card belongs to another participant',
  notProxy: 'The facilitator may only place cards for a proxy participant',
  placingClosed: 'Placing is closed',
  locked: 'The session is locked; it can only be reopened',
  invalidPlacement: 'That is not a valid card position',
  nestedPlacement: 'Card positions cannot hold nested data',
  unreadable: 'This update could not be read',
  missing: 'This update depends on changes the server does not have',
} as const;

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

/** A `place:` item must hold plain, valid placements under a card id. */
function checkPlacementValue(write: ResolvedWrite, cardIds: ReadonlySet<string>): WriteVerdict {
  const { item } = write;
  if (item === null) return OK; // deletes carry no value
  if (write.nested || item.content instanceof Y.ContentType) {
    return reject(WRITE_REJECTIONS.nestedPlacement);
  }
  // Set and removed again before it was sent: no value remains.
  if (item.content instanceof Y.ContentDeleted) return OK;
  // Only the board's own cards, each with a well-formed value.
  if (write.target.key === null || !cardIds.has(write.target.key)) {
    return reject(WRITE_REJECTIONS.invalidPlacement);
  }
  if (!(item.content instanceof Y.ContentAny)) return reject(WRITE_REJECTIONS.invalidPlacement);
  const values: unknown[] = item.content.getContent();
  return values.every(isWellFormedPlacement) ? OK : reject(WRITE_REJECTIONS.invalidPlacement);
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
  let cardIds: ReadonlySet<string> | undefined;
  for (const write of resolved.writes) {
    const verdict = mayWrite(writer, phase, write.target, doc);
    if (!verdict.ok) return verdict;
    if (rootKind(write.target.root).kind === 'place') {
      cardIds ??= boardCardIds(doc);
      const value = checkPlacementValue(write, cardIds);
      if (!value.ok) return value;
    }
  }
  return OK;
}
