/**
 * What the board does when the server closes its connection: each close asks for a different
 * response, decided here in one place (pure, so it is tested without a browser).
 */
import {
  CLOSE_BACKPRESSURE,
  CLOSE_FORBIDDEN_WRITE,
  CLOSE_GOING_AWAY,
  CLOSE_OVERLOADED,
  CLOSE_RATE_LIMITED,
  CLOSE_REASONS,
  CLOSE_ROOM_UNAVAILABLE,
  CLOSE_SAVING_PAUSED,
  CLOSE_UNAUTHORIZED,
} from '../../shared/closeCodes.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRules.ts';

export const PLACING_CLOSED = 'Placing is closed — your last move was not saved.';
export const SAVING_PAUSED =
  'Saving is paused on the server — your changes are kept on this device and will be sent when it resumes.';

export type CloseResponse =
  /** Drop the local copy (memory and device) and start over from the server's. */
  | { kind: 'start-over'; notice: string }
  /** Stop: this device's identity is no use any more. */
  | { kind: 'signed-out'; notice: string; forgetIdentity: boolean }
  /** Stop, keep everything, and say why. */
  | { kind: 'stopped'; notice: string }
  /** The provider reconnects by itself; tell the person why it is taking a moment. */
  | { kind: 'retrying'; notice: string | null };

export function closeResponse(code: number, reason: string): CloseResponse {
  if (code === CLOSE_FORBIDDEN_WRITE) {
    if (reason === CLOSE_REASONS.boardFull) return { kind: 'stopped', notice: `${reason}.` };
    return {
      kind: 'start-over',
      notice:
        reason === WRITE_REJECTIONS.placingClosed
          ? PLACING_CLOSED
          : `${reason || 'That change was refused'} — your last move was not saved.`,
    };
  }
  if (code === CLOSE_UNAUTHORIZED) {
    // A foreign Origin is the deployment's problem: the token is still good.
    const originProblem = reason === CLOSE_REASONS.originNotAllowed;
    return {
      kind: 'signed-out',
      notice: originProblem
        ? 'This address is not allowed to connect to the board (ask the organiser to check ALLOWED_ORIGINS).'
        : `${reason || 'This link is no longer valid for this board'}.`,
      forgetIdentity: !originProblem,
    };
  }
  if (code === CLOSE_ROOM_UNAVAILABLE) return { kind: 'retrying', notice: reason || null };
  // Nothing was lost: the copy on this device holds every change, and is sent on reconnecting.
  if (code === CLOSE_SAVING_PAUSED) return { kind: 'retrying', notice: SAVING_PAUSED };
  if (code === CLOSE_OVERLOADED || code === CLOSE_RATE_LIMITED || code === CLOSE_BACKPRESSURE) {
    return { kind: 'retrying', notice: 'The server is busy — reconnecting…' };
  }
  if (code >= 4400 && code < 4500) return { kind: 'stopped', notice: reason || 'Disconnected.' };
  if (code === CLOSE_GOING_AWAY) return { kind: 'retrying', notice: null };
  return { kind: 'retrying', notice: null };
}
