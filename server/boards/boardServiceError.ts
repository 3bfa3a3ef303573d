/** A request the board services refuse, with the HTTP status and message the API answers. */
export class BoardServiceError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
    /** A failed guess of the join code: these are rate-limited per board. */
    readonly wrongJoinCode = false,
  ) {
    super(message);
  }
}
