/** A request the board services refuse, with the HTTP status, code and message the API answers. */
import type { ApiErrorCode } from '../../shared/apiErrors.ts';

export class BoardServiceError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: ApiErrorCode,
    message: string,
    /** The request's field at fault, when one is. */
    readonly field?: string,
  ) {
    super(message);
  }

  /** A failed guess of the join code: these are rate-limited per board. */
  get wrongJoinCode(): boolean {
    return this.code === 'wrongJoinCode';
  }
}
