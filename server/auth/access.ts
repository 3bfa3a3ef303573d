/**
 * Who may use a board: the one place that turns a request's Origin and token into an identity
 * or a refusal. The websocket upgrade asks `ofSocket` (Origin, then token); the HTTP routes ask
 * `ofToken` (the token alone: a script or the export command has no page Origin to show).
 */
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import { DamagedRowError } from '../persistence/damagedRow.ts';
import type { Logger } from '../persistence/updateLog.ts';
import type { OriginPolicy } from './originPolicy.ts';
import type { Identity, Tokens } from './tokens.ts';

/** The headers of a websocket upgrade that access depends on. */
export interface SocketRequest {
  origin: string | undefined;
  host: string | undefined;
}

export type SocketAccess = { ok: true; identity: Identity } | { ok: false; refusal: Close };

export class Access {
  constructor(
    private readonly tokens: Tokens,
    private readonly origins: OriginPolicy,
    private readonly logger: Logger,
  ) {}

  /** Who a token is on a board, or null. Rejects if the store cannot be read. */
  async ofToken(boardId: string, token: string): Promise<Identity | null> {
    return token ? await this.tokens.verify(boardId, token) : null;
  }

  /** Who may open this socket; decided before the upgrade, from the request alone. */
  async ofSocket(
    request: SocketRequest,
    boardId: string | undefined,
    token: string,
  ): Promise<SocketAccess> {
    // A malformed board id is an unknown board: closed with 4401, so the stock provider stops.
    if (boardId === undefined) {
      return { ok: false, refusal: CLOSES.unknownBoard };
    }
    if (!this.origins.allows(request.origin, request.host)) {
      return { ok: false, refusal: CLOSES.originNotAllowed };
    }
    let identity: Identity | null;
    try {
      identity = await this.ofToken(boardId, token);
    } catch (error) {
      this.logger.error(`could not check a token for board ${boardId}: ${String(error)}`);
      // A token row that fails its checksum refuses that token alone, and says why.
      const damaged = error instanceof DamagedRowError;
      return { ok: false, refusal: damaged ? CLOSES.accessDamaged : CLOSES.accessUncheckable };
    }
    if (!identity) {
      return { ok: false, refusal: CLOSES.unknownBoard };
    }
    return { ok: true, identity };
  }
}
