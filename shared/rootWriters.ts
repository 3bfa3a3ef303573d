/**
 * Who may write which kind of root of the board document, and in which phase, stated once. The
 * server's write check (writeRules.ts) and its owners of Yjs client ids
 * (server/rooms/clientIdOwnership.ts) both read this table. Pure.
 */
import type { Phase, RootKind } from './boardDoc.ts';
import { unreachable } from './unreachable.ts';

/** Who writes a root. */
export type RootWriter =
  | { by: 'server' }
  | { by: 'facilitators' }
  /** The participant the placements belong to; for a proxy (no token), a facilitator. */
  | { by: 'placer'; participantId: string }
  /** A root this schema does not know. */
  | { by: 'nobody' };

export function rootWriter(root: RootKind): RootWriter {
  switch (root.kind) {
    case 'meta':
    case 'participants':
    case 'figures':
    case 'progress':
    case 'proposals':
    case 'baseline':
      return { by: 'server' };
    case 'control':
    case 'final':
    case 'rounds':
      return { by: 'facilitators' };
    case 'place':
      return { by: 'placer', participantId: root.participantId };
    case 'unknown':
      return { by: 'nobody' };
    default:
      return unreachable(root);
  }
}

/**
 * Why a root's own writer may not write it in this phase, or null when they may. `key` is the
 * key directly under the root that the write touches.
 */
export type PhaseClosure = 'locked' | 'placingClosed' | null;

/** The session settings a facilitator may still change on a locked board. */
const LOCKED_CONTROL_KEYS: ReadonlySet<string> = new Set(['phase', 'timer', 'roomLanguages']);

export function closureInPhase(root: RootKind, phase: Phase, key: string | null): PhaseClosure {
  switch (root.kind) {
    case 'control':
      // A locked session can only be reopened, and its timer stopped or set: a countdown left
      // running would end in "Time's up" on every screen of a finished session. The room's
      // languages change only how the wall and the report read, which is chosen at the end.
      return phase === 'final' && !LOCKED_CONTROL_KEYS.has(key ?? '') ? 'locked' : null;
    case 'final':
    case 'rounds':
      return phase === 'final' ? 'locked' : null;
    case 'place':
      return phase === 'placing' ? null : 'placingClosed';
    case 'meta':
    case 'participants':
    case 'figures':
    case 'progress':
    case 'proposals':
    case 'baseline':
    case 'unknown':
      return null;
    default:
      return unreachable(root);
  }
}
