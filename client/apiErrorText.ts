/**
 * The server's HTTP errors in the reader's language. Every error body carries a machine-readable
 * `code` beside its English `error` (and a `field` where one is at fault); each code this client
 * knows maps to a catalogue entry, and anything else, or no code at all, to the general sentence.
 */
import { type ApiErrorCode, isApiErrorCode } from '../shared/apiErrors.ts';
import type { MessageKey } from '../shared/i18n/catalogues.ts';
import type { MessageValues, Translator } from '../shared/i18n/translator.ts';
import { NAME_MAX_LENGTH } from '../shared/nameLimits.ts';
import { MAX_OPEN_PROPOSALS } from '../shared/proposals.ts';

/** The longest board title the server takes (shared/api.ts). */
const TITLE_MAX_LENGTH = 200;

export const API_ERROR_KEYS = {
  invalidJson: 'server.api.invalidJson',
  invalidBody: 'server.api.invalidBody',
  titleRequired: 'server.api.titleRequired',
  titleTooLong: 'server.api.titleTooLong',
  nameRequired: 'server.api.nameRequired',
  nameTooLong: 'server.api.nameTooLong',
  nameIsRoleWord: 'server.api.nameIsRoleWord',
  wrongJoinCode: 'server.api.wrongJoinCode',
  joiningClosed: 'server.api.joiningClosed',
  boardFull: 'server.api.boardFull',
  boardNotFound: 'server.api.boardNotFound',
  unauthorized: 'server.api.unauthorized',
  forbidden: 'server.api.forbidden',
  tooManyRequests: 'server.api.tooManyRequests',
  payloadTooLarge: 'server.api.payloadTooLarge',
  snapshotInvalid: 'server.api.snapshotInvalid',
  baselineNotFound: 'server.api.baselineNotFound',
  baselineMatchInvalid: 'server.api.baselineMatchInvalid',
  storeUnavailable: 'server.api.storeUnavailable',
  storeDamaged: 'server.api.storeDamaged',
  internal: 'server.api.internal',
  invalidUrl: 'server.api.invalidUrl',
  routeNotFound: 'server.api.routeNotFound',
  methodNotAllowed: 'server.api.routeNotFound',
  unsupportedMediaType: 'server.api.invalidJson',
  invalidQuery: 'server.api.invalidQuery',
  unknownOrganisation: 'server.api.unknownOrganisation',
  unknownJoinCode: 'server.api.unknownJoinCode',
  participantNotFound: 'server.api.participantNotFound',
  creatorNotRemovable: 'server.api.creatorNotRemovable',
  savingPaused: 'server.api.savingPaused',
  newerVersion: 'server.api.newerVersion',
  notInSetup: 'server.api.notInSetup',
  rubricTooManyRemovals: 'server.api.rubricTooManyRemovals',
  notDiscussing: 'server.api.notDiscussing',
  tooManyProposals: 'server.api.tooManyProposals',
  proposalNotFound: 'server.api.proposalNotFound',
  proposalDecided: 'server.api.proposalDecided',
  elementFull: 'server.api.elementFull',
  elementRemoved: 'server.api.elementRemoved',
  rubricTooLarge: 'server.api.rubricTooLarge',
} as const satisfies Record<ApiErrorCode, MessageKey>;

/** The arguments some messages take: the limits they name. */
const VALUES: Partial<Record<ApiErrorCode, MessageValues>> = {
  titleTooLong: { max: TITLE_MAX_LENGTH },
  nameTooLong: { max: NAME_MAX_LENGTH },
  tooManyProposals: { max: MAX_OPEN_PROPOSALS },
};

/** An error code in words; an unknown or missing code gets the general sentence. */
export function apiErrorText(tr: Translator, code: string | null | undefined): string {
  if (!isApiErrorCode(code)) return tr.t('error.generic');
  return tr.t(API_ERROR_KEYS[code], VALUES[code]);
}
