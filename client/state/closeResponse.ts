/**
 * What the board does when the server closes its connection: each close asks for a different
 * response, decided here in one place (pure, so it is tested without a browser). Close reasons
 * stay English on the wire (shared/closeCodes.ts); the notice is in the reader's language, and
 * a reason this client does not know gets a general sentence.
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
import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRejections.ts';
import { refusalText } from './refusalText.ts';

export type CloseResponse =
  /** Drop the local copy (memory and device) and start over from the server's. */
  | { kind: 'start-over'; notice: string; refusal: string }
  /** Stop: this device's identity is no use any more. */
  | { kind: 'signed-out'; notice: string; forgetIdentity: boolean }
  /** Stop, keep everything, and say why. */
  | { kind: 'stopped'; notice: string }
  /** The provider reconnects by itself; tell the person why it is taking a moment. */
  | { kind: 'retrying'; notice: string | null };

/** The access closes (4401), by reason. */
const SIGNED_OUT: ReadonlyMap<string, MessageKey> = new Map([
  [CLOSE_REASONS.originNotAllowed, 'server.close.originNotAllowed'],
  [CLOSE_REASONS.unknownBoard, 'server.close.unknownBoard'],
  [CLOSE_REASONS.boardDeleted, 'server.close.boardDeleted'],
  [CLOSE_REASONS.removed, 'server.close.removed'],
  [CLOSE_REASONS.coFacilitatorRevoked, 'server.close.coFacilitatorRevoked'],
]);

/** The closes of a board that cannot be served right now (4500), by reason. */
const UNAVAILABLE: ReadonlyMap<string, MessageKey> = new Map([
  [CLOSE_REASONS.accessUncheckable, 'server.close.accessUncheckable'],
  [CLOSE_REASONS.roomUnavailable, 'server.close.roomUnavailable'],
  [CLOSE_REASONS.roomDamaged, 'server.close.roomDamaged'],
  [CLOSE_REASONS.newerSchema, 'server.close.newerSchema'],
  [CLOSE_REASONS.serverError, 'server.close.serverError'],
  [CLOSE_REASONS.accessDamaged, 'server.close.accessDamaged'],
]);

export function closeResponse(code: number, reason: string, tr: Translator): CloseResponse {
  if (code === CLOSE_FORBIDDEN_WRITE) {
    if (reason === CLOSE_REASONS.boardFull) {
      return { kind: 'stopped', notice: tr.t('server.close.boardFull') };
    }
    const refusal = refusalText(tr, reason);
    return {
      kind: 'start-over',
      notice:
        reason === WRITE_REJECTIONS.placingClosed
          ? tr.t('server.close.placingClosed')
          : tr.t('server.close.notSaved', { reason: refusal }),
      refusal,
    };
  }
  if (code === CLOSE_UNAUTHORIZED) {
    // A foreign Origin is the deployment's problem: the token is still good.
    const originProblem = reason === CLOSE_REASONS.originNotAllowed;
    return {
      kind: 'signed-out',
      notice: tr.t(SIGNED_OUT.get(reason) ?? 'server.close.linkInvalid'),
      forgetIdentity: !originProblem,
    };
  }
  if (code === CLOSE_ROOM_UNAVAILABLE) {
    return { kind: 'retrying', notice: tr.t(UNAVAILABLE.get(reason) ?? 'server.close.unknown') };
  }
  // Nothing was lost: the copy on this device holds every change, and is sent on reconnecting.
  if (code === CLOSE_SAVING_PAUSED) {
    return { kind: 'retrying', notice: tr.t('server.close.savingPaused') };
  }
  if (code === CLOSE_OVERLOADED || code === CLOSE_RATE_LIMITED || code === CLOSE_BACKPRESSURE) {
    return { kind: 'retrying', notice: tr.t('server.close.busy') };
  }
  if (code >= 4400 && code < 4500) return { kind: 'stopped', notice: tr.t('server.close.unknown') };
  if (code === CLOSE_GOING_AWAY) return { kind: 'retrying', notice: null };
  return { kind: 'retrying', notice: null };
}
