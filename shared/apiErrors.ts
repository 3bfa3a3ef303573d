/**
 * What an HTTP error is, for machines: every error body of the API is
 * `{ error, code, field? }` (docs/http-api.md, "Errors"). `error` is an English sentence, stable
 * for logs and tools; `code` says which refusal it is, so the client shows it in the reader's
 * language; `field` names the one field at fault, when one is. Codes are a contract: add new
 * ones, never rename or reuse one. Pure data.
 */
export const API_ERROR_CODES = [
  // The request itself.
  'invalidUrl',
  'routeNotFound',
  'methodNotAllowed',
  'unsupportedMediaType',
  'payloadTooLarge',
  'invalidJson',
  'invalidBody',
  'invalidQuery',
  // Fields of a body.
  'titleRequired',
  'titleTooLong',
  'nameRequired',
  'nameTooLong',
  'nameIsRoleWord',
  'unknownOrganisation',
  // Boards and joining.
  'boardNotFound',
  'unknownJoinCode',
  'wrongJoinCode',
  'joiningClosed',
  'boardFull',
  'participantNotFound',
  'creatorNotRemovable',
  'snapshotInvalid',
  // The rubric and proposals (issue 16).
  'notInSetup',
  'rubricTooManyRemovals',
  'notDiscussing',
  'tooManyProposals',
  'proposalNotFound',
  'proposalDecided',
  'elementFull',
  'elementRemoved',
  'rubricTooLarge',
  'baselineNotFound',
  'baselineMatchInvalid',
  // Access.
  'unauthorized',
  'forbidden',
  'tooManyRequests',
  // The server and its store.
  'storeUnavailable',
  'storeDamaged',
  'savingPaused',
  'newerVersion',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  /** English, stable: for logs, tools and people without a translation. */
  error: string;
  code: ApiErrorCode;
  /** The field at fault (`title`, `name`, `placements.3.position`), when one is. */
  field?: string;
}

const KNOWN: ReadonlySet<string> = new Set(API_ERROR_CODES);

/** Whether a value is a code this version knows (a newer server may send others). */
export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}
