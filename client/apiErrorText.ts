/**
 * The server's HTTP errors in the reader's language. Every error body carries a machine-readable
 * `code` beside its English `error` (and a `field` where one is at fault); each code this client
 * knows maps to a catalogue entry, and anything else, or no code at all, to the general sentence.
 */
import type { MessageKey } from '../shared/i18n/catalogues.ts';
import type { MessageValues, Translator } from '../shared/i18n/translator.ts';
import { NAME_MAX_LENGTH } from '../shared/nameLimits.ts';

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
  storeUnavailable: 'server.api.storeUnavailable',
  storeDamaged: 'server.api.storeDamaged',
  internal: 'server.api.internal',
} as const satisfies Record<string, MessageKey>;

export type ApiErrorCode = keyof typeof API_ERROR_KEYS;

/** The arguments some messages take: the limits they name. */
const VALUES: Partial<Record<ApiErrorCode, MessageValues>> = {
  titleTooLong: { max: TITLE_MAX_LENGTH },
  nameTooLong: { max: NAME_MAX_LENGTH },
};

export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && Object.hasOwn(API_ERROR_KEYS, code);
}

/** An error code in words; an unknown or missing code gets the general sentence. */
export function apiErrorText(tr: Translator, code: string | null | undefined): string {
  if (!isApiErrorCode(code)) return tr.t('error.generic');
  return tr.t(API_ERROR_KEYS[code], VALUES[code]);
}
